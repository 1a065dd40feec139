/**
 * A workflow's jobs run in `needs` order: each starts as soon as its needs are done (jobs without
 * a dependency between them run at the same time), its `if:` evaluated with the job status
 * functions over its needs, matrices expanded, concurrency groups applied, protected environments
 * counted as approvals, and calls of reusable workflows run as nested job graphs with their
 * workflow_call inputs, secrets and outputs.
 */
import type {
  ReusableWorkflowJob,
  WorkflowJob,
} from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import { Approvals } from './approvals.js';
import { ConcurrencyGroups } from './concurrency.js';
import { asText, evaluateToken, truthy, type Json, type Scope } from './expressions.js';
import { callInputs, callSecrets } from './workflow-call.js';
import { runJob, type JobOutcome } from './job.js';
import { expandMatrix } from './matrix.js';
import type { Result, RunnerConfig } from './types.js';

/** A matrix value in a job's display name: an object by its `name`, as workflows usually name it. */
function matrixLabel(value: Json): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && typeof value.name === 'string')
    return value.name;
  return asText(value);
}

export interface JobReport {
  id: string;
  result: Result;
  environment: string | null;
}

export interface Level {
  prefix: string;
  jobs: WorkflowJob[];
  rawJobs: Map<string, MappingToken>;
  contexts: Record<string, Json>;
  workflowEnv?: TemplateToken;
  permissions?: Record<string, string>;
}

interface Outcome {
  result: Result;
  outputs: Record<string, string>;
}

export class WorkflowRun {
  readonly approvals: Approvals;
  readonly concurrency: ConcurrencyGroups;
  readonly reports: JobReport[] = [];
  readonly summaries: { job: string; summary: string }[] = [];
  private moment = 0;

  constructor(
    private readonly config: RunnerConfig,
    private readonly calledRawJobs: Map<string, Map<string, MappingToken>>,
  ) {
    this.approvals = new Approvals(new Set(config.settings.protectedEnvironments));
    this.concurrency = new ConcurrencyGroups(config.settings.repository);
  }

  private report(
    id: string,
    result: Result,
    environment: string | null,
    outcome?: JobOutcome,
    startedAt?: number,
  ): void {
    this.reports.push({ id, result, environment });
    for (const summary of outcome?.summary ?? []) this.summaries.push({ job: id, summary });
    const took = startedAt ? ` (${((Date.now() - startedAt) / 1000).toFixed(1)} s)` : '';
    this.config.print(
      `${result.padEnd(9)} ${id}${environment ? `  [environment ${environment}]` : ''}${took}`,
    );
    const showLog = this.config.verbose || result === 'failure';
    if (outcome && showLog) {
      const lines = this.config.verbose ? outcome.log : outcome.log.slice(-25);
      for (const line of lines) this.config.print(`          | ${line}`);
    }
  }

  /** Runs a level's jobs; resolves with every job's result and outputs. */
  async runLevel(level: Level): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const waiting = [...level.jobs];
    const running = new Map<string, Promise<void>>();
    const ancestorsFailed = (job: WorkflowJob): boolean =>
      (job.needs ?? []).some((n) => {
        const need = outcomes.get(n.value);
        const needJob = level.jobs.find((j) => j.id.value === n.value);
        return need?.result === 'failure' || (needJob ? ancestorsFailed(needJob) : false);
      });
    while (waiting.length > 0 || running.size > 0) {
      for (const job of [...waiting]) {
        if (!(job.needs ?? []).every((n) => outcomes.has(n.value))) continue;
        waiting.splice(waiting.indexOf(job), 1);
        const moment = this.moment;
        const id = job.id.value;
        const done = this.startJob(level, job, outcomes, ancestorsFailed(job), moment).then(
          (outcome) => {
            outcomes.set(id, outcome);
            running.delete(id);
            this.moment += 1;
          },
        );
        running.set(id, done);
      }
      if (running.size === 0 && waiting.length > 0)
        throw new Error(
          `jobs ${waiting.map((j) => j.id.value).join(', ')} need jobs that never run`,
        );
      if (running.size > 0) await Promise.race(running.values());
    }
    return outcomes;
  }

  private async startJob(
    level: Level,
    job: WorkflowJob,
    outcomes: Map<string, Outcome>,
    anyFailed: boolean,
    moment: number,
  ): Promise<Outcome> {
    const id = `${level.prefix}${job.id.value}`;
    const needs: Record<string, Json> = {};
    for (const n of job.needs ?? [])
      needs[n.value] = {
        result: outcomes.get(n.value)!.result,
        outputs: outcomes.get(n.value)!.outputs,
      };
    const allSucceeded = (job.needs ?? []).every(
      (n) => outcomes.get(n.value)?.result === 'success',
    );
    const scope: Scope = {
      contexts: { ...level.contexts, needs },
      status: { success: allSucceeded, failure: anyFailed, cancelled: false },
    };
    let run: boolean;
    try {
      run = truthy(evaluateToken(job.if, scope));
    } catch (error) {
      this.config.print(`error in ${id}: ${(error as Error).message}`);
      return this.skipAll(level, job, 'failure');
    }
    if (!run) return this.skipAll(level, job, 'skipped');
    if (job.type === 'reusableWorkflowJob') return this.runCall(level, job, scope);
    const strategy = (evaluateToken(job.strategy, scope) ?? {}) as { matrix?: Json };
    const combos = expandMatrix(strategy.matrix ?? null);
    const results = await Promise.all(
      combos.map(async (matrix) => {
        const label = Object.keys(matrix).length
          ? ` (${Object.values(matrix).map(matrixLabel).join(', ')})`
          : '';
        const contexts = {
          ...level.contexts,
          needs,
          matrix,
          strategy: { 'job-total': combos.length },
        };
        const environmentValue = evaluateToken(job.environment, { contexts });
        const environment =
          environmentValue && typeof environmentValue === 'object'
            ? asText((environmentValue as Record<string, Json>).name ?? null)
            : asText(environmentValue);
        this.approvals.pending(id + label, environment || undefined, moment);
        const concurrency = evaluateToken(job.concurrency, { contexts });
        const group =
          concurrency && typeof concurrency === 'object'
            ? asText((concurrency as Record<string, Json>).group ?? null)
            : asText(concurrency);
        if (group && !(await this.concurrency.acquire(group, id + label))) {
          this.report(id + label, 'cancelled', environment || null);
          return { result: 'cancelled' as Result, outputs: {} };
        }
        const startedAt = Date.now();
        try {
          const outcome = await runJob(this.config, {
            key: id + label,
            job,
            raw: level.rawJobs.get(job.id.value),
            contexts,
            workflowEnv: level.workflowEnv,
            permissions: level.permissions,
          });
          this.report(id + label, outcome.result, environment || null, outcome, startedAt);
          return outcome;
        } finally {
          if (group) await this.concurrency.release(group);
        }
      }),
    );
    const result: Result = results.some((r) => r.result === 'failure')
      ? 'failure'
      : results.some((r) => r.result === 'cancelled')
        ? 'cancelled'
        : 'success';
    return { result, outputs: Object.assign({}, ...results.map((r) => r.outputs)) };
  }

  private skipAll(level: Level, job: WorkflowJob, result: Result): Outcome {
    const id = `${level.prefix}${job.id.value}`;
    if (job.type === 'reusableWorkflowJob' && job.jobs)
      for (const inner of job.jobs)
        this.report(
          `${id} / ${inner.id.value}`,
          result === 'failure' ? 'failure' : 'skipped',
          null,
        );
    else this.report(id, result, null);
    return { result, outputs: {} };
  }

  private async runCall(level: Level, job: ReusableWorkflowJob, scope: Scope): Promise<Outcome> {
    const id = `${level.prefix}${job.id.value}`;
    let inputs: Record<string, Json>;
    let secrets: Record<string, string>;
    try {
      inputs = callInputs(job, scope);
      secrets = callSecrets(job, scope);
    } catch (error) {
      this.config.print(`error in ${id}: ${(error as Error).message}`);
      return this.skipAll(level, job, 'failure');
    }
    const raw = level.rawJobs.get(job.id.value);
    const permissions = evaluateToken(raw?.find('permissions'), scope) as Record<
      string,
      string
    > | null;
    const inner = await this.runLevel({
      prefix: `${id} / `,
      jobs: job.jobs ?? [],
      rawJobs: this.calledRawJobs.get(job.ref.value) ?? new Map(),
      contexts: { github: level.contexts.github!, vars: level.contexts.vars!, inputs, secrets },
      permissions: permissions ?? level.permissions,
    });
    const results = [...inner.values()].map((o) => o.result);
    const result: Result = results.includes('failure')
      ? 'failure'
      : results.includes('cancelled')
        ? 'cancelled'
        : 'success';
    const jobs = Object.fromEntries(
      [...inner].map(([k, v]) => [k, { result: v.result, outputs: v.outputs }]),
    );
    const outputs: Record<string, string> = {};
    for (const pair of job.outputs ?? []) {
      const definition = pair.value as MappingToken;
      outputs[pair.key.toString()] = asText(
        evaluateToken(definition.find('value'), { contexts: { ...scope.contexts, inputs, jobs } }),
      );
    }
    return { result, outputs };
  }
}
