/**
 * The task store: launch a task from a script, describe it at the current time, stop it.
 * Exported for the services plugin, which launches service tasks through `createTask`.
 */
import type {
  Attachment,
  Container,
  LaunchType,
  Task,
  TaskDefinition,
  TaskOverride,
  Tag,
} from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { logStore, scriptedEvents } from '../logs/store.js';
import { clusterArn, containerArn, newTaskId, taskArn } from './arns.js';
import type { TaskScript } from './scenario.js';
import { ecsState, type TaskRecord } from './state.js';
import { phaseAt, taskTimes, versionOf, type TaskTimes } from './timeline.js';

export interface NewTask {
  cluster: string;
  taskDefinition: TaskDefinition;
  script: TaskScript;
  startedBy?: string;
  /** Default `family:<family>`; service tasks use `service:<name>`. */
  group?: string;
  launchType?: LaunchType;
  capacityProviderName?: string;
  platformVersion?: string;
  overrides?: TaskOverride;
  tags?: Tag[];
  /** Sandbox ms; default now. */
  createdAt?: number;
  meta?: Record<string, unknown>;
}

export function createTask(ctx: PluginContext, spec: NewTask): TaskRecord {
  const state = ecsState(ctx);
  const id = newTaskId();
  const containers = spec.taskDefinition.containerDefinitions ?? [];
  const record: TaskRecord = {
    id,
    arn: taskArn(spec.cluster, id),
    cluster: spec.cluster,
    taskDefinition: spec.taskDefinition,
    createdAt: spec.createdAt ?? ctx.clock.now(),
    script: spec.script,
    group: spec.group ?? `family:${spec.taskDefinition.family}`,
    overrides: {
      containerOverrides: [],
      inferenceAcceleratorOverrides: [],
      ...spec.overrides,
    },
    tags: spec.tags ?? [],
    containerArns: Object.fromEntries(
      containers.map((c) => [c.name!, containerArn(spec.cluster, id)]),
    ),
    meta: spec.meta ?? {},
    ...(spec.startedBy ? { startedBy: spec.startedBy } : {}),
    ...(spec.launchType ? { launchType: spec.launchType } : {}),
    ...(spec.capacityProviderName ? { capacityProviderName: spec.capacityProviderName } : {}),
    ...(spec.platformVersion ? { platformVersion: spec.platformVersion } : {}),
  };
  state.tasks.set(id, record);
  writeLogs(ctx, record);
  return record;
}

/** The awslogs stream of a container: `<prefix>/<container>/<task-id>`. */
export function logStreamOf(
  definition: TaskDefinition,
  container: string,
  taskId: string,
): { group: string; stream: string } | undefined {
  const c = definition.containerDefinitions?.find((d) => d.name === container);
  const log = c?.logConfiguration;
  if (log?.logDriver !== 'awslogs' || !log.options?.['awslogs-group']) return undefined;
  const prefix = log.options['awslogs-stream-prefix'];
  return {
    group: log.options['awslogs-group'],
    stream: prefix ? `${prefix}/${container}/${taskId}` : taskId,
  };
}

function writeLogs(ctx: PluginContext, record: TaskRecord): void {
  const times = taskTimes(record, ctx.clock);
  if (!times.ran) return;
  const store = logStore(ctx);
  for (const c of record.taskDefinition.containerDefinitions ?? []) {
    const where = logStreamOf(record.taskDefinition, c.name!, record.id);
    if (!where) continue;
    const script = record.script.containers?.[c.name!];
    const events = scriptedEvents(
      times.runningAt,
      (s) => ctx.clock.scale(s),
      script?.logs,
      script?.generateLogs,
    ).filter((e) => e.timestamp <= times.stopAt);
    store.append(where.group, where.stream, times.runningAt, events);
  }
}

/** Stops a task (StopTask, or a deployment replacing it); a no-op if it already stopped. */
export function stopTask(
  ctx: PluginContext,
  record: TaskRecord,
  stop: { stopCode: string; reason: string; at?: number },
): void {
  const at = stop.at ?? ctx.clock.now();
  const before = taskTimes(record, ctx.clock);
  if (before.stopAt <= at) return;
  record.stop = { at, stopCode: stop.stopCode, reason: stop.reason };
  const store = logStore(ctx);
  for (const c of record.taskDefinition.containerDefinitions ?? []) {
    const where = logStreamOf(record.taskDefinition, c.name!, record.id);
    if (where) store.truncate(where.group, where.stream, at);
  }
}

function containerOf(
  ctx: PluginContext,
  record: TaskRecord,
  definition: NonNullable<TaskDefinition['containerDefinitions']>[number],
  now: number,
): Container {
  const times = taskTimes(record, ctx.clock);
  const phase = phaseAt(times, now);
  const script = record.script.containers?.[definition.name!];
  const running = phase === 'RUNNING';
  const stopped = now >= times.stopAt;
  const container: Container = {
    containerArn: record.containerArns[definition.name!],
    taskArn: record.arn,
    name: definition.name,
    image: definition.image,
    lastStatus: stopped ? 'STOPPED' : running ? 'RUNNING' : 'PENDING',
    networkInterfaces: [],
    healthStatus: 'UNKNOWN',
    ...(definition.cpu !== undefined ? { cpu: String(definition.cpu) } : {}),
    ...(definition.memory !== undefined ? { memory: String(definition.memory) } : {}),
  };
  if (times.ran && now >= times.runningAt) container.runtimeId = `${record.id}-${definition.name}`;
  if (
    definition.healthCheck &&
    now >= times.runningAt + ctx.clock.scale(record.script.healthAfter ?? 0)
  )
    container.healthStatus = script?.healthStatus ?? (running ? 'HEALTHY' : 'UNKNOWN');
  if (stopped) {
    if (times.ran) {
      const exitCode = times.userStopped
        ? (record.script.exitCodeOnStop ?? 143)
        : script?.exitCode === undefined
          ? 0
          : script.exitCode;
      if (exitCode !== null) container.exitCode = exitCode;
      if (script?.reason && !times.userStopped) container.reason = script.reason;
    } else {
      const reason =
        script?.reason ?? (record.script.failToStart ? times.stoppedReason : undefined);
      if (reason) container.reason = reason;
    }
  }
  return container;
}

/** The elastic network interface of an awsvpc task, as ECS reports it through its lifecycle. */
function eniAttachments(record: TaskRecord, times: TaskTimes, now: number): Attachment[] {
  if (record.taskDefinition.networkMode !== 'awsvpc') return [];
  const hex = record.id.slice(0, 17);
  const octet = (i: number) => parseInt(record.id.slice(i, i + 2), 16);
  const status =
    now >= times.stoppedAt
      ? 'DELETED'
      : now >= times.stopAt
        ? 'DELETING'
        : now >= times.pendingAt
          ? 'ATTACHED'
          : 'PRECREATED';
  return [
    {
      id: `${record.id.slice(0, 8)}-${record.id.slice(8, 12)}-${record.id.slice(12, 16)}-${record.id.slice(16, 20)}-${record.id.slice(20)}`,
      type: 'ElasticNetworkInterface',
      status,
      details: [
        { name: 'subnetId', value: String(record.meta.subnetId ?? 'subnet-0a1b2c3d4e5f60718') },
        { name: 'networkInterfaceId', value: `eni-${hex}` },
        { name: 'macAddress', value: `0a:${record.id.slice(0, 10).replace(/(..)(?!$)/g, '$1:')}` },
        { name: 'privateIPv4Address', value: `10.0.${octet(0) % 4}.${(octet(2) % 250) + 4}` },
      ],
    },
  ];
}

/** The task as DescribeTasks reports it now. */
export function describeTask(ctx: PluginContext, record: TaskRecord, withTags = false): Task {
  const now = ctx.clock.now();
  const times = taskTimes(record, ctx.clock);
  const phase = phaseAt(times, now);
  const definition = record.taskDefinition;
  const date = (ms: number) => new Date(ms);
  const task: Task = {
    taskArn: record.arn,
    clusterArn: clusterArn(record.cluster),
    taskDefinitionArn: definition.taskDefinitionArn,
    group: record.group,
    lastStatus: phase,
    desiredStatus: now >= times.stopAt ? 'STOPPED' : 'RUNNING',
    createdAt: date(record.createdAt),
    version: versionOf(phase),
    overrides: record.overrides,
    containers: (definition.containerDefinitions ?? []).map((c) =>
      containerOf(ctx, record, c, now),
    ),
    cpu: definition.cpu,
    memory: definition.memory,
    availabilityZone: 'us-east-1a',
    connectivity: now >= times.pendingAt ? 'CONNECTED' : undefined,
    healthStatus: 'UNKNOWN',
    attachments: eniAttachments(record, times, now),
    tags: withTags ? record.tags : undefined,
    startedBy: record.startedBy,
    launchType: record.launchType,
    capacityProviderName: record.capacityProviderName,
    platformVersion: record.platformVersion,
    platformFamily: record.launchType === 'FARGATE' ? 'Linux' : undefined,
    enableExecuteCommand: false,
    ephemeralStorage: record.launchType === 'FARGATE' ? { sizeInGiB: 20 } : undefined,
  };
  if (now >= times.pendingAt) {
    task.connectivityAt = date(times.pendingAt);
    task.pullStartedAt = date(times.pendingAt);
  }
  if (times.ran && now >= times.runningAt) {
    task.pullStoppedAt = date(times.runningAt);
    task.startedAt = date(times.runningAt);
    const hasCheck = definition.containerDefinitions?.some((c) => c.healthCheck);
    if (now >= times.runningAt + ctx.clock.scale(record.script.healthAfter ?? 0))
      task.healthStatus = record.script.healthStatus ?? (hasCheck ? 'HEALTHY' : 'UNKNOWN');
  }
  if (now >= times.stopAt) {
    task.stoppingAt = date(times.stopAt);
    task.executionStoppedAt = date(times.stopAt);
    task.stopCode = times.stopCode as Task['stopCode'];
    task.stoppedReason = times.stoppedReason;
    if (phase !== 'RUNNING') task.healthStatus = 'UNKNOWN';
  }
  if (now >= times.stoppedAt) task.stoppedAt = date(times.stoppedAt);
  return task;
}
