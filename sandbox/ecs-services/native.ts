/**
 * Native ECS deployments (BLUE_GREEN, LINEAR, CANARY) played on the sandbox clock from the plan in
 * native-plan.ts: lifecycle stages, traffic weights, AWS_LAMBDA and PAUSE hooks, the alarm and
 * circuit-breaker monitors. Hooks are in native-hooks.ts, rollback and stop in native-rollback.ts,
 * the epoch-guarded clock in native-events.ts.
 */
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { taskTimes } from '../ecs/timeline.js';
import { complete, launch, startDeployment, stopAll } from './engine.js';
import { isFinished, isLive, later, touch } from './native-events.js';
import { hooksFor, runHooks } from './native-hooks.js';
import { nativePlan, type PlanStep } from './native-plan.js';
import { requestStop, startRollback, stopNow } from './native-rollback.js';
import type { RolloutScript } from './scenario.js';
import {
  addEvent,
  onNetworkLoadBalancer,
  schedule,
  type DeploymentRecord,
  type NativeState,
  type ServiceRecord,
} from './state.js';

export { isFinished } from './native-events.js';
export { requestStop } from './native-rollback.js';

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
        nlb: onNetworkLoadBalancer(svc.script),
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
  if (step.scaleUp) launch(ctx, svc, dep, dep.desiredCount, at);
  if (dep.rollout.native?.hangAt === step.stage) return;
  const next = (when: number) =>
    runHooks(ctx, svc, dep, hooksFor(dep, step), 0, step, when, (done) =>
      runStep(ctx, svc, dep, plan, index + 1, done),
    );
  if (step.scaleUp) {
    // Crashing, unstartable or hanging tasks never let SCALE_UP finish: the circuit breaker decides.
    if (dep.rollout.tasks !== 'healthy') return;
    const running = Math.max(...dep.tasks.map((t) => taskTimes(t, ctx.clock).runningAt), at);
    later(ctx, svc, dep, running, step.seconds, next);
    return;
  }
  later(ctx, svc, dep, at, step.seconds, next);
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
