#!/usr/bin/env node
// The full dist/ freshness check, a step of its own in .ci/run (`npm run check:dist`): builds
// the sources into a temporary folder and fails unless dist/ holds exactly the same files, byte
// for byte (no changed, new or missing file). With CI set it also fails when dist/ has anything
// git does not track as committed. `npm test` keeps only the fast check (test/build/dist.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

const temp = mkdtempSync(join(tmpdir(), 'pack-build-'));
const fresh = join(temp, 'dist');
const problems = [];
try {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const built = files(fresh);
  const committed = files(join(root, 'dist'));
  for (const f of built.filter((f) => !committed.includes(f))) problems.push(`missing: dist/${f}`);
  for (const f of committed.filter((f) => !built.includes(f))) problems.push(`extra:   dist/${f}`);
  for (const f of built.filter((f) => committed.includes(f))) {
    if (!readFileSync(join(fresh, f)).equals(readFileSync(join(root, 'dist', f)))) {
      problems.push(`changed: dist/${f}`);
    }
  }
  if (process.env.CI) {
    const status = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=all', '--', 'dist'],
      { cwd: root, encoding: 'utf8' },
    );
    for (const line of status.split('\n').filter(Boolean)) problems.push(`not committed: ${line}`);
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`dist/ does not match a fresh build of the sources:\n  ${problems.join('\n  ')}`);
  console.error('Run `npm run build` and commit dist/.');
  process.exit(1);
}
console.log('dist/ matches a fresh build of the sources, byte for byte.');
