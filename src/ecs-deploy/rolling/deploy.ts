/**
 * Rolling deploys (ECS deployment controller): UpdateService for every service, then one shared
 * wait (`watch.ts`) until each service's own deployment has a verdict, the causes of every
 * failure, and — when ECS did not roll back by itself — the restore of the previous revision.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { messageOf } from '../../lib/errors.js';
import type { Phase } from '../../lib/summary.js';
import { buildCauses, collectStoppedTasks, eventsSince } from '../causes.js';
import { revisionName } from './judge.js';
import { imagesOf, type ServicePlan } from '../render.js';
import { restoreAll, type RestoreRequest } from './restore.js';
import { startAll, type NotStarted, type StartOptions, type Started } from '../start.js';
import type { Cause, DeployStatus, Inputs, ServiceResult } from '../types.js';
import { watch, type Watched } from './watch.js';
import { failureDetails, type TailReader } from '../container-tails.js';

export { alreadySettled, priorRevisions } from '../start.js';

/** The inputs a rolling deploy (and its restore) reads. */
export type RollingInputs = Pick<
  Inputs,
  | 'cluster'
  | 'wait'
  | 'timeoutMs'
  | 'pollIntervalMs'
  | 'rollback-on-failure'
  | 'force-new-deployment'
  | 'desired-count'
>;

/** What a rolling deploy (and a restore) needs from its caller. */
export interface RollingContext {
  ecs: Pick<ECSClient, 'send'>;
  inputs: RollingInputs;
  signal?: AbortSignal;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Reads the stopped containers' last log lines (default: CloudWatch Logs, loaded on use). */
  readTails?: TailReader;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** The narrow start options of a rolling context. */
export function startOptions(ctx: RollingContext, deadline: number): StartOptions {
  const desired = ctx.inputs['desired-count'];
  return {
    ecs: ctx.ecs,
    cluster: ctx.inputs.cluster,
    forceNewDeployment: ctx.inputs['force-new-deployment'],
    ...(desired !== undefined ? { desiredCount: desired } : {}),
    deadline,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    log: ctx.log,
    ...(ctx.clock ? { clock: ctx.clock } : {}),
    ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
  };
}

async function causesOf(
  w: Watched,
  s: Started,
  ctx: RollingContext,
  verdict: string,
): Promise<Cause[]> {
  const stopped = await collectStoppedTasks(
    ctx.ecs,
    ctx.inputs.cluster,
    s.plan.name,
    s.tracking.deploymentId,
    s.tracking.taskDefinitionArn,
  ).catch((error: unknown) => {
    core.warning(`${s.plan.name}: could not read the stopped tasks: ${messageOf(error)}`);
    return [];
  });
  const ours = w.last?.deployments?.find((d) => d.id === s.tracking.deploymentId);
  const j = w.judgement;
  const causes = buildCauses({
    service: s.plan.name,
    verdict,
    ...(j?.verdict === 'failed' && j.rolloutStateReason
      ? { rolloutStateReason: j.rolloutStateReason }
      : {}),
    // Every count seen of this deployment's failed tasks is a lower bound: the largest is told.
    failedTasks: Math.max(
      ours?.failedTasks ?? 0,
      (j?.verdict === 'failed' ? j.progress?.failedTasks : undefined) ?? 0,
      w.lastProgress?.failedTasks ?? 0,
    ),
    stoppedTasks: stopped,
    events: eventsSince(w.last, s.startedAt),
  });
  causes.push(...(await failureDetails(s.plan, ctx.inputs.cluster, stopped, ctx.readTails)));
  return causes;
}

function verdictOf(
  w: Watched,
  s: Started,
  timeoutMs: number,
): { status: DeployStatus; message: string } {
  const j = w.judgement;
  if (j) return { status: j.verdict, message: j.message };
  const p = w.lastProgress;
  const where = p
    ? ` (last seen ${p.running}/${p.desired} running, ${p.pending} pending${p.rolloutState ? `, rollout ${p.rolloutState}` : ''})`
    : '';
  if (w.outcome === 'cancelled') {
    return {
      status: 'failed',
      message: `${s.plan.name}: the run was cancelled while deployment ${s.tracking.deploymentId} was in progress${where}; ${s.serviceDeploymentArn ? 'rolling it back before the runner stops the step' : 'ECS continues it (no service deployment to roll back)'}.`,
    };
  }
  return {
    status: 'timed-out',
    message: `${s.plan.name}: deployment ${s.tracking.deploymentId} of ${revisionName(s.tracking.taskDefinitionArn)} did not finish within ${seconds(timeoutMs)}s${where}.`,
  };
}

function needsRestore(w: Watched, s: Started, inputs: RollingInputs): boolean {
  if (!inputs['rollback-on-failure']) return false;
  // A cancelled run has seconds left: only a service deployment can be rolled back in them.
  if (w.outcome === 'cancelled') return s.serviceDeploymentArn !== undefined;
  if (s.plan.previousTaskDefinitionArn === s.tracking.taskDefinitionArn) return false;
  const j = w.judgement;
  if (!j) return w.outcome === 'timed-out';
  return j.verdict === 'failed' && j.kind === 'rollout-failed' && !j.ecsRollingBack;
}

export async function deployRolling(
  plans: readonly ServicePlan[],
  ctx: RollingContext,
): Promise<ServiceResult[]> {
  const clock = ctx.clock ?? Date.now;
  const { started, notStarted } = await startAll(
    plans,
    startOptions(ctx, clock() + ctx.inputs.timeoutMs),
  );
  return followRolling(plans, started, notStarted, ctx);
}

/** The result of a service whose UpdateService failed or was never sent. */
export function notStartedResult(n: NotStarted): ServiceResult {
  return {
    service: n.plan.name,
    strategy: n.plan.strategy,
    taskDefinitionArn: n.plan.target?.arn ?? '',
    previousTaskDefinitionArn: n.plan.previousTaskDefinitionArn,
    deploymentId: '',
    status: 'failed',
    seconds: 0,
    phases: [],
    causes: [
      {
        title: `${n.plan.name}: deployment ${n.refused ? 'refused' : 'not started'}`,
        message: n.message,
      },
    ],
    message: n.message,
  };
}

/**
 * Follows started rolling deployments to their verdicts (one shared wait), then restores what
 * ECS did not roll back itself. `plans` gives the order of the results.
 */
export async function followRolling(
  plans: readonly ServicePlan[],
  started: readonly Started[],
  notStarted: readonly NotStarted[],
  ctx: RollingContext,
): Promise<ServiceResult[]> {
  const clock = ctx.clock ?? Date.now;
  const refused = new Map<string, ServiceResult>(
    notStarted.map((n) => [n.plan.name, notStartedResult(n)]),
  );
  const base = (
    s: Started,
  ): Omit<ServiceResult, 'status' | 'seconds' | 'phases' | 'causes' | 'message'> => ({
    service: s.plan.name,
    strategy: s.plan.strategy,
    taskDefinitionArn: s.tracking.taskDefinitionArn,
    ...(s.serviceDeploymentArn ? { serviceDeploymentArn: s.serviceDeploymentArn } : {}),
    previousTaskDefinitionArn: s.plan.previousTaskDefinitionArn,
    deploymentId: s.tracking.deploymentId,
    images: imagesOf(s.plan.target?.definition),
  });
  const results = new Map<string, ServiceResult>(refused);
  for (const s of started) {
    if (s.unchanged) {
      ctx.log(s.unchanged);
      core.warning(s.unchanged);
      results.set(s.plan.name, {
        ...base(s),
        status: 'unchanged',
        seconds: 0,
        phases: [],
        causes: [],
        message: s.unchanged,
      });
    } else if (!ctx.inputs.wait) {
      results.set(s.plan.name, {
        ...base(s),
        status: 'started',
        seconds: 0,
        phases: [],
        causes: [],
        message: `${s.plan.name}: deployment ${s.tracking.deploymentId} started; not waiting for its outcome (wait: false).`,
      });
    }
  }
  const waiting = started.filter((s) => !results.has(s.plan.name));
  if (waiting.length === 0) return plans.flatMap((p) => results.get(p.name) ?? []);

  const timeoutMs = ctx.inputs.timeoutMs;
  // One record per waiting service: its start, and the causes of its failure, gathered as soon
  // as its verdict is known.
  const records = waiting.map((s) => ({
    started: s,
    tracking: s.tracking,
    causes: undefined as Promise<Cause[]> | undefined,
  }));
  const watched = await watch(ctx.ecs, ctx.inputs.cluster, records, {
    intervalMs: ctx.inputs.pollIntervalMs,
    deadline: clock() + timeoutMs,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.clock ? { clock: ctx.clock } : {}),
    ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    log: ctx.log,
    revisions: new Map(waiting.flatMap((s) => [...s.revisions])),
    onVerdict: (w) => {
      ctx.log(w.judgement!.message);
      if (w.judgement!.verdict !== 'succeeded')
        w.item.causes = causesOf(w, w.item.started, ctx, w.judgement!.message);
    },
  });

  const restores: RestoreRequest[] = [];
  const judged: { result: ServiceResult; causes?: Promise<Cause[]> }[] = [];
  for (const w of watched) {
    const s = w.item.started;
    const { status, message } = verdictOf(w, s, timeoutMs);
    if (!w.judgement) {
      ctx.log(message);
      w.item.causes = causesOf(w, s, ctx, message);
    }
    const phase: Phase = {
      section: s.plan.name,
      name: `rolling out ${revisionName(s.tracking.taskDefinitionArn)}`,
      start: s.startedAt,
      end: w.at,
      state: status === 'succeeded' ? 'done' : 'failed',
    };
    const result: ServiceResult = {
      ...base(s),
      status,
      seconds: seconds(w.at - s.startedAt),
      phases: [phase],
      causes: [],
      message,
    };
    results.set(s.plan.name, result);
    judged.push({ result, ...(w.item.causes ? { causes: w.item.causes } : {}) });
    if (needsRestore(w, s, ctx.inputs))
      restores.push({
        result,
        plan: s.plan,
        cancelled: w.outcome === 'cancelled',
        ...(s.serviceDeploymentArn ? { serviceDeploymentArn: s.serviceDeploymentArn } : {}),
        revisions: s.revisions,
      });
  }
  for (const j of judged) if (j.causes) j.result.causes = await j.causes;
  if (restores.length > 0) await restoreAll(restores, ctx);
  return plans.flatMap((p) => results.get(p.name) ?? []);
}
