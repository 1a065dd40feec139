/**
 * Runs a bundled action the way the GitHub runner does: `node dist/<action>/index.js` with
 * `INPUT_*` variables, fresh `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` / `GITHUB_STATE` /
 * `GITHUB_ENV` files and a clean environment; then reads back outputs, summary and annotations.
 * Shared by the end-to-end tests (test/support/run-bundle.ts) and the demo.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export interface RunOptions {
  /** Added to (and overriding) the runner-like environment. */
  env?: Record<string, string>;
  /** Signals to send, e.g. `[{ signal: 'SIGINT', afterMs: 500 }]` to cancel like the runner. */
  signals?: { signal: 'SIGINT' | 'SIGTERM'; afterMs: number }[];
  /** Killed with SIGKILL after this long (default 120 s). */
  timeoutMs?: number;
  /** Working directory (default: the repository root); also the default GITHUB_WORKSPACE. */
  cwd?: string;
  /** The Node binary that runs the bundle (default: the one running this process). */
  node?: string;
  /** Receives the log as it is written (the demo prints it live). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  annotations: Annotation[];
  /** True when the run was killed for exceeding `timeoutMs`. */
  timedOut: boolean;
  /** What the run wrote to GITHUB_ENV and GITHUB_STATE (raw). */
  files: { env: string; state: string; path: string };
}

/** The environment variable the runner sets for an input: `INPUT_` + upper-cased, spaces to `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses a GITHUB_OUTPUT file: `name<<DELIMITER` heredocs and plain `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++]!);
      outputs[name!] = value.join('\n');
    } else if (line.includes('=')) {
      const eq = line.indexOf('=');
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return outputs;
}

function unescapeData(data: string): string {
  return data.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** `::error::`, `::warning::` and `::notice::` workflow commands in a log, decoded. */
export function parseAnnotations(log: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of log.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/.exec(line);
    if (match)
      annotations.push({
        level: match[1] as Annotation['level'],
        message: unescapeData(match[2]!),
      });
  }
  return annotations;
}

export function bundlePath(action: string): string {
  const dist = process.env.PACK_DIST_DIR ?? path.join(REPO_ROOT, 'dist');
  return path.join(dist, action, 'index.js');
}

export async function runActionBundle(
  action: string,
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<RunResult> {
  const temp = await mkdtemp(path.join(os.tmpdir(), `pack-${action}-`));
  const files = {
    GITHUB_OUTPUT: path.join(temp, 'output'),
    GITHUB_STEP_SUMMARY: path.join(temp, 'step_summary'),
    GITHUB_STATE: path.join(temp, 'state'),
    GITHUB_ENV: path.join(temp, 'env'),
    GITHUB_PATH: path.join(temp, 'path'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const cwd = options.cwd ?? REPO_ROOT;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    ...files,
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_RUN_ID: '7311892045',
    GITHUB_RUN_NUMBER: '128',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'cbi-sudan/cbi',
    GITHUB_REPOSITORY_OWNER: 'cbi-sudan',
    GITHUB_JOB: 'deploy',
    GITHUB_WORKFLOW: 'Deploy CBI',
    GITHUB_ACTION: action,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '2f4c9e1b7a3d5c8e9f0a1b2c3d4e5f6a7b8c9d0e',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: cwd,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v])),
    ...options.env,
  };
  const child = spawn(options.node ?? process.execPath, [bundlePath(action)], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    options.onOutput?.(text, 'stdout');
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    options.onOutput?.(text, 'stderr');
  });
  const timers = (options.signals ?? []).map((s) =>
    setTimeout(() => child.kill(s.signal), s.afterMs),
  );
  let timedOut = false;
  timers.push(
    setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000),
  );
  const [exitCode, signal] = await new Promise<[number | null, string | null]>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, sig) => resolve([code, sig]));
    },
  );
  for (const timer of timers) clearTimeout(timer);
  const outputs = parseOutputFile(await readFile(files.GITHUB_OUTPUT, 'utf8'));
  const summary = await readFile(files.GITHUB_STEP_SUMMARY, 'utf8');
  const written = {
    env: await readFile(files.GITHUB_ENV, 'utf8'),
    state: await readFile(files.GITHUB_STATE, 'utf8'),
    path: await readFile(files.GITHUB_PATH, 'utf8'),
  };
  await rm(temp, { recursive: true, force: true });
  return {
    exitCode,
    signal,
    outputs,
    summary,
    stdout,
    stderr,
    annotations: parseAnnotations(stdout),
    timedOut,
    files: written,
  };
}
