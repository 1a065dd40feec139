/** RunTask (with clientToken idempotency and scripted failures), DescribeTasks, ListTasks, StopTask. */
import type { Failure, RunTaskCommandInput, Task } from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';
import type { PluginContext } from '../core/plugin.js';
import { clusterName, containerInstanceArn, taskArn, taskIdOf } from './arns.js';
import type { RunTaskRule } from './scenario.js';
import { ecsState, type EcsHandlers, type EcsState, type TaskRecord } from './state.js';
import { findTaskDefinition, pageOf } from './task-definitions.js';
import { createTask, describeTask, stopTask } from './tasks.js';
import { taskTimes } from './timeline.js';

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

function knownCluster(state: EcsState, nameOrArn: string | undefined): string {
  const name = clusterName(nameOrArn);
  if (state.clusters && !state.clusters.has(name))
    throw new AwsError('ClusterNotFoundException', 'Cluster not found.');
  return name;
}

/** JSON with sorted keys, to compare two requests. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function commandOf(input: RunTaskCommandInput): string {
  return (input.overrides?.containerOverrides ?? []).flatMap((o) => o.command ?? []).join(' ');
}

function chooseRule(
  state: EcsState,
  input: RunTaskCommandInput,
  family: string,
): RunTaskRule | undefined {
  const command = commandOf(input);
  const rule = state.runTaskRules.find(
    (r) =>
      (r.times === undefined || r.times > 0) &&
      (r.family === undefined || r.family === family) &&
      (r.command === undefined || command.includes(r.command)) &&
      (r.startedBy === undefined || r.startedBy === input.startedBy),
  );
  if (rule?.times !== undefined) rule.times -= 1;
  return rule;
}

function validateRunTask(input: RunTaskCommandInput): void {
  const token = input.clientToken;
  if (token !== undefined && (token.length > 64 || !/^[\x21-\x7e]+$/.test(token)))
    throw invalid('clientToken must be 1 to 64 ASCII characters in the range 33-126.');
  const count = input.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 10)
    throw invalid('Count must be between 1 and 10.');
  if (input.startedBy !== undefined && input.startedBy.length > 128)
    throw invalid('startedBy must be at most 128 characters.');
}

function runTask(
  ctx: PluginContext,
  input: RunTaskCommandInput,
): { tasks: Task[]; failures: Failure[] } {
  const state = ecsState(ctx);
  const cluster = knownCluster(state, input.cluster);
  validateRunTask(input);
  const { clientToken, ...request } = input;
  const tokenKey = clientToken ? `${cluster}\u0000${clientToken}` : undefined;
  const now = ctx.clock.now();
  const previous = tokenKey ? state.clientTokens.get(tokenKey) : undefined;
  if (previous && previous.expiresAt > now) {
    if (previous.request !== canonical(request))
      throw new AwsError(
        'ConflictException',
        'The request uses the same client token as a previous, but non-identical request.',
      );
    return {
      tasks: previous.taskArns.map((arn) => describeTask(ctx, state.tasks.get(taskIdOf(arn))!)),
      failures: previous.failures,
    };
  }
  if (!input.taskDefinition) throw invalid('taskDefinition can not be blank.');
  const found = findTaskDefinition(state, input.taskDefinition);
  if (!found) throw new AwsError('ClientException', 'TaskDefinition not found.');
  const definition = found.definition;
  if (definition.status !== 'ACTIVE')
    throw new AwsError('ClientException', 'TaskDefinition is inactive');
  if (definition.networkMode === 'awsvpc' && !input.networkConfiguration?.awsvpcConfiguration)
    throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  if (input.launchType === 'FARGATE' && !definition.compatibilities?.includes('FARGATE'))
    throw invalid('Task definition does not support launch_type FARGATE.');
  const names = new Set(definition.containerDefinitions?.map((c) => c.name));
  for (const o of input.overrides?.containerOverrides ?? [])
    if (!o.name || !names.has(o.name))
      throw invalid(
        `Override for container named ${o.name} is not a container in the TaskDefinition.`,
      );

  const rule = chooseRule(state, input, definition.family!);
  const tasks: Task[] = [];
  let failures: Failure[] = [];
  if (rule?.failures) {
    failures = rule.failures.map((f) => ({
      ...(f.reason.startsWith('RESOURCE') || f.reason === 'AGENT'
        ? { arn: containerInstanceArn(cluster) }
        : {}),
      reason: f.reason,
      ...(f.detail ? { detail: f.detail } : {}),
    }));
  } else {
    const capacityProvider = input.capacityProviderStrategy?.[0]?.capacityProvider;
    const launchType = input.launchType ?? (capacityProvider ? undefined : 'EC2');
    const fargate = launchType === 'FARGATE' || capacityProvider?.startsWith('FARGATE');
    for (let i = 0; i < (input.count ?? 1); i += 1) {
      const record = createTask(ctx, {
        cluster,
        taskDefinition: definition,
        script: rule?.task ?? state.defaultTask,
        ...(input.startedBy ? { startedBy: input.startedBy } : {}),
        ...(input.group ? { group: input.group } : {}),
        ...(launchType ? { launchType } : {}),
        ...(capacityProvider ? { capacityProviderName: capacityProvider } : {}),
        ...(fargate
          ? {
              platformVersion:
                input.platformVersion === 'LATEST' || !input.platformVersion
                  ? '1.4.0'
                  : input.platformVersion,
            }
          : {}),
        ...(input.overrides ? { overrides: input.overrides } : {}),
        ...(input.tags ? { tags: input.tags } : {}),
        meta: { subnetId: input.networkConfiguration?.awsvpcConfiguration?.subnets?.[0] },
      });
      tasks.push(describeTask(ctx, record));
    }
  }
  if (tokenKey)
    state.clientTokens.set(tokenKey, {
      cluster,
      request: canonical(request),
      taskArns: tasks.map((t) => t.taskArn!),
      failures,
      expiresAt: ctx.clock.at(now, ctx.scenario.ecs?.clientTokenTtlSeconds ?? 86_400),
    });
  return { tasks, failures };
}

function findTask(state: EcsState, cluster: string, ref: string): TaskRecord | undefined {
  const record = state.tasks.get(taskIdOf(ref));
  return record && record.cluster === cluster ? record : undefined;
}

const HOUR_MS = 3_600_000;

export function taskHandlers(ctx: PluginContext): EcsHandlers {
  const state = ecsState(ctx);
  return {
    RunTask: (input) => runTask(ctx, input),
    DescribeTasks: (input) => {
      const cluster = knownCluster(state, input.cluster);
      const refs = input.tasks ?? [];
      if (refs.length === 0) throw invalid('Tasks cannot be empty.');
      if (refs.length > 100) throw invalid('Tasks cannot have more than 100 elements.');
      const tasks: Task[] = [];
      const failures: Failure[] = [];
      for (const ref of refs) {
        const record = findTask(state, cluster, ref);
        if (record) tasks.push(describeTask(ctx, record, input.include?.includes('TAGS')));
        else
          failures.push({
            arn: ref.startsWith('arn:') ? ref : taskArn(cluster, ref),
            reason: 'MISSING',
          });
      }
      return { tasks, failures };
    },
    ListTasks: (input) => {
      const cluster = knownCluster(state, input.cluster);
      const desired = input.desiredStatus ?? 'RUNNING';
      const now = ctx.clock.now();
      const arns = [...state.tasks.values()]
        .filter((r) => r.cluster === cluster)
        .filter((r) => {
          const times = taskTimes(r, ctx.clock);
          const stopped = now >= times.stopAt;
          if (desired === 'STOPPED') return stopped && now - times.stoppedAt < HOUR_MS;
          if (desired === 'PENDING') return !stopped && now < times.runningAt;
          return !stopped;
        })
        .filter((r) => !input.family || r.taskDefinition.family === input.family)
        .filter((r) => !input.startedBy || r.startedBy === input.startedBy)
        .filter((r) => !input.serviceName || r.group === `service:${input.serviceName}`)
        .filter((r) => !input.launchType || r.launchType === input.launchType)
        .map((r) => r.arn);
      const { page, nextToken } = pageOf(arns, input.nextToken, input.maxResults);
      return { taskArns: page, ...(nextToken ? { nextToken } : {}) };
    },
    StopTask: (input) => {
      const cluster = knownCluster(state, input.cluster);
      if (!input.task) throw invalid('task can not be blank.');
      if (input.reason && input.reason.length > 255)
        throw invalid('Reason must be at most 255 characters.');
      const record = findTask(state, cluster, input.task);
      if (!record) throw invalid('The referenced task was not found.');
      stopTask(ctx, record, {
        stopCode: 'UserInitiated',
        reason: input.reason ?? 'Task stopped by user',
      });
      return { task: describeTask(ctx, record) };
    },
  };
}
