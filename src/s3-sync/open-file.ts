/**
 * Every read of a source file, when it is hashed, compared or uploaded, opens it the same safe
 * way: with O_NOFOLLOW, so a file replaced by a symbolic link is not followed, then fstat on the
 * descriptor, so the bytes read are those of the file the walk found (same device and inode; a
 * folder on the way swapped for a link to elsewhere gives another inode) and of the size it had.
 * Only then is the descriptor read, whole or streamed. A file that fails these checks is refused
 * with an error naming it, before a byte of it is read.
 */
import { createHash } from 'node:crypto';
import { close, constants, createReadStream, fstat, open, read, type ReadStream } from 'node:fs';
import { promisify } from 'node:util';

// The callback API: fs/promises' FileHandle costs noticeably more per file on Node 20.
const openAsync = promisify(open);
const fstatAsync = promisify(fstat);
const readAsync = promisify(read);
const closeAsync = promisify(close);

const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Which file the walk found: device and inode, and its size when hashed. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
}

export interface SourceRead {
  /** Path relative to the source folder, as messages name it. */
  path: string;
  /** The file opened. */
  absolute: string;
  /** What the walk recorded; when given, the opened file must be that one. */
  identity?: FileIdentity;
}

/** A source file that is not the one the walk found (or not a plain file any more). */
export class SourceFileChangedError extends Error {
  override readonly name = 'SourceFileChangedError';
}

const refusal = (path: string, why: string): SourceFileChangedError =>
  new SourceFileChangedError(
    `Refused to read ${JSON.stringify(path)} from 'source': ${why}. Nothing outside the source folder is published; make sure nothing rewrites the folder while s3-sync runs, then run it again.`,
  );

/**
 * Opens a source file for reading, refusing a link or a file other than the one recorded.
 * Returns the open descriptor and the file's identity now; the caller closes it.
 */
export async function openSourceFile(
  file: SourceRead,
): Promise<{ fd: number; identity: FileIdentity }> {
  let fd: number;
  try {
    fd = await openAsync(file.absolute, NO_FOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw refusal(file.path, 'it was replaced by a symbolic link after the folder was read');
    throw error;
  }
  try {
    const stats = await fstatAsync(fd);
    if (!stats.isFile()) throw refusal(file.path, 'it is no longer a regular file');
    const identity: FileIdentity = { dev: stats.dev, ino: stats.ino, size: stats.size };
    const known = file.identity;
    if (known && (known.dev !== identity.dev || known.ino !== identity.ino))
      throw refusal(
        file.path,
        'it is no longer the file the folder held when it was read (it was replaced, or a folder on its path was)',
      );
    if (known && known.size !== identity.size)
      throw refusal(
        file.path,
        `its size changed since it was hashed (${known.size} bytes, now ${identity.size})`,
      );
    return { fd, identity };
  } catch (error) {
    await closeAsync(fd).catch(() => undefined);
    throw error;
  }
}

/** Runs `use` on the safely opened file, and closes it after. */
export async function withSourceFile<T>(
  file: SourceRead,
  use: (fd: number, identity: FileIdentity) => Promise<T>,
): Promise<T> {
  const { fd, identity } = await openSourceFile(file);
  try {
    return await use(fd, identity);
  } finally {
    await closeAsync(fd).catch(() => undefined);
  }
}

/** The whole file, opened safely. */
export const readSourceFile = (file: SourceRead): Promise<Buffer> =>
  withSourceFile(file, (fd, identity) => readDescriptor(fd, identity.size));

/**
 * Reads the `size` bytes fstat gave from the open descriptor (fewer if it shrank meanwhile):
 * one read call for most files, where readFile(fd) would fstat again and read to EOF.
 */
export async function readDescriptor(fd: number, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await readAsync(fd, buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? buffer : buffer.subarray(0, filled);
}

/** A stream of the file, opened safely; the descriptor closes when the stream ends or is destroyed. */
export async function streamSourceFile(file: SourceRead): Promise<ReadStream> {
  const { fd } = await openSourceFile(file);
  return createReadStream(file.absolute, { fd, autoClose: true });
}

/** Digests the open descriptor from its start (leaving it open): hex digest and bytes read. */
export function digestDescriptor(
  path: string,
  fd: number,
  algorithm: 'sha256' | 'md5',
): Promise<{ digest: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash(algorithm);
    let bytes = 0;
    createReadStream(path, { fd, autoClose: false, start: 0 })
      .on('data', (chunk) => {
        bytes += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ digest: hash.digest('hex'), bytes }));
  });
}
