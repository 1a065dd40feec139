/**
 * Rolling deploys (ECS deployment controller): UpdateService for every service, then one shared
 * wait (`watch.ts`) until each service's own deployment has a verdict, the causes of every
 * failure, and — when ECS did not roll back by itself — the restore of the previous revision.
 */
import * as core from '@actions/core';
import { UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { messageOf } from '../lib/errors.js';
import type { Phase } from '../lib/summary.js';
import { buildCauses, collectStoppedTasks, eventsSince } from './causes.js';
import { revisionName, type Tracking } from './judge.js';
import { imagesOf, type ServicePlan } from './render.js';
import { restoreAll, type RestoreRequest } from './restore.js';
import type { Cause, DeployStatus, Inputs, ServiceResult } from './types.js';
import { watch, type Watched } from './watch.js';

/** What a rolling deploy (and a restore) needs from its caller. */
export interface RollingContext {
  ecs: Pick<ECSClient, 'send'>;
  inputs: Inputs;
  signal?: AbortSignal;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface Started {
  plan: ServicePlan;
  tracking: Tracking;
  startedAt: number;
  /** Set when the service already runs the target revision, settled: nothing to deploy. */
  settled?: string;
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** True when the service already runs `target` alone and settled, so UpdateService would do nothing. */
export function alreadySettled(plan: ServicePlan, inputs: Inputs): boolean {
  const deployments = plan.service.deployments ?? [];
  const only = deployments[0];
  if (deployments.length !== 1 || !only || only.taskDefinition !== plan.target?.arn) return false;
  if (inputs['force-new-deployment']) return false;
  const desired = inputs['desired-count'];
  if (desired !== undefined && desired !== plan.service.desiredCount) return false;
  if (only.rolloutState) return only.rolloutState === 'COMPLETED';
  return (only.runningCount ?? 0) === (only.desiredCount ?? 0) && (only.pendingCount ?? 0) === 0;
}

export function priorRevisions(plan: ServicePlan): string[] {
  const revisions = [
    plan.previousTaskDefinitionArn,
    ...(plan.service.deployments ?? []).map((d) => d.taskDefinition ?? ''),
  ];
  return [...new Set(revisions.filter((r) => r !== ''))];
}

async function start(plan: ServicePlan, ctx: RollingContext): Promise<Started> {
  const clock = ctx.clock ?? Date.now;
  const target = plan.target!.arn;
  const startedAt = clock();
  const base = {
    service: plan.name,
    taskDefinitionArn: target,
    priorTaskDefinitionArns: priorRevisions(plan),
  };
  if (alreadySettled(plan, ctx.inputs)) {
    const id = plan.service.deployments?.[0]?.id ?? '';
    return {
      plan,
      startedAt,
      tracking: { ...base, deploymentId: id },
      settled: `${plan.name}: already runs ${revisionName(target)} (deployment ${id}, settled); nothing to deploy.`,
    };
  }
  const desired = ctx.inputs['desired-count'];
  const out = await ctx.ecs.send(
    new UpdateServiceCommand({
      cluster: ctx.inputs.cluster,
      service: plan.name,
      taskDefinition: target,
      forceNewDeployment: ctx.inputs['force-new-deployment'],
      ...(desired !== undefined ? { desiredCount: desired } : {}),
    }),
  );
  const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
  if (!primary?.id) {
    throw new Error(
      `${plan.name}: UpdateService answered without a PRIMARY deployment; cannot tell which deployment to follow.`,
    );
  }
  ctx.log(
    `${plan.name}: deploying ${revisionName(target)} (was ${revisionName(plan.previousTaskDefinitionArn)}) as deployment ${primary.id}.`,
  );
  return { plan, startedAt, tracking: { ...base, deploymentId: primary.id } };
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
  return buildCauses({
    service: s.plan.name,
    verdict,
    ...(j?.verdict === 'failed' && j.rolloutStateReason
      ? { rolloutStateReason: j.rolloutStateReason }
      : {}),
    failedTasks: ours?.failedTasks ?? w.lastProgress?.failedTasks ?? 0,
    stoppedTasks: stopped,
    events: eventsSince(w.last, s.startedAt),
  });
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
      message: `${s.plan.name}: the run was cancelled while deployment ${s.tracking.deploymentId} was in progress${where}; ECS continues it.`,
    };
  }
  return {
    status: 'timed-out',
    message: `${s.plan.name}: deployment ${s.tracking.deploymentId} of ${revisionName(s.tracking.taskDefinitionArn)} did not finish within ${seconds(timeoutMs)}s${where}.`,
  };
}

function needsRestore(w: Watched, s: Started, inputs: Inputs): boolean {
  if (!inputs['rollback-on-failure'] || w.outcome === 'cancelled') return false;
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
  // One service's UpdateService failing (permissions, a deleted service) must not hide the
  // deployments already started for the others: they are still followed to their verdicts.
  const attempts = await Promise.allSettled(plans.map((plan) => start(plan, ctx)));
  const refused = new Map<string, ServiceResult>();
  attempts.forEach((attempt, i) => {
    if (attempt.status === 'fulfilled') return;
    const plan = plans[i]!;
    const message = `${plan.name}: UpdateService to ${revisionName(plan.target?.arn)} failed: ${messageOf(attempt.reason)}`;
    ctx.log(message);
    refused.set(plan.name, {
      service: plan.name,
      strategy: 'rolling',
      taskDefinitionArn: plan.target?.arn ?? '',
      previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
      deploymentId: '',
      status: 'failed',
      seconds: 0,
      phases: [],
      causes: [{ title: `${plan.name}: deployment not started`, message }],
      message,
    });
  });
  const started = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
  const base = (
    s: Started,
  ): Omit<ServiceResult, 'status' | 'seconds' | 'phases' | 'causes' | 'message'> => ({
    service: s.plan.name,
    strategy: 'rolling',
    taskDefinitionArn: s.tracking.taskDefinitionArn,
    previousTaskDefinitionArn: s.plan.previousTaskDefinitionArn,
    deploymentId: s.tracking.deploymentId,
    images: imagesOf(s.plan.target?.definition),
  });
  const results = new Map<string, ServiceResult>(refused);
  for (const s of started) {
    if (s.settled) {
      ctx.log(s.settled);
      results.set(s.plan.name, {
        ...base(s),
        status: 'succeeded',
        seconds: 0,
        phases: [],
        causes: [],
        message: s.settled,
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
  if (waiting.length === 0) return plans.map((p) => results.get(p.name)!);

  const byName = new Map(waiting.map((s) => [s.plan.name, s]));
  const timeoutMs = ctx.inputs['timeout-minutes'];
  const causes = new Map<string, Promise<Cause[]>>();
  const watched = await watch(
    ctx.ecs,
    ctx.inputs.cluster,
    waiting.map((s) => s.tracking),
    {
      intervalMs: ctx.inputs['poll-interval-seconds'],
      deadline: clock() + timeoutMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.clock ? { clock: ctx.clock } : {}),
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
      log: ctx.log,
      onVerdict: (w) => {
        ctx.log(w.judgement!.message);
        const s = byName.get(w.tracking.service)!;
        if (w.judgement!.verdict !== 'succeeded')
          causes.set(s.plan.name, causesOf(w, s, ctx, w.judgement!.message));
      },
    },
  );

  const restores: RestoreRequest[] = [];
  for (const w of watched) {
    const s = byName.get(w.tracking.service)!;
    const { status, message } = verdictOf(w, s, timeoutMs);
    if (!w.judgement) {
      ctx.log(message);
      causes.set(s.plan.name, causesOf(w, s, ctx, message));
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
    if (needsRestore(w, s, ctx.inputs)) restores.push({ result, plan: s.plan });
  }
  for (const [name, pending] of causes) results.get(name)!.causes = await pending;
  if (restores.length > 0) await restoreAll(restores, ctx);
  return plans.map((p) => results.get(p.name)!);
}
