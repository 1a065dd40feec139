/**
 * Runs a bundled action the way the GitHub runner does: `node dist/<action>/index.js` with
 * `INPUT_*` variables (the given inputs, and for every other input action.yml declares its
 * default, or '' when it has none, as the runner does), fresh `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` / `GITHUB_STATE` /
 * `GITHUB_ENV` files and a clean environment; then reads back outputs, summary and annotations.
 * Shared by the end-to-end tests (test/support/run-bundle.ts) and the demo.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

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

/**
 * Evaluates the `${{ ... }}` expressions of an action.yml default as the runner would for the
 * run's environment: `github.<name>` from `GITHUB_<NAME>` (`github.token` from `GITHUB_TOKEN`),
 * `runner.<name>` from `RUNNER_<NAME>`, `env.<NAME>` from the variable. Anything else fails
 * loudly rather than pass the text through or an empty string.
 */
export function evaluateDefault(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_whole, expression: string) => {
    const match = /^(github|runner|env)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
    if (!match) {
      throw new Error(`cannot evaluate '\${{ ${expression} }}' in an action.yml default`);
    }
    const [, context, name] = match;
    const variable =
      context === 'env'
        ? name!
        : context === 'github' && name === 'token'
          ? 'GITHUB_TOKEN'
          : `${context!.toUpperCase()}_${name!.toUpperCase()}`;
    return env[variable] ?? '';
  });
}

interface InputMetadata {
  default?: unknown;
}

/**
 * The `INPUT_*` variables the runner sets for an action: every input given (even an empty
 * string: a given input never takes the default), and for every other input action.yml
 * declares, its default (expressions evaluated) or '' when it has none.
 */
export function inputEnvironment(
  action: string,
  given: Record<string, string>,
  env: Record<string, string | undefined> = {},
  root = REPO_ROOT,
): Record<string, string> {
  const meta = parse(readFileSync(path.join(root, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, InputMetadata | null>;
  };
  const result: Record<string, string> = {};
  for (const [name, input] of Object.entries(meta.inputs ?? {})) {
    const fallback = input?.default;
    if (fallback !== undefined && typeof fallback !== 'string') {
      // The runner reads action.yml with its own YAML reader and requires a string here;
      // quote numbers and booleans so both readers agree.
      throw new Error(`actions/${action}/action.yml: the default of '${name}' is not a string`);
    }
    result[inputVariable(name)] = fallback === undefined ? '' : evaluateDefault(fallback, env);
  }
  for (const [name, value] of Object.entries(given)) result[inputVariable(name)] = value;
  return result;
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
    ...options.env,
  };
  Object.assign(env, inputEnvironment(action, inputs, env), options.env);
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
