/**
 * One job of a workflow on this machine: a fresh workspace, its services, its steps in order with
 * `if:` and the status functions, `continue-on-error`, `timeout-minutes` (job and step), env at
 * workflow, job and step level, `defaults.run`, and the job's outputs evaluated at the end
 * (an output holding a masked value is dropped with a warning, as on GitHub).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { isMapping, isSequence } from '@actions/workflow-parser';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import { Masker } from './command-files.js';
import {
  asText,
  evaluateStrings,
  evaluateToken,
  truthy,
  type Json,
  type Scope,
} from './expressions.js';
import { runPackAction, runUses } from './uses.js';
import { startServices, stopServices, type RunningService, type ServiceSpec } from './services.js';
import { processEnv, runScript, stepFiles } from './steps.js';
import type { JobState, Result, RunnerConfig } from './types.js';

export interface JobRun {
  key: string;
  job: Job;
  raw: MappingToken | undefined;
  contexts: Record<string, Json>;
  workflowEnv: TemplateToken | undefined;
  /** Caller's (or the workflow's) permissions when the job states none. */
  permissions?: Record<string, string>;
}

export interface JobOutcome {
  result: Result;
  outputs: Record<string, string>;
  log: string[];
  summary: string[];
}

const field = (raw: MappingToken | undefined, key: string) => (raw ? raw.find(key) : undefined);

let jobCount = 0;

export async function runJob(config: RunnerConfig, run: JobRun): Promise<JobOutcome> {
  jobCount += 1;
  const base = path.join(
    config.temp,
    'jobs',
    `${jobCount}-${run.key.replace(/[^\w.-]+/g, '_')}`.slice(0, 80),
  );
  const job: JobState = {
    workspace: path.join(base, 'workspace'),
    runnerTemp: path.join(base, 'temp'),
    env: {},
    path: [],
    masker: new Masker(),
    log: [],
    summary: [],
    registries: new Set(),
    contexts: run.contexts,
  };
  await mkdir(job.workspace, { recursive: true });
  await mkdir(job.runnerTemp, { recursive: true });
  for (const value of Object.values((run.contexts.secrets ?? {}) as Record<string, string>))
    job.masker.add(value);
  const scope = (extra: Record<string, Json> = {}, failed = false): Scope => ({
    contexts: { ...run.contexts, env: { ...job.env }, ...extra },
    status: { success: !failed, failure: failed, cancelled: false },
  });
  const permissions = evaluateToken(field(run.raw, 'permissions'), scope());
  job.permissions =
    permissions && typeof permissions === 'object' && !Array.isArray(permissions)
      ? (permissions as Record<string, string>)
      : run.permissions;
  const timeoutMinutes = Number(
    asText(evaluateToken(field(run.raw, 'timeout-minutes'), scope())) || 360,
  );
  const deadline = Date.now() + timeoutMinutes * 60_000;
  Object.assign(job.env, evaluateStrings(run.workflowEnv, scope()));
  Object.assign(job.env, evaluateStrings(run.job.env, scope()));
  const defaultsToken = field(run.raw, 'defaults');
  const defaults = (evaluateToken(defaultsToken, scope()) ?? {}) as {
    run?: { shell?: string; 'working-directory'?: string };
  };
  const runnerEnv = runnerVariables(config, run, job);
  let services: RunningService[] = [];
  const stepsContext: Record<string, Json> = {};
  let failed = false;
  try {
    const specs = (evaluateToken(run.job.services, scope()) ?? {}) as unknown as Record<
      string,
      ServiceSpec
    >;
    try {
      services = await startServices(specs);
    } catch (error) {
      job.log.push(`error: ${(error as Error).message}`);
      return { result: 'failure', outputs: {}, log: job.log, summary: job.summary };
    }
    const jobContext = {
      status: 'success',
      services: Object.fromEntries(services.map((s) => [s.id, { id: s.id, ports: s.ports }])),
    };
    const rawSteps = field(run.raw, 'steps');
    const rawList = rawSteps && isSequence(rawSteps) ? [...rawSteps] : [];
    for (const [index, step] of run.job.steps.entries()) {
      const raw = rawList[index];
      const rawStep = raw && isMapping(raw) ? raw : undefined;
      jobContext.status = failed ? 'failure' : 'success';
      const stepScope = () => scope({ steps: stepsContext, job: jobContext }, failed);
      const name =
        asText(evaluateToken(step.name, stepScope())) ||
        ('run' in step
          ? asText(evaluateToken(step.run, stepScope())).split('\n')[0]!
          : 'uses' in step
            ? `Run ${step.uses.value}`
            : step.id);
      const condition =
        'if' in step && step.if ? truthy(evaluateToken(step.if, stepScope())) : !failed;
      if (!condition || Date.now() > deadline) {
        stepsContext[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      job.log.push(`## ${name}`);
      let outcome: 'success' | 'failure' = 'failure';
      let outputs: Record<string, string> = {};
      try {
        const stepEnv = evaluateStrings('env' in step ? step.env : undefined, stepScope());
        const files = await stepFiles(job);
        const stepTimeout =
          Number(asText(evaluateToken(field(rawStep, 'timeout-minutes'), stepScope())) || 0) *
          60_000;
        const timeoutMs = Math.max(1, Math.min(stepTimeout || Infinity, deadline - Date.now()));
        const env = processEnv(config, job, runnerEnv, stepEnv, files);
        if ('run' in step) {
          const shell =
            asText(evaluateToken(field(rawStep, 'shell'), stepScope())) ||
            defaults.run?.shell ||
            'bash';
          const dir =
            asText(evaluateToken(field(rawStep, 'working-directory'), stepScope())) ||
            defaults.run?.['working-directory'] ||
            '.';
          const script = asText(evaluateToken(step.run, stepScope()));
          ({ outcome, outputs } = await runScript(script, {
            config,
            job,
            shell,
            cwd: path.resolve(job.workspace, dir),
            env,
            timeoutMs,
            files,
          }));
        } else if ('uses' in step) {
          const withValues = evaluateStrings(field(rawStep, 'with'), stepScope());
          ({ outcome, outputs } = await runUses(step.uses.value, withValues, {
            config,
            job,
            env,
            timeoutMs,
            files,
          }));
        } else throw new Error(`step ${step.id}: only run: and uses: steps are supported`);
      } catch (error) {
        job.log.push(`error: ${job.masker.mask((error as Error).message)}`);
        outcome = 'failure';
      }
      const continueOnError =
        truthy(
          evaluateToken(
            typeof step['continue-on-error'] === 'boolean' ? undefined : step['continue-on-error'],
            stepScope(),
          ),
        ) || step['continue-on-error'] === true;
      const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
      stepsContext[step.id] = { outputs, outcome, conclusion };
      if (conclusion === 'failure') failed = true;
    }
    if (Date.now() > deadline) {
      job.log.push(
        `error: the job running on this machine exceeded the maximum execution time of ${timeoutMinutes} minutes`,
      );
      failed = true;
    }
    const outputs: Record<string, string> = {};
    for (const [key, value] of Object.entries(
      evaluateStrings(run.job.outputs, scope({ steps: stepsContext, job: jobContext }, failed)),
    )) {
      if (job.masker.holds(value))
        job.log.push(`warning: Skip output '${key}' since it may contain secret.`);
      else outputs[key] = value;
    }
    return { result: failed ? 'failure' : 'success', outputs, log: job.log, summary: job.summary };
  } finally {
    await stopServices(services);
  }
}

function runnerVariables(config: RunnerConfig, run: JobRun, job: JobState): Record<string, string> {
  const github = run.contexts.github as Record<string, string>;
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: job.workspace,
    RUNNER_TEMP: job.runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TOOL_CACHE: path.join(config.temp, 'tool-cache'),
    GITHUB_REPOSITORY: github.repository!,
    GITHUB_REPOSITORY_OWNER: github.repository_owner!,
    GITHUB_SHA: github.sha!,
    GITHUB_REF: github.ref!,
    GITHUB_REF_NAME: github.ref_name!,
    GITHUB_EVENT_NAME: github.event_name!,
    GITHUB_RUN_ID: github.run_id!,
    GITHUB_RUN_NUMBER: github.run_number!,
    GITHUB_RUN_ATTEMPT: github.run_attempt!,
    GITHUB_ACTOR: github.actor!,
    GITHUB_WORKFLOW: github.workflow!,
    GITHUB_JOB: run.job.id.value,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
  };
}

export { runPackAction };
