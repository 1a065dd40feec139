/** Walks the source folder and hashes every file (SHA-256, streamed) with bounded concurrency. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { mapLimit } from './pool.js';

export interface LocalFile {
  /** Path relative to the source folder, with `/` separators. */
  path: string;
  absolute: string;
  size: number;
  sha256: string;
}

export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const parent = entry.parentPath;
    const absolute = join(parent, entry.name);
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
  return mapLimit(files, concurrency, async (absolute) => {
    const [info, sha256] = await Promise.all([stat(absolute), sha256File(absolute)]);
    return {
      path: relative(root, absolute).split(sep).join('/'),
      absolute,
      size: info.size,
      sha256,
    };
  });
}
