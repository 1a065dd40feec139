/**
 * DescribeServices, UpdateService, ListServiceDeployments, DescribeServiceDeployments and
 * DescribeServiceRevisions, typed with the SDK's own inputs and outputs.
 */
import type { Deployment, Service } from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';
import type { PluginContext } from '../core/plugin.js';
import { clusterArn, clusterName } from '../ecs/arns.js';
import type { EcsHandlers } from '../ecs/state.js';
import { ecsState } from '../ecs/state.js';
import { findTaskDefinition } from '../ecs/task-definitions.js';
import { startDeployment } from './engine.js';
import type { RolloutScript } from './scenario.js';
import {
  findService,
  schedule,
  servicesState,
  sync,
  taskCounts,
  type DeploymentRecord,
  type ServiceRecord,
} from './state.js';

export function rolloutFor(
  ctx: PluginContext,
  svc: ServiceRecord,
  ref: string,
  images: string[],
): RolloutScript {
  for (const rule of svc.script.rollouts ?? []) {
    if (rule.image && !images.some((image) => image.includes(rule.image!))) continue;
    if (
      rule.taskDefinition &&
      !(
        ref === rule.taskDefinition ||
        ref.startsWith(`${rule.taskDefinition}:`) ||
        ref.endsWith(`/${rule.taskDefinition}`)
      )
    )
      continue;
    return rule.rollout;
  }
  return ctx.scenario.ecsServices?.defaultRollout ?? { tasks: 'healthy' };
}

function describeDeployment(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
): Deployment {
  const counts = taskCounts(ctx, dep.tasks);
  const out: Deployment = {
    id: dep.id,
    status: dep.status,
    taskDefinition: dep.taskDefinition.taskDefinitionArn,
    desiredCount: dep.desiredCount,
    pendingCount: counts.pending,
    runningCount: counts.running,
    failedTasks: dep.failedTasks,
    createdAt: new Date(dep.createdAt),
    updatedAt: new Date(dep.updatedAt),
    launchType: svc.script.launchType ?? 'FARGATE',
  };
  if (svc.script.launchType !== 'EC2') out.platformVersion = '1.4.0';
  if (dep.rolloutState) {
    out.rolloutState = dep.rolloutState;
    out.rolloutStateReason = dep.rolloutStateReason;
  }
  return out;
}

export function describeService(ctx: PluginContext, svc: ServiceRecord): Service {
  sync(ctx, svc);
  const listed = [...svc.deployments].sort(
    (a, b) =>
      Number(b.status === 'PRIMARY') - Number(a.status === 'PRIMARY') || b.createdAt - a.createdAt,
  );
  const deployments = listed.map((d) => describeDeployment(ctx, svc, d));
  const primary = listed.find((d) => d.status === 'PRIMARY');
  const breaker = svc.script.circuitBreaker ?? { enable: true, rollback: true };
  const ec2 = svc.script.launchType === 'EC2';
  return {
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: clusterArn(svc.cluster),
    status: 'ACTIVE',
    desiredCount: svc.desiredCount,
    runningCount: deployments.reduce((n, d) => n + (d.runningCount ?? 0), 0),
    pendingCount: deployments.reduce((n, d) => n + (d.pendingCount ?? 0), 0),
    launchType: ec2 ? 'EC2' : 'FARGATE',
    ...(ec2 ? {} : { platformVersion: 'LATEST', platformFamily: 'Linux' }),
    taskDefinition: primary?.taskDefinition.taskDefinitionArn,
    deploymentConfiguration: {
      deploymentCircuitBreaker: breaker,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deploymentController: { type: svc.script.deploymentController ?? 'ECS' },
    deployments,
    // Newest first, as ECS lists them (events of the same moment: the later one first).
    events: svc.events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => b.e.createdAt - a.e.createdAt || b.i - a.i)
      .slice(0, 100)
      .map(({ e }) => ({ id: e.id, createdAt: new Date(e.createdAt), message: e.message })),
    loadBalancers: svc.script.loadBalancers ?? [],
    serviceRegistries: [],
    createdAt: new Date(svc.createdAt),
    schedulingStrategy: 'REPLICA',
    enableECSManagedTags: true,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    ...(ec2
      ? {}
      : {
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
              securityGroups: ['sg-0c1d2e3f4a5b60001'],
              assignPublicIp: 'DISABLED',
            },
          },
        }),
  };
}

function requireService(
  ctx: PluginContext,
  cluster: string | undefined,
  ref: string | undefined,
): ServiceRecord {
  const svc = findService(ctx, clusterName(cluster), ref ?? '');
  if (!svc) throw new AwsError('ServiceNotFoundException', 'Service not found.');
  return svc;
}

export function serviceHandlers(ctx: PluginContext): EcsHandlers {
  return {
    DescribeServices: (input) => {
      const refs = input.services ?? [];
      if (refs.length === 0 || refs.length > 10)
        throw new AwsError(
          'InvalidParameterException',
          'services must contain between 1 and 10 items.',
        );
      const cluster = clusterName(input.cluster);
      const services: Service[] = [];
      const failures: { arn: string; reason: string }[] = [];
      for (const ref of refs) {
        const svc = findService(ctx, cluster, ref);
        if (svc) services.push(describeService(ctx, svc));
        else
          failures.push({
            arn: ref.startsWith('arn:')
              ? ref
              : `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${ref}`,
            reason: 'MISSING',
          });
      }
      return { services, failures };
    },

    UpdateService: (input) => {
      const svc = requireService(ctx, input.cluster, input.service);
      sync(ctx, svc);
      const now = ctx.clock.now();
      const primary = svc.deployments.find((d) => d.status === 'PRIMARY');
      const ref = input.taskDefinition;
      const def = ref
        ? findTaskDefinition(ecsState(ctx), ref)?.definition
        : primary?.taskDefinition;
      if (!def)
        throw new AwsError('InvalidParameterException', 'Unable to describe task definition.');
      if (
        svc.script.deploymentController === 'CODE_DEPLOY' &&
        ref &&
        def !== primary?.taskDefinition
      )
        throw new AwsError(
          'InvalidParameterException',
          'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
        );
      const changed = def.taskDefinitionArn !== primary?.taskDefinition.taskDefinitionArn;
      if (changed || input.forceNewDeployment) {
        const images = (def.containerDefinitions ?? []).map((c) => c.image ?? '');
        startDeployment(ctx, svc, def, now, {
          rollout: rolloutFor(ctx, svc, def.taskDefinitionArn ?? '', images),
          ...(input.desiredCount !== undefined ? { desiredCount: input.desiredCount } : {}),
        });
        svc.deploysSeen += 1;
        const other = svc.script.interloper;
        if (other && svc.deploysSeen === 1) {
          const at = ctx.clock.at(now, other.afterSeconds);
          schedule(ctx, svc, at, () => {
            const theirs = findTaskDefinition(ecsState(ctx), other.taskDefinition)?.definition;
            if (theirs) startDeployment(ctx, svc, theirs, at, { rollout: { tasks: 'healthy' } });
          });
        }
      } else if (input.desiredCount !== undefined && primary) {
        svc.desiredCount = input.desiredCount;
        primary.desiredCount = input.desiredCount;
      }
      return { service: describeService(ctx, svc) };
    },

    ListServiceDeployments: (input) => {
      const svc = requireService(ctx, input.cluster, input.service);
      sync(ctx, svc);
      const wanted = input.status;
      const briefs = svc.history
        .filter((d) => d.serviceDeploymentArn)
        .filter((d) => !wanted || wanted.length === 0 || wanted.includes(d.serviceDeploymentStatus))
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(0, input.maxResults ?? 20)
        .map((d) => ({
          serviceDeploymentArn: d.serviceDeploymentArn,
          serviceArn: svc.arn,
          clusterArn: clusterArn(svc.cluster),
          createdAt: new Date(d.createdAt),
          startedAt: new Date(d.createdAt),
          ...(d.finishedAt !== undefined ? { finishedAt: new Date(d.finishedAt) } : {}),
          targetServiceRevisionArn: d.revisionArn,
          status: d.serviceDeploymentStatus,
        }));
      return { serviceDeployments: briefs };
    },

    DescribeServiceDeployments: (input) => {
      const all = servicesState(ctx).services.flatMap((s) => {
        sync(ctx, s);
        return s.history.map((d) => ({ s, d }));
      });
      const serviceDeployments = [];
      const failures = [];
      for (const arn of input.serviceDeploymentArns ?? []) {
        const hit = all.find(({ d }) => d.serviceDeploymentArn === arn);
        if (!hit) {
          failures.push({ arn, reason: 'MISSING' });
          continue;
        }
        const { s, d } = hit;
        serviceDeployments.push({
          serviceDeploymentArn: arn,
          serviceArn: s.arn,
          clusterArn: clusterArn(s.cluster),
          createdAt: new Date(d.createdAt),
          startedAt: new Date(d.createdAt),
          updatedAt: new Date(d.updatedAt),
          ...(d.finishedAt !== undefined ? { finishedAt: new Date(d.finishedAt) } : {}),
          sourceServiceRevisions: d.sourceRevisionArns.map((a) => ({ arn: a })),
          targetServiceRevision: { arn: d.revisionArn, requestedTaskCount: d.desiredCount },
          status: d.serviceDeploymentStatus,
          ...(d.rolloutStateReason ? { statusReason: d.rolloutStateReason } : {}),
        });
      }
      return { serviceDeployments, failures };
    },

    DescribeServiceRevisions: (input) => {
      const serviceRevisions = [];
      const failures = [];
      for (const arn of input.serviceRevisionArns ?? []) {
        const svc = servicesState(ctx).services.find((s) => s.revisions.has(arn));
        const rev = svc?.revisions.get(arn);
        if (!svc || !rev) {
          failures.push({ arn, reason: 'MISSING' });
          continue;
        }
        serviceRevisions.push({
          serviceRevisionArn: arn,
          serviceArn: svc.arn,
          clusterArn: clusterArn(svc.cluster),
          taskDefinition: rev.taskDefinitionArn,
          launchType: svc.script.launchType ?? 'FARGATE',
          createdAt: new Date(rev.createdAt),
        });
      }
      return { serviceRevisions, failures };
    },
  };
}
