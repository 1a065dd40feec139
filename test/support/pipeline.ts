/**
 * Runs `npm run pipeline` as a user does (the CLI through scripts/run-ts.mjs, its own process)
 * against a sandbox the test started, and reads back the `--json` report and the printed lines.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Sandbox } from '../../sandbox/index.js';
import { REPO_ROOT } from '../../sandbox/run-action.js';

export interface PipelineReport {
  code: number | null;
  stdout: string;
  stderr: string;
  jobs: { id: string; result: string; environment: string | null }[];
  approvals: number;
  /** Seconds the run took (for bench/, never asserted). */
  seconds: number;
}

export async function runPipelineCli(
  sandbox: Sandbox,
  workflow: string,
  args: string[] = [],
): Promise<PipelineReport> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'pipeline-test-'));
  const envFile = path.join(temp, 'sandbox-env.json');
  const jsonFile = path.join(temp, 'report.json');
  await writeFile(envFile, JSON.stringify(sandbox.env()));
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts/run-ts.mjs'),
      path.join(REPO_ROOT, 'pipeline/cli.ts'),
      workflow,
      '--sandbox-env',
      envFile,
      '--json',
      jsonFile,
      ...args,
    ],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const seconds = (Date.now() - started) / 1000;
  const report = (await readFile(jsonFile, 'utf8').then(JSON.parse, () => ({
    jobs: [],
    approvals: -1,
  }))) as Pick<PipelineReport, 'jobs' | 'approvals'>;
  await rm(temp, { recursive: true, force: true });
  return { code, stdout, stderr, seconds, ...report };
}

/** `id -> result` of a report, for one readable assertion. */
export const results = (report: PipelineReport) =>
  Object.fromEntries(report.jobs.map((j) => [j.id, j.result]));
