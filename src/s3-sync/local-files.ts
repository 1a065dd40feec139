/**
 * Walks the source folder and hashes every file (SHA-256) with bounded concurrency. Small files
 * are read in one call and their content kept (up to a memory budget) so an upload does not
 * read them again; large files are streamed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFile as readFileCallback } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { mapLimit } from './pool.js';

// The callback API: fs/promises' readFile costs noticeably more per file on Node 20.
export const readWhole = promisify(readFileCallback);

export interface LocalFile {
  /** Path relative to the source folder, with `/` separators. */
  path: string;
  absolute: string;
  size: number;
  sha256: string;
  /** The bytes, when the file was small enough to keep. */
  content?: Buffer;
}

/** Files up to this size are read whole; larger ones are streamed. */
export const WHOLE_FILE_LIMIT = 8 * 1024 * 1024;
/** At most this many bytes of content are kept in memory for the uploads. */
export const KEEP_BUDGET = 256 * 1024 * 1024;

export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const absolute = join(entry.parentPath, entry.name);
    if (entry.isFile()) files.push(absolute);
    else if (entry.isSymbolicLink() && (await stat(absolute)).isFile()) files.push(absolute);
  }
  return files.sort();
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export async function scanSource(root: string, concurrency: number): Promise<LocalFile[]> {
  const files = await listFiles(root);
  let kept = 0;
  return mapLimit(files, concurrency, async (absolute) => {
    const path = relative(root, absolute).split(sep).join('/');
    const info = await stat(absolute);
    if (info.size > WHOLE_FILE_LIMIT) {
      return { path, absolute, size: info.size, sha256: await sha256File(absolute) };
    }
    const content = await readWhole(absolute);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const keep = kept + content.length <= KEEP_BUDGET;
    if (keep) kept += content.length;
    return { path, absolute, size: content.length, sha256, ...(keep ? { content } : {}) };
  });
}
