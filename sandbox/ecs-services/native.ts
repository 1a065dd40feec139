/**
 * Native ECS deployments (BLUE_GREEN, LINEAR, CANARY) played on the sandbox clock from the plan in
 * native-plan.ts: lifecycle stages, traffic weights, AWS_LAMBDA and PAUSE hooks, the alarm and
 * circuit-breaker monitors, rollback, StopServiceDeployment and ContinueServiceDeployment.
 * Every queued event carries the deployment's epoch; a change of course (rollback, stop, a newer
 * deployment) bumps it, so older events do nothing.
 */
import { randomBytes } from 'node:crypto';
import type {
  DeploymentLifecycleHook,
  DeploymentLifecycleHookDetail,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { taskTimes } from '../ecs/timeline.js';
import { complete, launch, rollBack, startDeployment, stopAll } from './engine.js';
import { nativePlan, type PlanStep } from './native-plan.js';
import type { RolloutScript } from './scenario.js';
import {
  FINISHED,
  addEvent,
  schedule,
  type DeploymentRecord,
  type NativeState,
  type ServiceRecord,
} from './state.js';

const HOOK_MINUTES = 60;
const isLive = (d: DeploymentRecord) => d.status !== 'INACTIVE';
export const isFinished = (d: DeploymentRecord) => FINISHED.includes(d.serviceDeploymentStatus);

/** Runs `fn` at `seconds` after `at` unless the deployment changed course meanwhile. */
function later(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
  seconds: number,
  fn: (when: number) => void,
): void {
  const epoch = dep.native!.epoch;
  const when = ctx.clock.at(at, seconds);
  schedule(ctx, svc, when, () => {
    if (dep.native!.epoch === epoch && !isFinished(dep)) fn(when);
  });
}

function touch(dep: DeploymentRecord, at: number): void {
  dep.updatedAt = Math.max(dep.updatedAt, at);
}

/** UpdateService on a native service: supersede what is in flight, then play the plan. */
export function startNative(
  ctx: PluginContext,
  svc: ServiceRecord,
  def: TaskDefinition,
  at: number,
  rollout: RolloutScript,
  desiredCount?: number,
): DeploymentRecord {
  const inFlight = svc.history.filter((d) => d.serviceDeploymentArn && !isFinished(d));
  const live = svc.deployments.filter(isLive);
  const source = svc.lastCompleted;
  return startDeployment(ctx, svc, def, at, {
    rollout,
    ...(desiredCount !== undefined ? { desiredCount } : {}),
    native: (dep) => {
      for (const old of inFlight) supersede(svc, old, dep, at);
      dep.sourceRevisionArns = [...new Set(live.map((d) => d.revisionArn))];
      const strategy = dep.config.strategy as NativeState['strategy'];
      dep.native = { strategy, stage: 'PRE_SCALE_UP', production: 0, test: 0, hooks: [], epoch: 0 };
      if (source) dep.native.source = source;
      dep.onTrip = (when) => tripped(ctx, svc, dep, when);
      const plan = nativePlan(dep.config, {
        reconcile: live.length > 1,
        ...(rollout.native?.stageSeconds ? { stageSeconds: rollout.native.stageSeconds } : {}),
      });
      scheduleScript(ctx, svc, dep, at);
      runStep(ctx, svc, dep, plan, 0, at);
    },
  });
}

function supersede(
  svc: ServiceRecord,
  old: DeploymentRecord,
  by: DeploymentRecord,
  at: number,
): void {
  if (old.native) old.native.epoch++;
  old.halted = true;
  old.serviceDeploymentStatus = 'STOPPED';
  old.statusReason = `Service deployment stopped: a newer service deployment (${by.serviceDeploymentArn}) started.`;
  old.stoppedAt = at;
  old.finishedAt = at;
  touch(old, at);
  addEvent(
    svc,
    at,
    `(service ${svc.name}) (deployment ${old.id}) was superseded by deployment ${by.id}.`,
  );
}

/** The scenario's alarm and someone else's StopServiceDeployment. */
function scheduleScript(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
): void {
  const script = dep.rollout.native;
  const alarm = script?.alarm;
  if (alarm) {
    const when = ctx.clock.at(at, alarm.afterSeconds);
    schedule(ctx, svc, when, () => alarmFired(ctx, svc, dep, alarm.name, when));
  }
  const stop = script?.stoppedBy;
  if (stop) {
    const when = ctx.clock.at(at, stop.afterSeconds);
    schedule(ctx, svc, when, () => {
      if (!isFinished(dep)) requestStop(ctx, svc, dep, stop.stopType ?? 'ABORT', when);
    });
  }
}

function runStep(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  plan: PlanStep[],
  index: number,
  at: number,
): void {
  const n = dep.native!;
  const step = plan[index];
  if (!step) {
    complete(ctx, svc, dep, at);
    return;
  }
  const stageChanged = index === 0 || n.stage !== step.stage;
  n.stage = step.stage;
  if (step.production !== undefined) n.production = step.production;
  if (step.test !== undefined) n.test = step.test;
  touch(dep, at);
  if (stageChanged || step.production !== undefined)
    addEvent(
      svc,
      at,
      `(service ${svc.name}) (deployment ${dep.id}) lifecycle stage ${step.stage}` +
        (step.stage === 'PRODUCTION_TRAFFIC_SHIFT'
          ? `: production traffic ${n.production}%.`
          : '.'),
    );
  if (step.cleanUp) {
    const others = svc.deployments.filter((d) => d !== dep && isLive(d));
    stopAll(ctx, svc, others, at, `Scaling activity initiated by (deployment ${dep.id})`);
  }
  if (dep.rollout.native?.hangAt === step.stage) return;
  const next = (when: number) =>
    runHooks(ctx, svc, dep, hooksFor(dep, step), 0, step, when, (done) =>
      runStep(ctx, svc, dep, plan, index + 1, done),
    );
  if (step.scaleUp) {
    launch(ctx, svc, dep, dep.desiredCount, at);
    // Crashing, unstartable or hanging tasks never let SCALE_UP finish: the circuit breaker decides.
    if (dep.rollout.tasks !== 'healthy') return;
    const running = Math.max(...dep.tasks.map((t) => taskTimes(t, ctx.clock).runningAt), at);
    later(ctx, svc, dep, running, step.seconds, next);
    return;
  }
  later(ctx, svc, dep, at, step.seconds, next);
}

function hooksFor(
  dep: DeploymentRecord,
  step: PlanStep,
): { hook: DeploymentLifecycleHook; stage: string }[] {
  return step.hooks.flatMap((stage) =>
    dep.config.lifecycleHooks
      .filter((h) => (h.lifecycleStages ?? []).includes(stage))
      .map((hook) => ({ hook, stage })),
  );
}

/** Runs the step's hooks one after the other; all must succeed before the deployment moves on. */
function runHooks(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  hooks: { hook: DeploymentLifecycleHook; stage: string }[],
  k: number,
  step: PlanStep,
  at: number,
  then: (at: number) => void,
): void {
  const entry = hooks[k];
  if (!entry) {
    then(at);
    return;
  }
  const { hook, stage } = entry;
  const n = dep.native!;
  const pause = hook.targetType === 'PAUSE';
  const minutes = hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_MINUTES;
  const timeoutAction = hook.timeoutConfiguration?.action ?? 'ROLLBACK';
  const detail: DeploymentLifecycleHookDetail = {
    hookId: `${pause ? 'ecs-pause' : 'ecs-hook'}-${randomBytes(32).toString('base64url')}`,
    targetType: pause ? 'PAUSE' : 'AWS_LAMBDA',
    ...(pause || !hook.hookTargetArn ? {} : { targetArn: hook.hookTargetArn }),
    status: pause ? 'AWAITING_ACTION' : 'IN_PROGRESS',
    expiresAt: new Date(ctx.clock.at(at, minutes * 60)),
    timeoutAction,
  };
  n.hooks.push(detail);
  touch(dep, at);
  const name = pause ? `pause hook ${detail.hookId}` : `lifecycle hook ${hook.hookTargetArn ?? ''}`;
  const proceed = (when: number) => runHooks(ctx, svc, dep, hooks, k + 1, step, when, then);
  const resolve = (status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT', when: number, why?: string) => {
    detail.status = status;
    delete n.waiting;
    touch(dep, when);
    if (status === 'SUCCEEDED') proceed(when);
    else if (status === 'TIMED_OUT' && timeoutAction === 'CONTINUE') proceed(when);
    else
      startRollback(ctx, svc, dep, when, why ?? `The ${name} at ${stage} ended ${status}.`, false);
  };
  later(ctx, svc, dep, at, minutes * 60, (when) => {
    if (detail.status === 'AWAITING_ACTION' || detail.status === 'IN_PROGRESS')
      resolve(
        'TIMED_OUT',
        when,
        `The ${name} at ${stage} timed out (timeout action ${timeoutAction}).`,
      );
  });
  if (pause) {
    addEvent(
      svc,
      at,
      `(service ${svc.name}) (deployment ${dep.id}) is paused at ${stage}: hook ${detail.hookId} awaits action.`,
    );
    n.waiting = {
      hookId: detail.hookId!,
      resume: (action, when) =>
        action === 'CONTINUE'
          ? resolve('SUCCEEDED', when)
          : resolve(
              'FAILED',
              when,
              `ContinueServiceDeployment rolled the deployment back at ${stage} (hook ${detail.hookId}).`,
            ),
    };
    return;
  }
  const result = (dep.rollout.native?.hookResults ?? []).find(
    (r) =>
      (!r.hookTargetArn || r.hookTargetArn === hook.hookTargetArn) &&
      (!r.stage || r.stage === stage),
  ) ?? { status: 'SUCCEEDED' as const };
  const outcome = result.status;
  if (outcome === 'IN_PROGRESS') return;
  later(ctx, svc, dep, at, result.afterSeconds ?? 2, (when) => {
    if (detail.status !== 'IN_PROGRESS') return;
    resolve(
      outcome,
      when,
      `Lifecycle hook ${hook.hookTargetArn ?? ''} returned hookStatus FAILED at ${stage}.`,
    );
  });
}

function alarmFired(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  name: string,
  at: number,
): void {
  const alarms = dep.config.alarms;
  if (isFinished(dep) || !alarms?.enable || !(alarms.alarmNames ?? []).includes(name)) return;
  // Watched until CLEAN_UP begins: from then on the blue revision is going away.
  if (dep.serviceDeploymentStatus !== 'IN_PROGRESS' || dep.native?.stage === 'CLEAN_UP') return;
  dep.alarmStatus = 'TRIGGERED';
  dep.triggeredAlarms = [...new Set([...dep.triggeredAlarms, name])];
  const reason = `CloudWatch alarm(s) in ALARM state: ${dep.triggeredAlarms.join(', ')}.`;
  addEvent(
    svc,
    at,
    `(service ${svc.name}) (deployment ${dep.id}) deployment failed: alarm detected.`,
  );
  if (alarms.rollback) startRollback(ctx, svc, dep, at, reason, false);
  else stopNow(svc, dep, at, reason);
}

function tripped(ctx: PluginContext, svc: ServiceRecord, dep: DeploymentRecord, at: number): void {
  if (isFinished(dep) || dep.serviceDeploymentStatus !== 'IN_PROGRESS') return;
  dep.breakerStatus = 'TRIGGERED';
  dep.failedAt = at;
  const reason = 'ECS deployment circuit breaker: tasks failed to start.';
  addEvent(
    svc,
    at,
    `(service ${svc.name}) (deployment ${dep.id}) deployment failed: tasks failed to start.`,
  );
  if (dep.config.circuitBreaker.rollback) startRollback(ctx, svc, dep, at, reason, false);
  else stopNow(svc, dep, at, reason);
}

function freeze(dep: DeploymentRecord, at: number): void {
  const n = dep.native!;
  n.epoch++;
  delete n.waiting;
  for (const h of n.hooks)
    if (h.status === 'AWAITING_ACTION' || h.status === 'IN_PROGRESS') h.status = 'FAILED';
  dep.rolloutState = 'FAILED';
  touch(dep, at);
}

function stopNow(svc: ServiceRecord, dep: DeploymentRecord, at: number, reason: string): void {
  freeze(dep, at);
  dep.halted = true;
  dep.serviceDeploymentStatus = 'STOPPED';
  dep.statusReason = reason;
  dep.rolloutStateReason = reason;
  dep.stoppedAt = at;
  dep.finishedAt = at;
  addEvent(svc, at, `(service ${svc.name}) (deployment ${dep.id}) was stopped: ${reason}`);
}

/** ROLLBACK: traffic back to the source revision, green scaled down; or ROLLBACK_FAILED as scripted. */
export function startRollback(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
  reason: string,
  requested: boolean,
): void {
  freeze(dep, at);
  dep.halted = true;
  dep.rolloutStateReason = reason;
  dep.statusReason = reason;
  const n = dep.native!;
  const source = n.source;
  if (!source) {
    stopNow(svc, dep, at, reason);
    return;
  }
  const begin = (when: number) => {
    dep.serviceDeploymentStatus = 'ROLLBACK_IN_PROGRESS';
    dep.rollbackInfo = { reason, startedAt: when, serviceRevisionArn: source.revisionArn };
    touch(dep, when);
    addEvent(svc, when, `(service ${svc.name}) rolling back to deployment ${source.id}.`);
    const script = dep.rollout.native?.rollback ?? {};
    const outcome = script.outcome ?? 'ROLLBACK_SUCCESSFUL';
    if (outcome === 'ROLLBACK_SUCCESSFUL') {
      if (n.production > 0) n.stage = 'PRODUCTION_TRAFFIC_SHIFT';
      n.production = 0;
      n.test = 0;
      for (const d of svc.deployments) if (d.status === 'PRIMARY') d.status = 'ACTIVE';
      source.status = 'PRIMARY';
    }
    later(ctx, svc, dep, when, script.seconds ?? 10, (end) => {
      dep.finishedAt = end;
      touch(dep, end);
      if (outcome === 'ROLLBACK_FAILED') {
        dep.serviceDeploymentStatus = 'ROLLBACK_FAILED';
        dep.statusReason = `${reason} Rollback failed: ${script.reason ?? 'Amazon ECS could not shift traffic back to the source service revision.'}`;
        addEvent(svc, end, `(service ${svc.name}) (deployment ${dep.id}) rollback failed.`);
        return;
      }
      n.stage = 'CLEAN_UP';
      stopAll(ctx, svc, [dep], end, `Scaling activity initiated by (deployment ${source.id})`);
      dep.status = 'INACTIVE';
      svc.deployments = svc.deployments.filter((d) => d !== dep);
      dep.serviceDeploymentStatus = 'ROLLBACK_SUCCESSFUL';
      addEvent(svc, end, `(service ${svc.name}) (deployment ${source.id}) deployment completed.`);
      addEvent(svc, end, `(service ${svc.name}) has reached a steady state.`);
    });
  };
  if (!requested) {
    begin(at);
    return;
  }
  dep.serviceDeploymentStatus = 'ROLLBACK_REQUESTED';
  later(ctx, svc, dep, at, 1, begin);
}

/** StopServiceDeployment (the handler or the scenario's `stoppedBy`), for native and rolling. */
export function requestStop(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  stopType: 'ABORT' | 'ROLLBACK',
  at: number,
): void {
  const status = dep.serviceDeploymentStatus;
  if (status.startsWith('ROLLBACK_')) return; // "continues the rollback operation"
  if (status === 'STOP_REQUESTED' && stopType === 'ABORT') return;
  const reason =
    stopType === 'ROLLBACK'
      ? 'Service deployment rolled back by a StopServiceDeployment request.'
      : 'Service deployment stopped by a StopServiceDeployment request.';
  if (dep.native) {
    if (stopType === 'ROLLBACK') {
      startRollback(ctx, svc, dep, at, reason, true);
      return;
    }
    freeze(dep, at);
    dep.halted = true;
    dep.serviceDeploymentStatus = 'STOP_REQUESTED';
    later(ctx, svc, dep, at, 1, (when) => stopNow(svc, dep, when, reason));
    return;
  }
  dep.halted = true;
  touch(dep, at);
  if (stopType === 'ROLLBACK') {
    dep.serviceDeploymentStatus = 'ROLLBACK_REQUESTED';
    schedule(ctx, svc, ctx.clock.at(at, 1), () =>
      rollBack(ctx, svc, dep, ctx.clock.at(at, 1), reason),
    );
    return;
  }
  dep.serviceDeploymentStatus = 'STOP_REQUESTED';
  const when = ctx.clock.at(at, 1);
  schedule(ctx, svc, when, () => {
    dep.serviceDeploymentStatus = 'STOPPED';
    dep.statusReason = reason;
    dep.stoppedAt = when;
    dep.finishedAt = when;
    touch(dep, when);
  });
}
