/**
 * The Service Deployments API of the services sandbox: ListServiceDeployments (status and
 * createdAt filters, nextToken pages), DescribeServiceDeployments (at most 20 ARNs, `failures:
 * MISSING`), StopServiceDeployment and ContinueServiceDeployment, with the shapes of the ECS
 * model (`ServiceDeployment`, `ServiceDeploymentBrief`, `ServiceRevisionSummary`).
 */
import type {
  DeploymentConfiguration,
  ServiceDeployment,
  ServiceDeploymentBrief,
  ServiceRevisionSummary,
} from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';
import type { PluginContext } from '../core/plugin.js';
import { clusterArn, clusterName } from '../ecs/arns.js';
import type { EcsHandlers } from '../ecs/state.js';
import { isFinished, requestStop } from './native.js';
import {
  failureThreshold,
  findService,
  servicesState,
  sync,
  taskCounts,
  type DeploymentRecord,
  type ServiceRecord,
} from './state.js';

const ROLE = 'arn:aws:sts::123456789012:assumed-role/github-actions-deploy/ci';

/** AccessDeniedException for the operations the scenario denies. */
export function checkAccess(ctx: PluginContext, operation: string, resource: string): void {
  if (!(ctx.scenario.ecsServices?.deniedOperations ?? []).includes(operation)) return;
  throw new AwsError(
    'AccessDeniedException',
    `User: ${ROLE} is not authorized to perform: ecs:${operation} on resource: ${resource} because no identity-based policy allows the ecs:${operation} action`,
  );
}

function revisionSummary(
  ctx: PluginContext,
  svc: ServiceRecord,
  arn: string,
  production: number | undefined,
  test: number | undefined,
): ServiceRevisionSummary {
  const dep = svc.history.find((d) => d.revisionArn === arn);
  const counts = dep ? taskCounts(ctx, dep.tasks) : { running: 0, pending: 0 };
  return {
    arn,
    requestedTaskCount: dep?.status === 'INACTIVE' ? 0 : (dep?.desiredCount ?? 0),
    runningTaskCount: counts.running,
    pendingTaskCount: counts.pending,
    ...(production !== undefined ? { requestedProductionTrafficWeight: production } : {}),
    ...(test !== undefined ? { requestedTestTrafficWeight: test } : {}),
  };
}

function configuration(d: DeploymentRecord): DeploymentConfiguration {
  const c = d.config;
  return {
    deploymentCircuitBreaker: c.circuitBreaker,
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    ...(c.alarms ? { alarms: c.alarms } : {}),
    strategy: c.strategy,
    ...(c.bakeTimeInMinutes !== undefined ? { bakeTimeInMinutes: c.bakeTimeInMinutes } : {}),
    ...(c.lifecycleHooks.length > 0 ? { lifecycleHooks: c.lifecycleHooks } : {}),
    ...(c.linearConfiguration ? { linearConfiguration: c.linearConfiguration } : {}),
    ...(c.canaryConfiguration ? { canaryConfiguration: c.canaryConfiguration } : {}),
  };
}

export function describeServiceDeployment(
  ctx: PluginContext,
  svc: ServiceRecord,
  d: DeploymentRecord,
): ServiceDeployment {
  const n = d.native;
  const sources = d.sourceRevisionArns.map((arn) => {
    const main = !n || !n.source || n.source.revisionArn === arn;
    return revisionSummary(
      ctx,
      svc,
      arn,
      n ? (main ? 100 - n.production : 0) : undefined,
      n ? (main ? 100 - n.test : 0) : undefined,
    );
  });
  const alarms = d.config.alarms;
  const reason = d.statusReason ?? d.rolloutStateReason;
  return {
    serviceDeploymentArn: d.serviceDeploymentArn!,
    serviceArn: svc.arn,
    clusterArn: clusterArn(svc.cluster),
    createdAt: new Date(d.createdAt),
    startedAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    ...(d.finishedAt !== undefined ? { finishedAt: new Date(d.finishedAt) } : {}),
    ...(d.stoppedAt !== undefined ? { stoppedAt: new Date(d.stoppedAt) } : {}),
    sourceServiceRevisions: sources,
    targetServiceRevision: revisionSummary(ctx, svc, d.revisionArn, n?.production, n?.test),
    status: d.serviceDeploymentStatus,
    ...(reason ? { statusReason: reason } : {}),
    ...(n ? { lifecycleStage: n.stage, lifecycleHookDetails: n.hooks.map((h) => ({ ...h })) } : {}),
    deploymentConfiguration: configuration(d),
    ...(d.rollbackInfo
      ? {
          rollback: {
            reason: d.rollbackInfo.reason,
            startedAt: new Date(d.rollbackInfo.startedAt),
            serviceRevisionArn: d.rollbackInfo.serviceRevisionArn,
          },
        }
      : {}),
    deploymentCircuitBreaker: {
      status: d.breakerStatus,
      failureCount: d.failedTasks,
      threshold: failureThreshold(d.desiredCount),
    },
    alarms: {
      status: d.alarmStatus,
      ...(alarms?.alarmNames?.length ? { alarmNames: alarms.alarmNames } : {}),
      ...(d.triggeredAlarms.length > 0 ? { triggeredAlarmNames: d.triggeredAlarms } : {}),
    },
  };
}

function requireService(ctx: PluginContext, cluster?: string, ref?: string): ServiceRecord {
  const svc = findService(ctx, clusterName(cluster), ref ?? '');
  if (!svc) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  return svc;
}

function findDeployment(
  ctx: PluginContext,
  arn: string | undefined,
): { svc: ServiceRecord; dep: DeploymentRecord } | undefined {
  for (const svc of servicesState(ctx).services) {
    sync(ctx, svc);
    const dep = svc.history.find((d) => d.serviceDeploymentArn && d.serviceDeploymentArn === arn);
    if (dep) return { svc, dep };
  }
  return undefined;
}

/** A JSON 1.1 timestamp as it arrives: epoch seconds (the SDK's typing says Date). */
function wireTime(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value * 1000;
  const parsed = Date.parse(String(value));
  if (Number.isNaN(parsed))
    throw new AwsError('InvalidParameterException', 'createdAt is not a valid timestamp.');
  return parsed;
}

const notFound = () =>
  new AwsError(
    'ServiceDeploymentNotFoundException',
    "The service deployment ARN that you specified doesn't exist.",
  );

export function serviceDeploymentHandlers(ctx: PluginContext): EcsHandlers {
  return {
    ListServiceDeployments: (input) => {
      const svc = requireService(ctx, input.cluster, input.service);
      checkAccess(ctx, 'ListServiceDeployments', svc.arn);
      sync(ctx, svc);
      const max = input.maxResults ?? 20;
      if (!Number.isInteger(max) || max < 1 || max > 100)
        throw new AwsError('InvalidParameterException', 'maxResults must be between 1 and 100.');
      const wanted = input.status ?? [];
      const after = wireTime(input.createdAt?.after);
      const before = wireTime(input.createdAt?.before);
      const all = svc.history
        .filter((d) => d.serviceDeploymentArn)
        .filter((d) => wanted.length === 0 || wanted.includes(d.serviceDeploymentStatus))
        .filter(
          (d) =>
            (after === undefined || d.createdAt >= after) &&
            (before === undefined || d.createdAt <= before),
        )
        .sort((a, b) => b.createdAt - a.createdAt);
      let offset = 0;
      if (input.nextToken) {
        offset = Number.parseInt(Buffer.from(input.nextToken, 'base64url').toString(), 10);
        if (!Number.isInteger(offset) || offset < 0)
          throw new AwsError('InvalidParameterException', 'The nextToken is not valid.');
      }
      const page = all.slice(offset, offset + max);
      const serviceDeployments: ServiceDeploymentBrief[] = page.map((d) => {
        const reason = d.statusReason ?? d.rolloutStateReason;
        return {
          serviceDeploymentArn: d.serviceDeploymentArn,
          serviceArn: svc.arn,
          clusterArn: clusterArn(svc.cluster),
          createdAt: new Date(d.createdAt),
          startedAt: new Date(d.createdAt),
          ...(d.finishedAt !== undefined ? { finishedAt: new Date(d.finishedAt) } : {}),
          targetServiceRevisionArn: d.revisionArn,
          status: d.serviceDeploymentStatus,
          ...(reason ? { statusReason: reason } : {}),
        };
      });
      const more = offset + max < all.length;
      return {
        serviceDeployments,
        ...(more ? { nextToken: Buffer.from(String(offset + max)).toString('base64url') } : {}),
      };
    },

    DescribeServiceDeployments: (input) => {
      const arns = input.serviceDeploymentArns ?? [];
      if (arns.length === 0 || arns.length > 20)
        throw new AwsError(
          'InvalidParameterException',
          'serviceDeploymentArns must contain between 1 and 20 items.',
        );
      checkAccess(ctx, 'DescribeServiceDeployments', arns[0]!);
      const serviceDeployments: ServiceDeployment[] = [];
      const failures = [];
      for (const arn of arns) {
        const hit = findDeployment(ctx, arn);
        if (hit) serviceDeployments.push(describeServiceDeployment(ctx, hit.svc, hit.dep));
        else failures.push({ arn, reason: 'MISSING' });
      }
      return { serviceDeployments, failures };
    },

    StopServiceDeployment: (input) => {
      checkAccess(ctx, 'StopServiceDeployment', input.serviceDeploymentArn ?? '');
      const hit = findDeployment(ctx, input.serviceDeploymentArn);
      if (!hit) throw notFound();
      const stopType = input.stopType ?? 'ROLLBACK';
      if (stopType !== 'ROLLBACK' && stopType !== 'ABORT')
        throw new AwsError('InvalidParameterException', 'stopType must be ROLLBACK or ABORT.');
      if (isFinished(hit.dep))
        throw new AwsError(
          'ConflictException',
          `The service deployment is ${hit.dep.serviceDeploymentStatus} and can't be stopped.`,
        );
      requestStop(ctx, hit.svc, hit.dep, stopType, ctx.clock.now());
      return { serviceDeploymentArn: input.serviceDeploymentArn };
    },

    ContinueServiceDeployment: (input) => {
      checkAccess(ctx, 'ContinueServiceDeployment', input.serviceDeploymentArn ?? '');
      const hit = findDeployment(ctx, input.serviceDeploymentArn);
      if (!hit) throw notFound();
      if (!input.hookId) throw new AwsError('InvalidParameterException', 'hookId is required.');
      const action = input.action ?? 'CONTINUE';
      if (action !== 'CONTINUE' && action !== 'ROLLBACK')
        throw new AwsError('InvalidParameterException', 'action must be CONTINUE or ROLLBACK.');
      const n = hit.dep.native;
      const hook = n?.hooks.find((h) => h.hookId === input.hookId);
      if (!n || !hook || hook.targetType !== 'PAUSE')
        throw new AwsError(
          'InvalidParameterException',
          `The service deployment has no pause hook with hookId ${input.hookId}.`,
        );
      // A repeated request that matches what the hook already did is answered as done.
      if (hook.status === (action === 'CONTINUE' ? 'SUCCEEDED' : 'FAILED'))
        return { serviceDeploymentArn: input.serviceDeploymentArn };
      if (hook.status !== 'AWAITING_ACTION' || hit.dep.serviceDeploymentStatus !== 'IN_PROGRESS')
        throw new AwsError(
          'InvalidParameterException',
          `The pause hook ${input.hookId} is ${hook.status}, not AWAITING_ACTION; the service deployment is ${hit.dep.serviceDeploymentStatus}.`,
        );
      n.waiting?.resume(action, ctx.clock.now());
      return { serviceDeploymentArn: input.serviceDeploymentArn };
    },
  };
}
