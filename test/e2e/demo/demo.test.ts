/**
 * `npm run demo` is an acceptance check of the whole pack: on a fresh clone, with no AWS account,
 * the pipeline runner runs the CBI example pipeline (tests, build, migration, both deploys, the
 * webhook check and the dashboard) against the sandbox. The README's command, as it is: the broken
 * release and the rollback (`--with-rollback`) are run by test/e2e/pipeline/examples.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { serviceBinariesMissing } from '../../../pipeline/services.js';
import { REPO_ROOT } from '../../../sandbox/run-action.js';

const missing = serviceBinariesMissing();
const withServices = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0)
  process.stderr.write(
    `SKIPPED demo e2e: ${missing.join(', ')} not installed (bash .ci/run installs them)\n`,
  );

withServices('npm run demo', () => {
  it('runs the CBI pipeline through the runner and exits 0', async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts/run-ts.mjs'), path.join(REPO_ROOT, 'demo/run.ts')],
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
    expect(stdout).toMatch(/^Every run ended as expected/m);
    // Every stage of the seed's pipeline ran and succeeded on the push.
    for (const job of [
      'test / test',
      'build / build \\(cbi\\)',
      'dashboard / build',
      'release / release',
    ])
      expect(stdout).toMatch(new RegExp(`^  success\\s+${job}( |$)`, 'm'));
    // The release job ran the migration, the deploy of both services, the webhook check and the
    // dashboard publish, under one approval.
    expect(stdout).toMatch(/^ {2}approval: production: release \/ release$/m);
    for (const summary of [
      'Migration',
      'S3 sync to s3://cbi-dashboard-prod/',
      'CloudFront invalidation',
    ])
      expect(stdout).toContain(summary);
    expect(stdout).toMatch(/cbi-api/);
    expect(stdout).toMatch(/cbi-worker/);
    // Secrets the steps mask never reach the printed log.
    expect(stdout).not.toContain('cbi-webhook-3f9c2a81bd0e4c7f');
    expect(stdout).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
  }, 300_000);
});
