/**
 * One step of a job: `run:` in its shell (bash by default, `shell:`, `working-directory`,
 * `timeout-minutes`), or `uses:` dispatched to the pack's own actions or the stand-ins.
 * File commands (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY) are read back after it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOutputFile, parsePathFile } from './command-files.js';
import { runProcess } from './process.js';
import type { JobState, RunnerConfig, StepOutcome } from './types.js';

export interface StepFiles {
  GITHUB_OUTPUT: string;
  GITHUB_ENV: string;
  GITHUB_PATH: string;
  GITHUB_STEP_SUMMARY: string;
  GITHUB_STATE: string;
}

let counter = 0;

export async function stepFiles(job: JobState): Promise<StepFiles> {
  counter += 1;
  const dir = path.join(job.runnerTemp, '_runner_file_commands', String(counter));
  await mkdir(dir, { recursive: true });
  const files = {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_ENV: path.join(dir, 'env'),
    GITHUB_PATH: path.join(dir, 'path'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    GITHUB_STATE: path.join(dir, 'state'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  return files;
}

/** Reads the file commands a step wrote into the job state; returns its outputs. */
export async function collectFiles(
  files: StepFiles,
  job: JobState,
): Promise<Record<string, string>> {
  const outputs = parseOutputFile(await readFile(files.GITHUB_OUTPUT, 'utf8'));
  Object.assign(job.env, parseOutputFile(await readFile(files.GITHUB_ENV, 'utf8')));
  job.path.unshift(...parsePathFile(await readFile(files.GITHUB_PATH, 'utf8')).reverse());
  const summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
  if (summary.trim()) job.summary.push(summary);
  return outputs;
}

/** The process environment of a step: host basics, runner variables, job and step env. */
export function processEnv(
  config: RunnerConfig,
  job: JobState,
  runnerEnv: Record<string, string>,
  stepEnv: Record<string, string>,
  files: StepFiles,
): Record<string, string> {
  const hostPath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  const merged: Record<string, string> = {
    HOME: process.env.HOME ?? '/root',
    LANG: 'C.UTF-8',
    ...runnerEnv,
    ...job.env,
    ...stepEnv,
    ...files,
  };
  merged.PATH = [...job.path, path.join(config.packRoot, 'pipeline', 'tools'), hostPath].join(':');
  return merged;
}

const SHELLS: Record<string, [string, string[], string]> = {
  bash: ['bash', ['--noprofile', '--norc', '-eo', 'pipefail'], '.sh'],
  sh: ['sh', ['-e'], '.sh'],
  python: ['python3', [], '.py'],
};

export async function runScript(
  script: string,
  options: {
    config: RunnerConfig;
    job: JobState;
    shell: string;
    cwd: string;
    env: Record<string, string>;
    timeoutMs: number;
    files: StepFiles;
  },
): Promise<StepOutcome> {
  const { job } = options;
  const dir = path.dirname(options.files.GITHUB_OUTPUT);
  let command: string;
  let args: string[];
  const known = SHELLS[options.shell];
  const scriptFile = path.join(dir, `script${known?.[2] ?? ''}`);
  await writeFile(scriptFile, script);
  if (known) [command, args] = [known[0], [...known[1], scriptFile]];
  else if (options.shell.includes('{0}')) {
    const parts = options.shell.split(/\s+/).map((p) => p.replace('{0}', scriptFile));
    [command, args] = [parts[0]!, parts.slice(1)];
  } else
    throw new Error(
      `shell "${options.shell}" is not supported (bash, sh, python or a command with {0})`,
    );
  const result = await runProcess(command, args, {
    cwd: options.cwd,
    env: options.env,
    timeoutMs: options.timeoutMs,
    masker: job.masker,
  });
  job.log.push(...result.log);
  if (result.timedOut)
    job.log.push(`error: the step timed out after ${options.timeoutMs / 60000} minutes`);
  else if (result.exitCode !== 0)
    job.log.push(`error: process completed with exit code ${result.exitCode}`);
  const outputs = await collectFiles(options.files, job);
  return { outcome: result.exitCode === 0 ? 'success' : 'failure', outputs };
}
