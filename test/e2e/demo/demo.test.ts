/**
 * `npm run demo` is an acceptance check of the whole pack: on a fresh clone, with no AWS account,
 * it runs every built step against the sandbox and exits 0 when each behaves as the scenario
 * expects.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../../../sandbox/run-action.js';

describe('npm run demo', () => {
  it('runs every step of the pipeline and exits 0 with each as expected', async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'demo/run.ts')],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect({ code, tail: stdout.slice(-3000), stderr: stderr.slice(-2000) }).toMatchObject({
      code: 0,
    });
    // dist/ is committed, so every step of the pipeline runs: none may be left "not built yet".
    expect(stdout).toMatch(/^Every built step behaved as expected \(0 not built yet\)\.$/m);
    // The circuit-breaker step is in the pipeline and fails as it should.
    expect(stdout).toMatch(/deploy-broken\s+ecs-deploy\s+failure\s+as expected/);
    // Secrets the steps mask never reach the printed log.
    expect(stdout).not.toContain('cbi-webhook-3f9c2a81bd0e4c7f');
    expect(stdout).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  }, 240_000);
});
