/**
 * The fast dist/ checks `npm test` runs (milliseconds, no rebuild): dist/ was built from the
 * current sources (the hash of the build's inputs, written at build time, equals the hash of
 * the inputs now), every action's entry exists and starts its own action, and the sizes and
 * contents the build promises hold. The full check (rebuild and compare every byte) is
 * `npm run check:dist` (scripts/check-dist.mjs), its own step in .ci/run.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { distInputsHash } from '../../scripts/dist-inputs.mjs';
import { actionNames } from '../support/action-metadata.js';

interface BuildInfo {
  inputs: string;
  actions: Record<string, { bytes: number; files: string[] }>;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

const infoFile = join('dist', 'pack', 'build-info.json');
const info = JSON.parse(readFileSync(infoFile, 'utf8')) as BuildInfo;
const text = (f: string) => readFileSync(join('dist', f), 'utf8');

describe('dist/', () => {
  it('was built from the current sources (hash of the build inputs; else run `npm run build`)', () => {
    expect(info.inputs).toMatch(/^[0-9a-f]{64}$/);
    expect(distInputsHash('.')).toBe(info.inputs);
  });

  it('has, for every action, an entry that starts that action from the pack', () => {
    expect(Object.keys(info.actions).sort()).toEqual(actionNames());
    for (const action of actionNames()) {
      expect(text(`${action}/index.js`)).toContain(`await runPackAction('${action}');`);
      expect(info.actions[action]!.files[0]).toBe(`${action}/index.js`);
    }
    expect(text('pack/index.js')).toContain('runPackAction');
  });

  it("loads every action's chunks from dist/ and finds its main (no action is run)", () => {
    const script = [
      "const pack = await import('./dist/pack/index.js');",
      'const found = {};',
      'for (const [name, load] of Object.entries(pack.ACTIONS)) found[name] = typeof (await load()).main;',
      'process.stdout.write(JSON.stringify(found));',
      'process.exit(0);',
    ].join('\n');
    const found = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      }),
    ) as Record<string, string>;
    expect(found).toEqual(Object.fromEntries(actionNames().map((a) => [a, 'function'])));
  });

  it('holds every file an action may load, with the sizes the build recorded', () => {
    for (const [action, { bytes, files: loads }] of Object.entries(info.actions)) {
      const missing = loads.filter((f) => !existsSync(join('dist', f)));
      expect({ action, missing }).toEqual({ action, missing: [] });
      expect(loads.reduce((n, f) => n + statSync(join('dist', f)).size, 0)).toBe(bytes);
    }
  });

  it('gives ecs-deploy at most 1 MB to load, counting every chunk it may load lazily', () => {
    const ecsDeploy = info.actions['ecs-deploy']!;
    expect(ecsDeploy.bytes).toBeLessThanOrEqual(1_000_000);
    // The count includes the lazy chunks: blue/green's CodeDeploy client and the credential
    // providers other than the environment's (a shared-file profile, credential_process).
    const loads = (needle: string) => ecsDeploy.files.some((f) => text(f).includes(needle));
    expect(loads('CreateDeploymentCommand')).toBe(true);
    expect(loads('credential_process')).toBe(true);
    // ...and leaves out what only other actions use.
    expect(loads('PutObjectCommand')).toBe(false);
    expect(loads('CreateInvalidationCommand')).toBe(false);
  });

  it('keeps all of dist/, which every `uses:` downloads, under 1.5 MB', () => {
    const total = files('dist').reduce((n, f) => n + statSync(join('dist', f)).size, 0);
    expect(total).toBeLessThanOrEqual(1_500_000);
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
});
