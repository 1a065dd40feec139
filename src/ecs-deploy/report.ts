/**
 * Turns the per-service results into the step's outputs, annotations and job summary, and the
 * overall verdict: the worst status of all services.
 */
import * as core from '@actions/core';
import { OutcomeError } from '../lib/errors.js';
import { annotateCause, formatSeconds, type JobSummary } from '../lib/summary.js';
import { revisionName } from './rolling/judge.js';
import { STATUS_SEVERITY, type Cause, type DeployStatus, type ServiceResult } from './types.js';

export function overallStatus(results: readonly ServiceResult[]): DeployStatus {
  let worst: DeployStatus = results[0]?.status ?? 'succeeded';
  for (const r of results) if (STATUS_SEVERITY[r.status] > STATUS_SEVERITY[worst]) worst = r.status;
  return worst;
}

export const isFailure = (status: DeployStatus): boolean =>
  status === 'failed' || status === 'rolled-back' || status === 'timed-out';

/** The `deployments` output: the contract's fields, plus what was restored when something was. */
export function deploymentsJson(results: readonly ServiceResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      service: r.service,
      taskDefinitionArn: r.taskDefinitionArn,
      previousTaskDefinitionArn: r.previousTaskDefinitionArn,
      deploymentId: r.deploymentId,
      status: r.status,
      seconds: r.seconds,
      strategy: r.strategy,
      ...(r.serviceDeploymentArn ? { serviceDeploymentArn: r.serviceDeploymentArn } : {}),
      ...(r.restore
        ? { restoredTaskDefinitionArn: r.restore.taskDefinitionArn, restore: r.restore.outcome }
        : {}),
    })),
  );
}

/**
 * The `codedeploy-deployments` output: the entry of every blue/green service whose deployment
 * was created (whatever its outcome), or undefined when there is none.
 */
export function codeDeployJson(results: readonly ServiceResult[]): string | undefined {
  const entries = results.flatMap((r) => (r.codedeploy ? [r.codedeploy] : []));
  return entries.length > 0 ? JSON.stringify(entries) : undefined;
}

export function setOutputs(results: readonly ServiceResult[]): DeployStatus {
  const status = overallStatus(results);
  core.setOutput('task-definition-arn', results.map((r) => r.taskDefinitionArn).join('\n'));
  core.setOutput(
    'previous-task-definition-arn',
    results.map((r) => r.previousTaskDefinitionArn).join('\n'),
  );
  core.setOutput('deployments', deploymentsJson(results));
  core.setOutput(
    'service-deployment-arns',
    results
      .filter((r) => r.serviceDeploymentArn)
      .map((r) => `${r.service}=${r.serviceDeploymentArn}`)
      .join('\n'),
  );
  core.setOutput('paused-hooks', JSON.stringify(results.flatMap((r) => r.pausedHooks ?? [])));
  const codedeploy = codeDeployJson(results);
  if (codedeploy !== undefined) core.setOutput('codedeploy-deployments', codedeploy);
  core.setOutput('status', status);
  return status;
}

const STATUS_LABEL: Record<DeployStatus, string> = {
  succeeded: '✅ succeeded',
  unchanged: '➖ unchanged (nothing deployed)',
  paused: '⏸️ paused',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back',
  'timed-out': '⏱️ timed out',
  'dry-run': '📝 dry run',
  started: '🚀 started',
};

export function summaryRows(results: readonly ServiceResult[]): string[][] {
  return results.map((r) => [
    r.service,
    r.strategy,
    `${revisionName(r.previousTaskDefinitionArn)} → ${r.taskDefinitionArn ? revisionName(r.taskDefinitionArn) : 'a new revision'}`,
    (r.images ?? []).join('\n'),
    STATUS_LABEL[r.status] +
      (r.restore
        ? ` (restored ${revisionName(r.restore.taskDefinitionArn)}: ${r.restore.outcome})`
        : ''),
    r.status === 'dry-run' ? '' : formatSeconds(r.seconds * 1000),
    r.deploymentId,
  ]);
}

export function writeSummary(
  summary: JobSummary,
  cluster: string,
  results: readonly ServiceResult[],
  status: DeployStatus,
): void {
  summary.heading(`ECS deploy to ${cluster}: ${STATUS_LABEL[status]}`);
  summary.table(
    ['service', 'strategy', 'revision', 'images', 'status', 'duration', 'deployment'],
    summaryRows(results),
  );
  for (const r of results) {
    if (!r.preview) continue;
    summary.heading(`${r.service}: ${r.preview.what}`, 3);
    summary.codeBlock(
      r.preview.diff.length > 0 ? r.preview.diff.join('\n') : '(no change)',
      'diff',
    );
  }
  const paused = results.flatMap((r) => r.pausedHooks ?? []);
  if (paused.length > 0) {
    summary.heading('Paused: awaiting action', 3);
    summary.table(
      ['service', 'hook', 'lifecycle stage', 'expires', 'service deployment'],
      paused.map((h) => [
        h.service,
        h.hookId,
        h.lifecycleStage,
        h.expiresAt ?? '',
        h.serviceDeploymentArn,
      ]),
    );
    summary.text(
      'Resume with `hook-action: continue` (or `rollback`) and `service-deployment-arns`.',
    );
  }
  const links = results.filter((r) => r.link);
  if (links.length > 0)
    summary.list(
      links.map((r) => `${r.service}: [service deployment in the ECS console](${r.link})`),
    );
  const phases = results.flatMap((r) => r.phases);
  if (phases.length > 0) summary.timeline(`Deploy to ${cluster}`, phases);
  for (const r of results) {
    if (r.causes.length === 0) continue;
    summary.heading(`${r.service}: why it ${r.status === 'timed-out' ? 'timed out' : 'failed'}`, 3);
    const block = (c: Cause): boolean => c.details === true || c.message.includes('\n');
    summary.list(r.causes.filter((c) => !block(c)).map((c) => c.message));
    for (const c of r.causes.filter(block)) summary.details(c.title, '```\n' + c.message + '\n```');
  }
}

/** Annotations for every cause, then the verdict: throws an OutcomeError when any service failed. */
export function conclude(results: readonly ServiceResult[], status: DeployStatus): void {
  for (const r of results)
    for (const c of r.causes) if (!c.details) annotateCause(c.message, c.title);
  for (const r of results) if (r.status === 'paused') core.warning(r.message);
  if (!isFailure(status)) return;
  const failed = results.filter((r) => isFailure(r.status));
  const head =
    results.length === 1 ? '' : `${failed.length} of ${results.length} services did not deploy. `;
  throw new OutcomeError(`${head}${failed.map((r) => r.message).join(' | ')}`);
}
