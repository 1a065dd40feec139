/**
 * dist/ is committed and is what users run: a fresh build of the sources must produce exactly
 * the committed files (no changed, new or missing file).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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

interface ActionFiles {
  bytes: number;
  files: string[];
}

let out: string;
let report: Record<string, ActionFiles>;
beforeAll(() => {
  out = join(mkdtempSync(join(tmpdir(), 'pack-build-')), 'dist');
  const reportFile = join(out, '..', 'report.json');
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', out, '--report', reportFile], {
    stdio: 'pipe',
  });
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
}, 180_000);
afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

const text = (f: string) => readFileSync(join('dist', f), 'utf8');

describe('dist/', () => {
  it('matches a fresh build of the sources', () => {
    const fresh = files(out);
    const committed = files('dist');
    expect(committed).toEqual(fresh);
    const changed = fresh.filter(
      (f) => !readFileSync(join(out, f)).equals(readFileSync(join('dist', f))),
    );
    expect(changed).toEqual([]);
  });

  it('gives ecs-deploy at most 1 MB to load, counting every chunk it may load lazily', () => {
    const ecsDeploy = report['ecs-deploy']!;
    const bytes = ecsDeploy.files.reduce((n, f) => n + statSync(join('dist', f)).size, 0);
    expect(bytes).toBe(ecsDeploy.bytes);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    // The count includes the lazy chunks: blue/green's CodeDeploy client and the credential
    // providers other than the environment's (a shared-file profile, credential_process).
    const loads = (needle: string) => ecsDeploy.files.some((f) => text(f).includes(needle));
    expect(loads('CreateDeploymentCommand')).toBe(true);
    expect(loads('credential_process')).toBe(true);
    // ...and leaves out what only other actions use.
    expect(loads('PutObjectCommand')).toBe(false);
    expect(loads('CreateInvalidationCommand')).toBe(false);
  });

  it('minifies every chunk (ncc alone minifies only the entry file)', () => {
    const chunks = files('dist/pack').filter((f) => f.endsWith('.js'));
    const unminified = chunks.filter((f) => text(`pack/${f}`).includes('__webpack_require__'));
    expect(unminified).toEqual([]);
  });

  it('carries the undici stand-in, not undici itself (~0.43 MB minified that every user would download)', () => {
    const chunks = files('dist').filter((f) => f.endsWith('.js'));
    // An error name undici sets as a string, so it survives minification.
    expect(chunks.filter((f) => text(f).includes('RequestContentLengthMismatchError'))).toEqual([]);
    expect(chunks.some((f) => text(f).includes('does not bundle undici'))).toBe(true);
  });

  // Only CI promises a git checkout with the bundles committed; elsewhere the test shows as skipped.
  (process.env.CI ? it : it.skip)('is tracked by git with nothing uncommitted (CI)', () => {
    const status = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=all', '--', 'dist'],
      { encoding: 'utf8' },
    );
    expect(status).toBe('');
  });
});
