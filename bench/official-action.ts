/**
 * The official aws-actions/amazon-ecs-deploy-task-definition action, for the benchmarks that
 * compare with it. Nothing is downloaded or vendored: the bench runs the `dist/index.js` of a
 * release tag that the person measuring extracted (bench/README.md says how), named by
 * `OFFICIAL_ECS_DEPLOY_DIST` or `--official-dist=<path>`. It runs as the GitHub runner runs a
 * `node24` action: `node dist/index.js` with `INPUT_*` variables, a `GITHUB_OUTPUT` file and the
 * sandbox's credentials and endpoint (`AWS_ENDPOINT_URL`, which its bundled SDK reads, and
 * `AWS_REGION`, which it needs).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { inputVariable, parseAnnotations, parseOutputFile } from '../sandbox/run-action.js';
import type { Annotation } from '../sandbox/run-action.js';
import { rssHookOptions } from './measure.js';

export const OFFICIAL_DIST_VARIABLE = 'OFFICIAL_ECS_DEPLOY_DIST';
const FLAG = '--official-dist=';

/** Where the measurements were taken from (bench/README.md repeats how to get it). */
export const OFFICIAL_RELEASE = {
  tag: 'v2.6.3',
  commit: 'c465972ecbd160473f22e683363b422a5412a3de',
  indexSha256: 'a20128a1817ebcbbc8461042379d2337077b9640131dc9e69882c814cfec0137',
};

export interface OfficialBundle {
  path: string;
  /** The tag when the file is the one measured (by its SHA-256), else the first 12 hex digits. */
  label: string;
}

/** The official bundle named by the flag or the variable; undefined (with why) when absent. */
export function officialBundle(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { bundle?: OfficialBundle; skip?: string } {
  const given =
    args.find((a) => a.startsWith(FLAG))?.slice(FLAG.length) ?? env[OFFICIAL_DIST_VARIABLE];
  const how = `see bench/README.md (${OFFICIAL_RELEASE.tag}, commit ${OFFICIAL_RELEASE.commit})`;
  if (!given) {
    return {
      skip: `SKIPPED: the official amazon-ecs-deploy-task-definition rows: set ${OFFICIAL_DIST_VARIABLE} or pass ${FLAG}<path> to its dist/index.js; ${how}`,
    };
  }
  const file = path.resolve(given);
  if (!existsSync(file)) {
    return { skip: `SKIPPED: the official action rows: ${file} does not exist; ${how}` };
  }
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const label =
    sha === OFFICIAL_RELEASE.indexSha256
      ? `${OFFICIAL_RELEASE.tag}`
      : `dist/index.js sha256 ${sha.slice(0, 12)}`;
  return { bundle: { path: file, label } };
}

export interface OfficialRun {
  exitCode: number | null;
  outputs: Record<string, string>;
  annotations: Annotation[];
  stdout: string;
  wallS: number;
  maxRssMb: number;
  timedOut: boolean;
}

/**
 * Runs the official action once. Inputs the action.yml next to the bundle's folder declares a
 * default for get it, as the runner does (v2.6.3 declares none).
 */
export async function runOfficialAction(
  bundle: OfficialBundle,
  inputs: Record<string, string>,
  options: { env: Record<string, string>; node: string; timeoutMs: number },
): Promise<OfficialRun> {
  const temp = await mkdtemp(path.join(os.tmpdir(), 'official-ecs-deploy-'));
  const output = path.join(temp, 'output');
  const rssFile = path.join(temp, 'rss');
  await writeFile(output, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
    GITHUB_WORKSPACE: temp,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: temp,
    NODE_OPTIONS: rssHookOptions(rssFile),
    ...defaultInputs(bundle.path),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v])),
    ...options.env,
  };
  const start = Date.now();
  const child = spawn(options.node, [bundle.path], {
    cwd: temp,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  clearTimeout(timer);
  const wallS = (Date.now() - start) / 1000;
  const outputs = parseOutputFile(await readFile(output, 'utf8'));
  const rss = existsSync(rssFile) ? Number(await readFile(rssFile, 'utf8')) / 1024 : NaN;
  await rm(temp, { recursive: true, force: true });
  return {
    exitCode,
    outputs,
    annotations: parseAnnotations(stdout),
    stdout,
    wallS,
    maxRssMb: rss,
    timedOut,
  };
}

function defaultInputs(bundlePath: string): Record<string, string> {
  const file = path.join(path.dirname(bundlePath), '..', 'action.yml');
  if (!existsSync(file)) return {};
  const meta = parse(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown } | null>;
  };
  const result: Record<string, string> = {};
  for (const [name, input] of Object.entries(meta.inputs ?? {})) {
    if (input?.default !== undefined) result[inputVariable(name)] = String(input.default);
  }
  return result;
}

/** What the official action concluded, from its exit code and its first error annotation. */
export function officialVerdict(run: OfficialRun): string {
  if (run.timedOut) return 'killed by the bench (no verdict)';
  const error = run.annotations.find((a) => a.level === 'error')?.message;
  if (run.exitCode === 0) return 'success (exit 0)';
  // Deployment ids differ from run to run; the message is what the rows compare.
  const text = error?.replace(/ecs-svc\/\d+/g, 'ecs-svc/…');
  return `failed (exit ${run.exitCode})${text ? `: "${text.slice(0, 160)}"` : ''}`;
}
