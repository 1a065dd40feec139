/**
 * Services and their deployments on `ctx.state.ecsServices`. Nothing runs in the background: every
 * request first plays the queued timeline events up to the sandbox clock (`sync`), and counts are
 * read from the tasks' own timelines in the ECS task store.
 */
import { randomBytes } from 'node:crypto';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { ACCOUNT, REGION } from '../ecs/arns.js';
import type { TaskRecord } from '../ecs/state.js';
import { phaseAt, taskTimes } from '../ecs/timeline.js';
import type { RolloutScript, ServiceScript } from './scenario.js';

const PREFIX = `arn:aws:ecs:${REGION}:${ACCOUNT}`;

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

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
  revisions: Map<string, { taskDefinitionArn: string; createdAt: number }>;
  events: ServiceEventRecord[];
  queue: { at: number; seq: number; run: () => void }[];
  /** The deployment a circuit-breaker rollback returns to. */
  lastCompleted?: DeploymentRecord;
  deploysSeen: number;
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

/** ECS's failed-task threshold for the deployment circuit breaker. */
export function failureThreshold(desired: number): number {
  return Math.min(Math.max(Math.ceil(0.5 * desired), 3), 200);
}
