/**
 * s3-sync reads a source file only if it is the one the walk hashed: a file swapped for a link
 * (or a folder on its path swapped for a link) between the walk and the upload is refused,
 * naming it, with no PutObject sent, whether the file is streamed (over 8 MB) or read whole.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { md5Of } from '../../../src/s3-sync/compare.js';
import { scanSource, WHOLE_FILE_LIMIT, type LocalFile } from '../../../src/s3-sync/local-files.js';
import type { Upload } from '../../../src/s3-sync/plan.js';
import { uploadAll } from '../../../src/s3-sync/remote.js';

const s3 = mockClient(S3Client);
let temp: string;
let outside: string;
const BIG = WHOLE_FILE_LIMIT + 1024;

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 's3-open-'));
  outside = join(temp, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'credentials'), 'aws_secret_access_key = not-for-the-bucket');
  // A same-named big file outside, for the swapped folder.
  mkdirSync(join(outside, 'media'));
  writeFileSync(join(outside, 'media', 'film.mp4'), Buffer.alloc(BIG, 7));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));
afterEach(() => {
  s3.reset();
});

/** A source folder with a big (streamed) and a small file, scanned. */
async function scanned(name: string): Promise<{ root: string; files: LocalFile[] }> {
  const root = join(temp, name);
  mkdirSync(join(root, 'media'), { recursive: true });
  writeFileSync(join(root, 'media', 'film.mp4'), Buffer.alloc(BIG, 1));
  writeFileSync(join(root, 'small.txt'), 'small');
  return { root, files: await scanSource(root, 2) };
}

const uploadsOf = (files: LocalFile[], only: string): Upload[] =>
  files
    .filter((f) => f.path === only)
    .map((f) => ({
      file: { ...f, content: undefined, contentType: 'x/y', cacheControl: 'no-cache' },
      key: f.path,
      change: 'new',
    })) as Upload[];

const upload = (files: LocalFile[], only: string) =>
  uploadAll(new S3Client({ region: 'us-east-1' }), 'b', uploadsOf(files, only), 2, () => {});

describe('a file swapped for a link after the walk', () => {
  it('over 8 MB (streamed): the upload is refused, naming it, and nothing is sent', async () => {
    const { root, files } = await scanned('big-link');
    expect(files.find((f) => f.path === 'media/film.mp4')!.size).toBe(BIG);
    unlinkSync(join(root, 'media', 'film.mp4'));
    symlinkSync(join(outside, 'credentials'), join(root, 'media', 'film.mp4'));
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    await expect(upload(files, 'media/film.mp4')).rejects.toThrow(
      `Refused to read "media/film.mp4" from 'source': it was replaced by a symbolic link after the folder was read.`,
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('small (read whole at upload time): refused the same way', async () => {
    const { root, files } = await scanned('small-link');
    unlinkSync(join(root, 'small.txt'));
    symlinkSync(join(outside, 'credentials'), join(root, 'small.txt'));
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    await expect(upload(files, 'small.txt')).rejects.toThrow(
      'Refused to read "small.txt" from \'source\': it was replaced by a symbolic link',
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('a folder on its path swapped for a link to a same-named file outside: refused', async () => {
    const { root, files } = await scanned('folder-link');
    renameSync(join(root, 'media'), join(root, 'media-old'));
    symlinkSync(join(outside, 'media'), join(root, 'media'));
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    await expect(upload(files, 'media/film.mp4')).rejects.toThrow(
      'Refused to read "media/film.mp4" from \'source\': it is no longer the file the folder held when it was read',
    );
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it("the comparison's MD5 of a big file refuses it too", async () => {
    const { root, files } = await scanned('md5-link');
    const film = files.find((f) => f.path === 'media/film.mp4')!;
    const md5 = await md5Of({ ...film, contentType: 'video/mp4', cacheControl: '' });
    expect(md5).toMatch(/^[0-9a-f]{32}$/);
    unlinkSync(join(root, 'media', 'film.mp4'));
    symlinkSync(join(outside, 'credentials'), join(root, 'media', 'film.mp4'));
    await expect(md5Of({ ...film, contentType: 'video/mp4', cacheControl: '' })).rejects.toThrow(
      'Refused to read "media/film.mp4"',
    );
  });

  it('an unchanged big file streams its own bytes', async () => {
    const { files } = await scanned('unchanged');
    const bodies: number[] = [];
    s3.on(PutObjectCommand).callsFake(async (input: { Body: NodeJS.ReadableStream }) => {
      let bytes = 0;
      for await (const chunk of input.Body) bytes += (chunk as Buffer).length;
      bodies.push(bytes);
      return { ETag: '"x"' };
    });
    await upload(files, 'media/film.mp4');
    expect(bodies).toEqual([BIG]);
  });
});
