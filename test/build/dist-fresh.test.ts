/**
 * dist/ is committed and is what users run: a fresh build of the sources must produce exactly
 * the committed files (no changed, new or missing file).
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

describe('dist/', () => {
  it('matches a fresh build of the sources', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pack-build-')), 'dist');
    try {
      execFileSync(process.execPath, ['scripts/build.mjs', '--out', out], { stdio: 'pipe' });
      const fresh = files(out);
      const committed = files('dist');
      expect(committed).toEqual(fresh);
      const changed = fresh.filter(
        (f) => !readFileSync(join(out, f)).equals(readFileSync(join('dist', f))),
      );
      expect(changed).toEqual([]);
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  }, 180_000);

  it('carries the undici stand-in, not undici itself (the ~0.9 MB every user would download)', () => {
    const chunks = files('dist').filter((f) => f.endsWith('.js'));
    const text = (f: string) => readFileSync(join('dist', f), 'utf8');
    // An error name undici sets as a string, so it survives minification.
    expect(chunks.filter((f) => text(f).includes('RequestContentLengthMismatchError'))).toEqual([]);
    expect(chunks.some((f) => text(f).includes('does not bundle undici'))).toBe(true);
  });

  it('is tracked by git with nothing uncommitted, when run in a git checkout', () => {
    let status: string;
    try {
      status = execFileSync(
        'git',
        ['status', '--porcelain', '--untracked-files=all', '--', 'dist'],
        { encoding: 'utf8' },
      );
    } catch {
      return; // not a git checkout (e.g. an unpacked archive)
    }
    if (process.env.CI) expect(status).toBe('');
  });
});
