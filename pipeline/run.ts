/** One run of a workflow file against a sandbox: load, run every job, count, report. */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventContext } from './event.js';
import { loadWorkflow } from './load.js';
import { repositoryOf } from './repository.js';
import { scratchParent } from './scratch.js';
import type { RunnerConfig } from './types.js';
import { WorkflowRun, type JobReport } from './workflow.js';

export const PACK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface PipelineOptions {
  file: string;
  event: string;
  inputs?: Record<string, string>;
  /** The sandbox's environment (AWS_ENDPOINT_URL and the plugins' variables). */
  sandboxEnv: Record<string, string>;
  sha?: string;
  /** Keep the run's artifacts in this folder (default: in the run's temp folder, removed after it). */
  artifacts?: string;
  verbose?: boolean;
  print: (line: string) => void;
}

export interface PipelineResult {
  jobs: JobReport[];
  approvals: number;
  failed: boolean;
  summaries: { job: string; summary: string }[];
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const file = path.resolve(options.file);
  if (!existsSync(file)) throw new Error(`no workflow file ${options.file}`);
  const repo = repositoryOf(file, PACK_ROOT);
  const loaded = await loadWorkflow(file, PACK_ROOT);
  // Artifacts belong to one run: another run's files would read as this run's uploads.
  if (
    options.artifacts &&
    existsSync(options.artifacts) &&
    readdirSync(options.artifacts).length > 0
  )
    throw new Error(
      `--artifacts ${options.artifacts}: the folder is not empty (name a new or empty one)`,
    );
  const { print } = options;
  const temp = await mkdtemp(path.join(scratchParent(), 'pipeline-run-'));
  try {
    const config: RunnerConfig = {
      packRoot: PACK_ROOT,
      repoRoot: repo.root,
      appRoot: repo.appRoot,
      settings: repo.settings,
      sandboxUrl: options.sandboxEnv.AWS_ENDPOINT_URL!,
      sandboxEnv: options.sandboxEnv,
      temp,
      artifacts: path.resolve(options.artifacts ?? path.join(temp, 'artifacts')),
      verbose: options.verbose ?? false,
      print,
    };
    const context = eventContext(
      loaded.template,
      options.event,
      options.inputs ?? {},
      repo.settings,
      options.sha,
      path.basename(file),
    );
    print(
      `${path.relative(PACK_ROOT, file)} on ${options.event} (${repo.settings.repository}, sandbox ${config.sandboxUrl})`,
    );
    const run = new WorkflowRun(config, loaded.calledRawJobs);
    await run.runLevel({
      prefix: '',
      jobs: loaded.template.jobs,
      rawJobs: loaded.rawJobs,
      contexts: {
        github: context.github,
        inputs: context.inputs,
        vars: repo.settings.vars,
        secrets: repo.settings.secrets,
      },
      workflowEnv: loaded.template.env,
    });
    for (const wait of run.concurrency.waits) print(`concurrency: ${wait}`);
    for (const line of run.approvals.describe()) print(`approval: ${line}`);
    const failed = run.reports.filter((r) => r.result === 'failure');
    print(
      `${failed.length === 0 ? 'succeeded' : 'failed'}: ${run.reports.length} job(s), ${failed.length} failed, ${run.approvals.count} approval(s)`,
    );
    return {
      jobs: run.reports,
      approvals: run.approvals.count,
      failed: failed.length > 0,
      summaries: run.summaries,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
