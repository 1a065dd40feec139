import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBucket, parsePrefix } from '../../../src/s3-sync/inputs.js';
import { scanSource } from '../../../src/s3-sync/local-files.js';
import { mapLimit } from '../../../src/s3-sync/pool.js';

describe('parseBucket / parsePrefix', () => {
  it('accepts bucket names and rejects URLs and ARNs with the input named', () => {
    expect(parseBucket('my-site.example.com')).toBe('my-site.example.com');
    expect(() => parseBucket('s3://my-site')).toThrow(
      /^Input 'bucket' 's3:\/\/my-site' is not a valid S3 bucket name/,
    );
    expect(() => parseBucket('My_Bucket')).toThrow(/Input 'bucket'/);
    expect(() => parseBucket('ab')).toThrow(/Input 'bucket'/);
  });
  it('normalises the prefix', () => {
    expect(parsePrefix('')).toBe('');
    expect(parsePrefix('/app')).toBe('app/');
    expect(parsePrefix('app/v2/')).toBe('app/v2/');
    expect(() => parsePrefix('app/../x')).toThrow(/Input 'prefix'/);
  });
});

describe('scanSource', () => {
  it('lists every file with posix paths, sizes and SHA-256', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scan-'));
    mkdirSync(join(root, 'assets', 'deep'), { recursive: true });
    writeFileSync(join(root, 'index.html'), 'hello');
    writeFileSync(join(root, 'assets', 'deep', 'a.js'), '');
    const files = await scanSource(root, 4);
    expect(files.map((f) => [f.path, f.size, f.sha256])).toEqual([
      ['assets/deep/a.js', 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['index.html', 5, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    ]);
  });
});

describe('mapLimit', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1));
        running--;
        return i * 2;
      },
    );
    expect(peak).toBe(3);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });
  it('starts nothing new after a failure', async () => {
    const started: number[] = [];
    await expect(
      mapLimit([1, 2, 3, 4, 5], 1, async (i) => {
        started.push(i);
        if (i === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
