/**
 * Walks the source folder and hashes every file (SHA-256) with bounded concurrency. Small files
 * are read in one call and their content kept (up to a memory budget) so an upload does not
 * read them again; large files are streamed.
 *
 * Nothing outside the source folder is read: a symbolic link is resolved first, and one whose
 * target lies outside the folder is refused (an input error naming it, before any upload) or,
 * with `symlinks: skip`, left out with a warning. Every file is opened as open-file.ts does it
 * (O_NOFOLLOW, then fstat): its device and inode are recorded here, and every later read (the
 * comparison's MD5, the upload, streamed or whole) must open that same file, so one replaced
 * by a link after the walk is refused, naming it, before any of its bytes is read. A file name with a control character (a
 * newline, a carriage return, ESC...) is refused: it cannot be a web path and would corrupt the
 * log and the changed-paths file.
 */
import { createHash } from 'node:crypto';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ConfigurationError } from '../lib/errors.js';
import {
  digestDescriptor,
  readDescriptor,
  withSourceFile,
  type FileIdentity,
} from './open-file.js';
import { mapLimit } from './pool.js';

/** What to do with a symbolic link whose target is outside the source folder. */
export type OutsideLinks = 'refuse' | 'skip';

export interface ScanOptions {
  symlinks?: OutsideLinks;
  warn?: (message: string) => void;
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A path as the messages show it: JSON-quoted, so every control character is visible. */
const shown = (path: string): string =>
  JSON.stringify(path).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export interface LocalFile {
  /** Path relative to the source folder, with `/` separators. */
  path: string;
  absolute: string;
  size: number;
  sha256: string;
  /** The bytes, when the file was small enough to keep. */
  content?: Buffer;
  /** The file hashed (device, inode, size): every later read must open this one (open-file.ts). */
  identity: FileIdentity;
}

/** Files up to this size are read whole; larger ones are streamed. */
export const WHOLE_FILE_LIMIT = 8 * 1024 * 1024;
/** At most this many bytes of content are kept in memory for the uploads. */
export const KEEP_BUDGET = 256 * 1024 * 1024;

/** One file to publish: where it is listed, and the real file its bytes are read from. */
export interface ListedFile {
  /** Path relative to the source folder, with `/` separators. */
  path: string;
  /** The file read: the listed file, or the target of a link that stays in the folder. */
  absolute: string;
}

const inside = (root: string, path: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

export async function listFiles(root: string, options: ScanOptions = {}): Promise<ListedFile[]> {
  const realRoot = await realpath(root);
  const entries = await readdir(realRoot, { recursive: true, withFileTypes: true });
  const files: ListedFile[] = [];
  for (const entry of entries) {
    const listed = join(entry.parentPath, entry.name);
    const path = relative(realRoot, listed).split(sep).join('/');
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    if (CONTROL.test(path)) {
      throw new ConfigurationError(
        `Input 'source' holds a file whose name has a control character (${shown(path)}): such a name cannot be published as a web path. Rename the file.`,
      );
    }
    if (entry.isFile()) {
      files.push({ path, absolute: listed });
      continue;
    }
    const target = await realpath(listed).catch(() => undefined);
    if (target === undefined || !inside(realRoot, target)) {
      const why =
        target === undefined
          ? 'is a broken symbolic link'
          : 'is a symbolic link to a file outside the source folder';
      if (options.symlinks === 'skip') {
        options.warn?.(`Skipped ${shown(path)}: it ${why} ('symlinks: skip').`);
        continue;
      }
      throw new ConfigurationError(
        `Input 'source' holds ${shown(path)}, which ${why}; nothing outside the source folder is published. Remove the link, copy the file into the folder, or set 'symlinks: skip' to leave such links out.`,
      );
    }
    if ((await stat(target)).isFile()) files.push({ path, absolute: target });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function scanSource(
  root: string,
  concurrency: number,
  options: ScanOptions = {},
): Promise<LocalFile[]> {
  const files = await listFiles(root, options);
  let kept = 0;
  return mapLimit(files, concurrency, (listed) =>
    withSourceFile(listed, async (fd, opened): Promise<LocalFile> => {
      const { path, absolute } = listed;
      if (opened.size > WHOLE_FILE_LIMIT) {
        const { digest, bytes } = await digestDescriptor(absolute, fd, 'sha256');
        const identity = { ...opened, size: bytes };
        return { path, absolute, size: bytes, sha256: digest, identity };
      }
      const content = await readDescriptor(fd, opened.size);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const keep = kept + content.length <= KEEP_BUDGET;
      if (keep) kept += content.length;
      const identity = { ...opened, size: content.length };
      return {
        path,
        absolute,
        size: content.length,
        sha256,
        identity,
        ...(keep ? { content } : {}),
      };
    }),
  );
}
