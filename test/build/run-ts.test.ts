/**
 * scripts/run-ts.mjs, which `npm run pipeline`, `sandbox`, `demo` and `bench` start through: the
 * bundle it runs behaves as the TypeScript it comes from, and it is built again exactly when a
 * source file changes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REPO_ROOT } from '../../sandbox/run-action.js';

const exec = promisify(execFile);
const RUN_TS = path.join(REPO_ROOT, 'scripts', 'run-ts.mjs');

describe('scripts/run-ts.mjs', () => {
  let dir: string;
  let cache: string;
  const entry = () => path.join(dir, 'entry.ts');
  const run = (...args: string[]) =>
    exec(process.execPath, [RUN_TS, entry(), ...args], {
      env: { ...process.env, RUN_TS_CACHE: cache },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  /** The cache's entry stub (one per entry file) and when it was last written. */
  const stub = async () => {
    const names = (await readdir(cache)).filter((n) => !/^(main|chunk)-/.test(n));
    expect(names).toHaveLength(1);
    return (await stat(path.join(cache, names[0]!))).mtimeMs;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'run-ts-'));
    cache = path.join(dir, 'cache');
    await writeFile(
      path.join(dir, 'entry.ts'),
      [
        "import { where, version } from './lib.js';",
        'const own: string = import.meta.url;',
        'console.log(JSON.stringify({ entry: own, lib: where, version, argv: process.argv.slice(1) }));',
        "if (process.argv[2] === 'throw') throw new Error('thrown on purpose');",
        "if (process.argv[2] === 'exit') process.exit(7);",
        "if (process.argv[2] === 'lazy') console.log((await import('./lazy.js')).lazy);",
      ].join('\n'),
    );
    await writeFile(
      path.join(dir, 'lib.ts'),
      'export const where: string = import.meta.url;\nexport const version = 1;\n',
    );
    await writeFile(
      path.join(dir, 'lazy.ts'),
      "export const lazy: string = 'loaded when asked';\n",
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs the entry with each file's own import.meta.url and the user's arguments", async () => {
    const { code, stdout } = await run('--flag', 'value');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      entry: pathToFileURL(entry()).href,
      lib: pathToFileURL(path.join(dir, 'lib.ts')).href,
      version: 1,
      argv: [entry(), '--flag', 'value'],
    });
  });

  it('uses the cached bundle while no source changed, and builds again when one did', async () => {
    await run();
    const built = await stub();
    expect(JSON.parse((await run()).stdout).version).toBe(1);
    expect(await stub()).toBe(built);
    // Same length, new content: the stamp is size and modification time.
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(
      path.join(dir, 'lib.ts'),
      'export const where: string = import.meta.url;\nexport const version = 2;\n',
    );
    expect(JSON.parse((await run()).stdout).version).toBe(2);
    expect(await stub()).toBeGreaterThan(built);
  });

  it('loads a dynamic import when it runs', async () => {
    const { stdout } = await run('lazy');
    expect(stdout.trim().split('\n')[1]).toBe('loaded when asked');
  });

  it('names the TypeScript file and line in a stack trace, and passes the exit code on', async () => {
    const thrown = await run('throw');
    expect(thrown.code).toBe(1);
    expect(thrown.stderr).toContain('Error: thrown on purpose');
    expect(thrown.stderr).toContain(`${entry()}:4:`);
    expect((await run('exit')).code).toBe(7);
  });

  it('fails with the compiler’s message when the source does not compile', async () => {
    await writeFile(path.join(dir, 'lazy.ts'), 'export const lazy: string = ;\n');
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('[ERROR] Unexpected ";"');
    expect(broken.stderr).toMatch(/lazy\.ts:1:28/);
  });
});
