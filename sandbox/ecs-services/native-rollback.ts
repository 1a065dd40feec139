/**
 * How native deployments end early: a rollback (traffic back to the source revision, the green
 * revision scaled down, or ROLLBACK_FAILED as scripted), a stop (STOPPED where it stands), and
 * StopServiceDeployment for native and rolling deployments.
 */
import type { PluginContext } from '../core/plugin.js';
import { rollBack, stopAll } from './engine.js';
import { later, touch } from './native-events.js';
import { addEvent, schedule, type DeploymentRecord, type ServiceRecord } from './state.js';

export function freeze(dep: DeploymentRecord, at: number): void {
  const n = dep.native!;
  n.epoch++;
  delete n.waiting;
  // A hook still running or awaiting action is no longer active; it decided nothing, so it leaves
  // no FAILED entry that a client could take for the cause.
  n.hooks = n.hooks.filter((h) => h.status !== 'AWAITING_ACTION' && h.status !== 'IN_PROGRESS');
  dep.rolloutState = 'FAILED';
  // When it went wrong (the alarm, the failed hook, the trip, the stop), for tests and benchmarks.
  dep.failedAt ??= at;
  touch(dep, at);
}

export function stopNow(
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
  reason: string,
): void {
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
  // AWS: ROLLBACK_* "continues the rollback operation"; STOP_REQUESTED "continues to stop".
  if (status.startsWith('ROLLBACK_') || status === 'STOP_REQUESTED') return;
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
