/**
 * ECS-native deployments after UpdateService: follow each service deployment within its budget,
 * then the verdict and, where the run must undo it (timeout, cancellation), StopServiceDeployment
 * with ROLLBACK followed to its end. Never an UpdateService to undo.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { messageOf } from '../../lib/errors.js';
import { formatSeconds } from '../../lib/summary.js';
import { buildCauses, collectStoppedTasks, eventsSince } from '../causes.js';
import { failureDetails } from '../container-tails.js';
import { imagesOf } from '../render.js';
import { CANCEL_BUDGET_MS, MIN_ROLLBACK_BUDGET_MS } from '../rolling/restore.js';
import type { Started } from '../start.js';
import type { DeployStatus, ServiceResult } from '../types.js';
import { serviceBudget, type Budget } from './budget.js';
import { followNative, type Followed } from './follow.js';
import { shortId } from './judge.js';
import { consoleLink, StageTimeline } from './progress.js';
import { rollBack } from './undo.js';

/** What following native deployments needs (a narrow slice of the inputs). */
export interface NativeOptions {
  ecs: Pick<ECSClient, 'send'>;
  cluster: string;
  wait: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
  onPause: 'stop' | 'wait';
  rollbackOnFailure: boolean;
  /** Follow a rollback this run asked for (hook-action: rollback) to its end. */
  followRollbacks?: boolean;
  signal?: AbortSignal;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function budgetLine(name: string, budget: Budget): string {
  const parts = budget.parts.map((p) => `${p.what} ${formatSeconds(p.ms)}`);
  return `${name}: wait budget ${formatSeconds(budget.totalMs)} (timeout-minutes ${formatSeconds(budget.timeoutMs)}${parts.length ? ` + ${parts.join(' + ')}` : ''}).`;
}

export function budgetOf(s: Started, timeoutMs: number): Budget {
  return serviceBudget(s.plan.service, timeoutMs);
}

function statusOf(f: Followed): DeployStatus {
  if (f.outcome === 'paused') return 'paused';
  if (f.outcome === 'timed-out') return 'timed-out';
  if (f.outcome === 'cancelled') return 'failed';
  return f.verdict!.verdict;
}

function interruption(f: Followed, budget: Budget): string {
  const where = f.view
    ? ` (last seen ${f.view.status ?? '?'}${f.view.stage ? `, ${f.view.stage}` : ''}${f.view.production !== undefined ? `, ${f.view.production}% of production traffic on the new revision` : ''})`
    : '';
  return f.outcome === 'cancelled'
    ? `${f.service}: the run was cancelled while service deployment ${shortId(f.serviceDeploymentArn)} was in progress${where}.`
    : `${f.service}: service deployment ${shortId(f.serviceDeploymentArn)} did not finish within its wait budget of ${formatSeconds(budget.totalMs)}${where}.`;
}

export async function followNativeDeployments(
  started: readonly Started[],
  options: NativeOptions,
): Promise<ServiceResult[]> {
  const clock = options.clock ?? Date.now;
  const revisions = new Map(started.flatMap((s) => [...s.revisions]));
  const budgets = started.map((s) => budgetOf(s, options.timeoutMs));
  const followed: Followed[] = started.map((s, i) => ({
    service: s.plan.name,
    serviceDeploymentArn: s.serviceDeploymentArn!,
    taskDefinitionArn: s.tracking.taskDefinitionArn,
    deadline: s.startedAt + budgets[i]!.totalMs,
    outcome: 'timed-out',
    timeline: new StageTimeline(),
    at: s.startedAt,
  }));
  const results = started.map((s): ServiceResult => {
    const arn = s.serviceDeploymentArn!;
    const link = consoleLink(arn);
    return {
      service: s.plan.name,
      strategy: s.plan.strategy,
      taskDefinitionArn: s.tracking.taskDefinitionArn,
      previousTaskDefinitionArn: s.plan.previousTaskDefinitionArn,
      deploymentId: s.tracking.deploymentId,
      serviceDeploymentArn: arn,
      ...(link ? { link } : {}),
      status: 'started',
      seconds: 0,
      phases: [],
      causes: [],
      message: `${s.plan.name}: service deployment ${shortId(arn)} started; not waiting for its outcome (wait: false).`,
      images: imagesOf(s.plan.target?.definition),
    };
  });
  if (!options.wait || started.length === 0) return results;

  await followNative(options.ecs, followed, {
    cluster: options.cluster,
    intervalMs: options.pollIntervalMs,
    onPause: options.onPause,
    ...(options.followRollbacks ? { followRollbacks: true } : {}),
    revisions,
    log: options.log,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });

  const undo: { f: Followed; r: ServiceResult; s: Started }[] = [];
  await Promise.all(
    followed.map(async (f, i) => {
      const r = results[i]!;
      const s = started[i]!;
      r.status = statusOf(f);
      r.seconds = Math.round((f.at - s.startedAt) / 100) / 10;
      if (f.outcome === 'judged') r.message = f.verdict!.message;
      else if (f.outcome === 'paused') {
        r.pausedHooks = f.paused!;
        r.message = `${f.service}: paused at ${f.paused!.map((h) => `hook ${h.hookId} (${h.lifecycleStage})`).join(', ')}; left paused (on-pause: stop). Resume with hook-action: continue or rollback and service-deployment-arns.`;
      } else {
        r.message = interruption(f, budgets[i]!);
        options.log(r.message);
        if (options.rollbackOnFailure) undo.push({ f, r, s });
        else {
          r.message += ` rollback-on-failure is false: left as it is; ECS ${f.outcome === 'cancelled' ? 'continues it' : 'may still complete or roll it back'}.`;
          options.log(`${f.service}: left as it is (rollback-on-failure: false).`);
        }
      }
      const failed = r.status !== 'succeeded' && r.status !== 'paused';
      r.phases = f.timeline.phases(f.service, f.at, failed);
      if (failed) r.causes = await causesOf(f, s, r.message, options);
    }),
  );
  if (undo.length > 0) {
    const cancelled = undo.some((u) => u.f.outcome === 'cancelled');
    if (cancelled)
      options.log(
        `The run was cancelled: rolling back ${undo.map((u) => u.f.service).join(', ')} with StopServiceDeployment(ROLLBACK) before the runner's SIGTERM.`,
      );
    const undone = await rollBack(
      options.ecs,
      undo.map((u) => ({
        service: u.f.service,
        serviceDeploymentArn: u.f.serviceDeploymentArn,
        previousTaskDefinitionArn: u.s.plan.previousTaskDefinitionArn,
      })),
      {
        cluster: options.cluster,
        intervalMs: cancelled ? Math.min(options.pollIntervalMs, 500) : options.pollIntervalMs,
        deadline:
          clock() +
          (cancelled ? CANCEL_BUDGET_MS : Math.max(options.timeoutMs, MIN_ROLLBACK_BUDGET_MS)),
        revisions,
        log: options.log,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
      },
    );
    undone.forEach((u, i) => {
      const { r } = undo[i]!;
      r.restore = u.restore;
      r.message += ` ${u.restore.message}`;
      r.phases.push({
        section: r.service,
        name: 'rolling back (StopServiceDeployment)',
        start: u.start,
        end: u.end,
        state: u.restore.outcome === 'restored' ? 'done' : 'failed',
      });
    });
  }
  return results;
}

async function causesOf(
  f: Followed,
  s: Started,
  verdict: string,
  options: NativeOptions,
): Promise<ServiceResult['causes']> {
  const stopped = await collectStoppedTasks(
    options.ecs,
    options.cluster,
    f.service,
    s.tracking.deploymentId,
    s.tracking.taskDefinitionArn,
  ).catch((error: unknown) => {
    core.warning(`${f.service}: could not read the stopped tasks: ${messageOf(error)}`);
    return [];
  });
  const causes = buildCauses({
    service: f.service,
    verdict,
    stoppedTasks: stopped,
    events: eventsSince(f.lastService, s.startedAt),
  });
  const reasons = f.verdict && f.verdict.verdict !== 'succeeded' ? f.verdict.reasons : [];
  causes.splice(
    1,
    0,
    ...reasons.map((message) => ({ title: `${f.service}: service deployment`, message })),
  );
  causes.push(...(await failureDetails(s.plan, options.cluster, stopped)));
  return causes;
}
