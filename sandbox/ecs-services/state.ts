/**
 * Services and their deployments on `ctx.state.ecsServices`. Nothing runs in the background: every
 * request first plays the queued timeline events up to the sandbox clock (`sync`), and counts are
 * read from the tasks' own timelines in the ECS task store.
 */
import { randomBytes } from 'node:crypto';
import type {
  DeploymentAlarms,
  DeploymentLifecycleHook,
  DeploymentLifecycleHookDetail,
  ServiceDeploymentLifecycleStage,
  ServiceDeploymentStatus,
  ServiceVolumeConfiguration,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { ACCOUNT, REGION } from '../ecs/arns.js';
import type { TaskRecord } from '../ecs/state.js';
import { phaseAt, taskTimes } from '../ecs/timeline.js';
import type { RolloutScript, ServiceScript } from './scenario.js';

const PREFIX = `arn:aws:ecs:${REGION}:${ACCOUNT}`;

export type { ServiceDeploymentStatus };

/** Statuses a service deployment never leaves. */
export const FINISHED: readonly ServiceDeploymentStatus[] = [
  'SUCCESSFUL',
  'STOPPED',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];

/** The moving parts of a BLUE_GREEN / LINEAR / CANARY deployment (native.ts). */
export interface NativeState {
  strategy: 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  stage: ServiceDeploymentLifecycleStage;
  /** Requested weights of the target revision (the sources carry the rest). */
  production: number;
  test: number;
  hooks: DeploymentLifecycleHookDetail[];
  /** Bumped whenever the timeline changes course; queued events of an older epoch do nothing. */
  epoch: number;
  /** The deployment the traffic belongs to before this one (blue). */
  source?: DeploymentRecord;
  /** The hook the deployment waits on, and what releases it. */
  waiting?: { hookId: string; resume: (action: 'CONTINUE' | 'ROLLBACK', at: number) => void };
}

/** Rollback monitors as DescribeServiceDeployments reports them. */
export type MonitorStatus = 'TRIGGERED' | 'MONITORING' | 'MONITORING_COMPLETE' | 'DISABLED';

export interface DeploymentRecord {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: TaskDefinition;
  desiredCount: number;
  createdAt: number;
  updatedAt: number;
  rolloutState?: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason?: string;
  failedTasks: number;
  tasks: TaskRecord[];
  rollout: RolloutScript;
  /** The service deployment (ListServiceDeployments); a circuit-breaker rollback has none of its own. */
  serviceDeploymentArn?: string;
  revisionArn: string;
  sourceRevisionArns: string[];
  serviceDeploymentStatus: ServiceDeploymentStatus;
  finishedAt?: number;
  /** When the rollout became FAILED / COMPLETED (sandbox ms), for tests and benchmarks. */
  failedAt?: number;
  completedAt?: number;
  /** For a rollback deployment: the failed deployment it undoes. */
  rollbackOf?: DeploymentRecord;
  /** Why the service deployment is where it is (statusReason). */
  statusReason?: string;
  /** When a StopServiceDeployment or a failure without rollback stopped it. */
  stoppedAt?: number;
  /** The rollback ECS started: why, when, to which revision. */
  rollbackInfo?: { reason: string; startedAt: number; serviceRevisionArn: string };
  /** The deployment's frozen configuration (strategy, bake, hooks, alarms) as ECS reports it. */
  config: DeploymentConfigSnapshot;
  /** EBS volumes configured at launch (UpdateService's volumeConfigurations), if any. */
  volumeConfigurations?: ServiceVolumeConfiguration[];
  alarmStatus: MonitorStatus;
  triggeredAlarms: string[];
  breakerStatus: MonitorStatus;
  /** No more timeline for it: stopped, rolled back or replaced (rolling completion is ignored). */
  halted?: boolean;
  /** Native deployments: what the circuit breaker's trip does instead of the rolling rollback. */
  onTrip?: (at: number) => void;
  native?: NativeState;
}

/** What a service deployment remembers of the service's deploymentConfiguration. */
export interface DeploymentConfigSnapshot {
  strategy: 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  bakeTimeInMinutes?: number;
  linearConfiguration?: { stepPercent: number; stepBakeTimeInMinutes: number };
  canaryConfiguration?: { canaryPercent: number; canaryBakeTimeInMinutes: number };
  lifecycleHooks: DeploymentLifecycleHook[];
  alarms?: DeploymentAlarms;
  circuitBreaker: { enable: boolean; rollback: boolean };
}

export interface ServiceEventRecord {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  script: ServiceScript;
  name: string;
  cluster: string;
  arn: string;
  desiredCount: number;
  createdAt: number;
  /** Listed on the service (PRIMARY first when described). */
  deployments: DeploymentRecord[];
  /** Every deployment ever, for the deployment history APIs. */
  history: DeploymentRecord[];
  revisions: Map<
    string,
    {
      taskDefinitionArn: string;
      createdAt: number;
      volumeConfigurations?: ServiceVolumeConfiguration[];
    }
  >;
  events: ServiceEventRecord[];
  queue: { at: number; seq: number; run: () => void }[];
  /** The deployment a circuit-breaker rollback returns to. */
  lastCompleted?: DeploymentRecord;
  deploysSeen: number;
  /** The service's deploymentConfiguration now (UpdateService may change it). */
  config: DeploymentConfigSnapshot;
  /** The service's volumeConfigurations now: UpdateService without them keeps these. */
  volumeConfigurations: ServiceVolumeConfiguration[];
}

export interface EcsServicesState {
  services: ServiceRecord[];
  seq: number;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    ecsServices: EcsServicesState;
  }
}

export function servicesState(ctx: PluginContext): EcsServicesState {
  ctx.state.ecsServices ??= { services: [], seq: 0 };
  return ctx.state.ecsServices;
}

export const serviceArn = (cluster: string, name: string): string =>
  `${PREFIX}:service/${cluster}/${name}`;

/** `count` random decimal digits, the first not 0. */
export function digits(count: number): string {
  const d = Array.from(randomBytes(count), (b) => String(b % 10));
  if (d[0] === '0') d[0] = '7';
  return d.join('');
}

export const newDeploymentId = (): string => `ecs-svc/${digits(19)}`;

export const serviceDeploymentArn = (svc: ServiceRecord): string =>
  `${PREFIX}:service-deployment/${svc.cluster}/${svc.name}/${randomBytes(11).toString('base64url')}`;

export const serviceRevisionArn = (svc: ServiceRecord): string =>
  `${PREFIX}:service-revision/${svc.cluster}/${svc.name}/${digits(19)}`;

export function findService(
  ctx: PluginContext,
  cluster: string,
  ref: string,
): ServiceRecord | undefined {
  const name = ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  return servicesState(ctx).services.find((s) => s.cluster === cluster && s.name === name);
}

export function schedule(
  ctx: PluginContext,
  svc: ServiceRecord,
  at: number,
  run: () => void,
): void {
  svc.queue.push({ at, seq: servicesState(ctx).seq++, run });
}

/** Plays every queued event whose time has come, in time order (events may queue more). */
export function sync(ctx: PluginContext, svc: ServiceRecord): void {
  const now = ctx.clock.now();
  for (;;) {
    let next = -1;
    for (let i = 0; i < svc.queue.length; i++) {
      const e = svc.queue[i]!;
      if (e.at > now) continue;
      const best = next < 0 ? undefined : svc.queue[next]!;
      if (!best || e.at < best.at || (e.at === best.at && e.seq < best.seq)) next = i;
    }
    if (next < 0) return;
    const [event] = svc.queue.splice(next, 1);
    event!.run();
  }
}

export function addEvent(svc: ServiceRecord, at: number, message: string): void {
  svc.events.push({ id: randomBytes(16).toString('hex'), createdAt: at, message });
}

export function taskCounts(
  ctx: PluginContext,
  tasks: readonly TaskRecord[],
): { running: number; pending: number } {
  const now = ctx.clock.now();
  let running = 0;
  let pending = 0;
  for (const task of tasks) {
    const phase = phaseAt(taskTimes(task, ctx.clock), now);
    if (phase === 'RUNNING') running++;
    else if (phase === 'PROVISIONING' || phase === 'PENDING') pending++;
  }
  return { running, pending };
}

/** Whether the service's listener is a Network Load Balancer's (`listener/net/` in its ARN). */
export function onNetworkLoadBalancer(script: ServiceScript): boolean {
  return (script.loadBalancers ?? []).some((lb) =>
    [lb.advancedConfiguration?.productionListenerRule, lb.advancedConfiguration?.testListenerRule]
      .filter((arn): arn is string => typeof arn === 'string')
      .some((arn) => arn.includes(':listener/net/')),
  );
}

/** ECS's failed-task threshold for the deployment circuit breaker. */
export function failureThreshold(desired: number): number {
  return Math.min(Math.max(Math.ceil(0.5 * desired), 3), 200);
}

/** The deploymentConfiguration a service starts with, from its script (AWS's defaults filled in). */
export function configFromScript(script: ServiceScript): DeploymentConfigSnapshot {
  const express = script.resourceManagementType === 'ECS';
  const strategy = express ? 'CANARY' : (script.strategy ?? 'ROLLING');
  const config: DeploymentConfigSnapshot = {
    strategy,
    lifecycleHooks: script.lifecycleHooks ?? [],
    circuitBreaker: script.circuitBreaker ?? { enable: true, rollback: true },
  };
  if (script.alarms) config.alarms = script.alarms;
  return withStrategyDefaults(config, script);
}

/** Fills bake, linear and canary settings with AWS's documented defaults for the strategy. */
export function withStrategyDefaults(
  config: DeploymentConfigSnapshot,
  given: Pick<ServiceScript, 'bakeTimeInMinutes' | 'linearConfiguration' | 'canaryConfiguration'>,
): DeploymentConfigSnapshot {
  const out = { ...config };
  delete out.linearConfiguration;
  delete out.canaryConfiguration;
  if (out.strategy === 'ROLLING') {
    delete out.bakeTimeInMinutes;
    return out;
  }
  out.bakeTimeInMinutes = given.bakeTimeInMinutes ?? config.bakeTimeInMinutes ?? 0;
  if (out.strategy === 'LINEAR')
    out.linearConfiguration = {
      stepPercent:
        given.linearConfiguration?.stepPercent ?? config.linearConfiguration?.stepPercent ?? 10,
      stepBakeTimeInMinutes:
        given.linearConfiguration?.stepBakeTimeInMinutes ??
        config.linearConfiguration?.stepBakeTimeInMinutes ??
        6,
    };
  if (out.strategy === 'CANARY')
    out.canaryConfiguration = {
      canaryPercent:
        given.canaryConfiguration?.canaryPercent ?? config.canaryConfiguration?.canaryPercent ?? 5,
      canaryBakeTimeInMinutes:
        given.canaryConfiguration?.canaryBakeTimeInMinutes ??
        config.canaryConfiguration?.canaryBakeTimeInMinutes ??
        10,
    };
  return out;
}
