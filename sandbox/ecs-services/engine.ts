/**
 * Deployment timelines of the services sandbox, as ECS runs them: a new deployment launches its
 * tasks; healthy tasks drain the old deployment and the rollout COMPLETES; crashing tasks are
 * replaced and counted until the circuit breaker's threshold marks the rollout FAILED, and (with
 * rollback on) a rollback deployment of the last completed revision takes over.
 */
import type { ServiceVolumeConfiguration, TaskDefinition } from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { createTask, stopTask } from '../ecs/tasks.js';
import type { TaskRecord } from '../ecs/state.js';
import { taskTimes } from '../ecs/timeline.js';
import type { TaskScript } from '../ecs/scenario.js';
import type { RolloutScript } from './scenario.js';
import {
  addEvent,
  failureThreshold,
  newDeploymentId,
  schedule,
  serviceDeploymentArn,
  serviceRevisionArn,
  type DeploymentRecord,
  type ServiceRecord,
} from './state.js';

const FOREVER = 10 * 365 * 86_400;

function essential(def: TaskDefinition): string {
  const containers = def.containerDefinitions ?? [];
  return (containers.find((c) => c.essential !== false) ?? containers[0])?.name ?? 'app';
}

function taskScript(def: TaskDefinition, rollout: RolloutScript): TaskScript {
  const runningAfter = rollout.runningAfter ?? 5;
  const main = essential(def);
  switch (rollout.tasks) {
    case 'healthy':
      return { pendingAfter: 1, runningAfter, runSeconds: null };
    case 'hang':
      return { pendingAfter: 1, runningAfter: FOREVER, runSeconds: null };
    case 'fail-to-start':
      return {
        pendingAfter: 1,
        runningAfter,
        failToStart: true,
        stoppedReason:
          rollout.stoppedReason ??
          'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref: not found',
        containers: {
          [main]: { exitCode: null, ...(rollout.reason ? { reason: rollout.reason } : {}) },
        },
      };
    case 'crash':
      return {
        pendingAfter: 1,
        runningAfter,
        runSeconds: rollout.crashAfter ?? 4,
        stoppedReason: rollout.stoppedReason ?? 'Essential container in task exited',
        containers: {
          [main]: {
            exitCode: rollout.exitCode ?? 1,
            ...(rollout.reason ? { reason: rollout.reason } : {}),
            ...(rollout.logs ? { logs: rollout.logs } : {}),
          },
        },
      };
  }
}

const short = (task: TaskRecord): string => `(task ${task.id})`;
const isLive = (dep: DeploymentRecord): boolean => dep.status !== 'INACTIVE';

export function launch(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  count: number,
  at: number,
): void {
  if (count <= 0) return;
  const started: TaskRecord[] = [];
  for (let i = 0; i < count; i++) {
    const task = createTask(ctx, {
      cluster: svc.cluster,
      taskDefinition: dep.taskDefinition,
      script: taskScript(dep.taskDefinition, dep.rollout),
      startedBy: dep.id,
      group: `service:${svc.name}`,
      launchType: svc.script.launchType ?? 'FARGATE',
      ...(svc.script.launchType === 'EC2' ? {} : { platformVersion: '1.4.0' }),
      createdAt: at,
    });
    dep.tasks.push(task);
    started.push(task);
    if (dep.rollout.tasks === 'crash' || dep.rollout.tasks === 'fail-to-start') {
      schedule(ctx, svc, taskTimes(task, ctx.clock).stoppedAt, () =>
        taskFailed(ctx, svc, dep, task),
      );
    }
  }
  addEvent(
    svc,
    at,
    `(service ${svc.name}) has started ${count} tasks: ${started.map(short).join(' ')}.`,
  );
}

export function stopAll(
  ctx: PluginContext,
  svc: ServiceRecord,
  deps: DeploymentRecord[],
  at: number,
  why: string,
): void {
  const stopped: TaskRecord[] = [];
  for (const dep of deps) {
    for (const task of dep.tasks) {
      if (taskTimes(task, ctx.clock).stopAt <= at) continue;
      stopTask(ctx, task, { stopCode: 'ServiceSchedulerInitiated', reason: why, at });
      stopped.push(task);
    }
    dep.desiredCount = 0;
    dep.updatedAt = at;
  }
  if (stopped.length > 0)
    addEvent(
      svc,
      at,
      `(service ${svc.name}) has stopped ${stopped.length} running tasks: ${stopped.map(short).join(' ')}.`,
    );
}

function removeOthers(svc: ServiceRecord, keep: DeploymentRecord, at: number): void {
  for (const dep of svc.deployments) {
    if (dep === keep) continue;
    dep.status = 'INACTIVE';
    dep.updatedAt = at;
    if (dep.serviceDeploymentStatus === 'IN_PROGRESS') {
      dep.serviceDeploymentStatus = 'STOPPED';
      dep.finishedAt = at;
    }
  }
  svc.deployments = [keep];
}

export function complete(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
): void {
  if (dep.status !== 'PRIMARY' || dep.rolloutState === 'FAILED' || dep.halted) return;
  stopAll(
    ctx,
    svc,
    svc.deployments.filter((d) => d !== dep),
    at,
    `Scaling activity initiated by (deployment ${dep.id})`,
  );
  removeOthers(svc, dep, at);
  if (svc.script.rolloutState !== false) {
    dep.rolloutState = 'COMPLETED';
    dep.rolloutStateReason = `ECS deployment ${dep.id} completed.`;
  }
  dep.updatedAt = at;
  dep.finishedAt = at;
  dep.completedAt = at;
  if (dep.alarmStatus === 'MONITORING') dep.alarmStatus = 'MONITORING_COMPLETE';
  if (dep.breakerStatus === 'MONITORING') dep.breakerStatus = 'MONITORING_COMPLETE';
  if (dep.rollbackOf) {
    dep.rollbackOf.serviceDeploymentStatus = 'ROLLBACK_SUCCESSFUL';
    dep.rollbackOf.finishedAt = at;
  } else {
    dep.serviceDeploymentStatus = 'SUCCESSFUL';
  }
  svc.lastCompleted = dep;
  addEvent(svc, at, `(service ${svc.name}) (deployment ${dep.id}) deployment completed.`);
  addEvent(svc, at, `(service ${svc.name}) has reached a steady state.`);
}

function taskFailed(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  task: TaskRecord,
): void {
  const at = taskTimes(task, ctx.clock).stoppedAt;
  if (task.stop || dep.status !== 'PRIMARY' || dep.rolloutState === 'FAILED' || dep.halted) return;
  dep.failedTasks += 1;
  dep.updatedAt = at;
  const breaker = dep.config.circuitBreaker;
  if (
    breaker.enable &&
    svc.script.rolloutState !== false &&
    dep.failedTasks >= failureThreshold(dep.desiredCount)
  ) {
    if (dep.onTrip) dep.onTrip(at);
    else fail(ctx, svc, dep, at, breaker.rollback);
    return;
  }
  launch(ctx, svc, dep, 1, at);
}

function fail(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
  rollback: boolean,
): void {
  dep.rolloutState = 'FAILED';
  dep.failedAt = at;
  dep.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
  dep.updatedAt = at;
  dep.breakerStatus = 'TRIGGERED';
  dep.statusReason = dep.rolloutStateReason;
  addEvent(
    svc,
    at,
    `(service ${svc.name}) (deployment ${dep.id}) deployment failed: tasks failed to start.`,
  );
  const target = svc.lastCompleted;
  if (!rollback || !target || target === dep) {
    dep.serviceDeploymentStatus = 'STOPPED';
    dep.finishedAt = at;
    dep.stoppedAt = at;
    return;
  }
  rollBack(ctx, svc, dep, at, dep.rolloutStateReason);
}

/** A rolling deployment's rollback: a new deployment of the last completed revision. */
export function rollBack(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
  reason: string,
): void {
  const target = svc.lastCompleted;
  if (!target || target === dep) {
    dep.serviceDeploymentStatus = 'STOPPED';
    dep.statusReason = reason;
    dep.finishedAt = at;
    dep.stoppedAt = at;
    dep.halted = true;
    return;
  }
  dep.serviceDeploymentStatus = 'ROLLBACK_IN_PROGRESS';
  dep.rollbackInfo = { reason, startedAt: at, serviceRevisionArn: target.revisionArn };
  addEvent(svc, at, `(service ${svc.name}) rolling back to deployment ${target.id}.`);
  startDeployment(ctx, svc, target.taskDefinition, at, {
    rollout: {
      tasks: 'healthy',
      completeAfter: dep.rollout.rollbackSeconds ?? 40,
      runningAfter: 5,
    },
    rollbackOf: dep,
    volumeConfigurations: target.volumeConfigurations ?? [],
  });
}

export interface StartOptions {
  rollout: RolloutScript;
  desiredCount?: number;
  rollbackOf?: DeploymentRecord;
  /** Seed deployments: already completed at `at`, tasks running. */
  settled?: boolean;
  /** Native strategies: plays the deployment's timeline instead of the rolling one (native.ts). */
  native?: (dep: DeploymentRecord) => void;
  /** EBS volumes configured at launch (default: the service's current configuration). */
  volumeConfigurations?: ServiceVolumeConfiguration[];
}

export function startDeployment(
  ctx: PluginContext,
  svc: ServiceRecord,
  taskDefinition: TaskDefinition,
  at: number,
  options: StartOptions,
): DeploymentRecord {
  if (options.desiredCount !== undefined) svc.desiredCount = options.desiredCount;
  const previous = svc.deployments.find((d) => d.status === 'PRIMARY');
  for (const dep of svc.deployments) if (dep.status === 'PRIMARY') dep.status = 'ACTIVE';
  const id = newDeploymentId();
  const dep: DeploymentRecord = {
    id,
    status: 'PRIMARY',
    taskDefinition,
    desiredCount: svc.desiredCount,
    createdAt: at,
    updatedAt: at,
    failedTasks: 0,
    tasks: [],
    rollout: options.rollout,
    revisionArn: serviceRevisionArn(svc),
    sourceRevisionArns: previous ? [previous.revisionArn] : [],
    serviceDeploymentStatus: 'IN_PROGRESS',
    config: { ...svc.config },
    alarmStatus: svc.config.alarms?.enable ? 'MONITORING' : 'DISABLED',
    triggeredAlarms: [],
    breakerStatus: svc.config.circuitBreaker.enable ? 'MONITORING' : 'DISABLED',
  };
  const volumes = options.volumeConfigurations ?? svc.volumeConfigurations;
  if (volumes.length > 0) dep.volumeConfigurations = volumes;
  if (!options.rollbackOf) dep.serviceDeploymentArn = serviceDeploymentArn(svc);
  if (options.rollbackOf) dep.rollbackOf = options.rollbackOf;
  if (svc.script.rolloutState !== false) {
    dep.rolloutState = 'IN_PROGRESS';
    dep.rolloutStateReason = `ECS deployment ${id} in progress.`;
  }
  svc.revisions.set(dep.revisionArn, {
    taskDefinitionArn: taskDefinition.taskDefinitionArn ?? '',
    createdAt: at,
    ...(dep.volumeConfigurations ? { volumeConfigurations: dep.volumeConfigurations } : {}),
  });
  svc.deployments.unshift(dep);
  svc.history.push(dep);
  const rollout = options.rollout;
  if (options.settled) {
    // A seed deployment took five minutes, long ago: its service deployment starts before it ends.
    dep.createdAt = at - 5 * 60_000;
    launch(ctx, svc, dep, svc.desiredCount, at - ctx.clock.scale(10));
    complete(ctx, svc, dep, at);
    return dep;
  }
  if (options.native) {
    options.native(dep);
    return dep;
  }
  launch(ctx, svc, dep, svc.desiredCount, at);
  if (rollout.tasks === 'healthy') {
    const runningAfter = rollout.runningAfter ?? 5;
    const completeAfter = Math.max(rollout.completeAfter ?? 20, runningAfter + 1);
    const drainAt = ctx.clock.at(at, Math.min(runningAfter + 2, completeAfter));
    schedule(ctx, svc, drainAt, () => {
      if (dep.status !== 'PRIMARY' || dep.halted) return;
      const others = svc.deployments.filter((d) => d !== dep && isLive(d));
      stopAll(ctx, svc, others, drainAt, `Scaling activity initiated by (deployment ${id})`);
    });
    const completeAt = ctx.clock.at(at, completeAfter);
    schedule(ctx, svc, completeAt, () => complete(ctx, svc, dep, completeAt));
  }
  return dep;
}
