/**
 * DescribeServices, UpdateService and DescribeServiceRevisions, typed with the SDK's own inputs and
 * outputs; the Service Deployments operations are in service-deployments.ts.
 */
import type { Deployment, Service, UpdateServiceCommandInput } from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';
import type { PluginContext } from '../core/plugin.js';
import { clusterArn, clusterName } from '../ecs/arns.js';
import type { EcsHandlers } from '../ecs/state.js';
import { ecsState } from '../ecs/state.js';
import { findTaskDefinition } from '../ecs/task-definitions.js';
import { startDeployment } from './engine.js';
import { startNative } from './native.js';
import type { RolloutScript } from './scenario.js';
import { checkAccess, serviceDeploymentHandlers } from './service-deployments.js';
import { validateDeploymentConfiguration } from './validate.js';
import { effectiveVolumes } from './volumes.js';
import {
  findService,
  withStrategyDefaults,
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
  if (dep.volumeConfigurations) out.volumeConfigurations = dep.volumeConfigurations;
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
  const config = svc.config;
  const ec2 = svc.script.launchType === 'EC2';
  const current = [...svc.history].reverse().find((d) => d.serviceDeploymentArn);
  const live = listed.filter((d) => d.status !== 'INACTIVE');
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
      deploymentCircuitBreaker: config.circuitBreaker,
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      ...(config.alarms ? { alarms: config.alarms } : {}),
      ...(svc.script.deploymentController === 'CODE_DEPLOY' ? {} : { strategy: config.strategy }),
      ...(config.bakeTimeInMinutes !== undefined
        ? { bakeTimeInMinutes: config.bakeTimeInMinutes }
        : {}),
      ...(config.lifecycleHooks.length > 0 ? { lifecycleHooks: config.lifecycleHooks } : {}),
      ...(config.linearConfiguration ? { linearConfiguration: config.linearConfiguration } : {}),
      ...(config.canaryConfiguration ? { canaryConfiguration: config.canaryConfiguration } : {}),
    },
    deploymentController: { type: svc.script.deploymentController ?? 'ECS' },
    deployments,
    ...(current?.serviceDeploymentArn
      ? { currentServiceDeployment: current.serviceDeploymentArn }
      : {}),
    currentServiceRevisions: live.map((d) => {
      const counts = taskCounts(ctx, d.tasks);
      return {
        arn: d.revisionArn,
        requestedTaskCount: d.desiredCount,
        runningTaskCount: counts.running,
        pendingTaskCount: counts.pending,
      };
    }),
    ...(svc.script.resourceManagementType
      ? { resourceManagementType: svc.script.resourceManagementType }
      : {}),
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

/** A new deployment: rolling as before, or the native strategy's timeline. */
function deploy(
  ctx: PluginContext,
  svc: ServiceRecord,
  def: NonNullable<ReturnType<typeof findTaskDefinition>>['definition'],
  at: number,
  rollout: RolloutScript,
  desiredCount?: number,
): void {
  if (svc.config.strategy === 'ROLLING') {
    startDeployment(ctx, svc, def, at, {
      rollout,
      ...(desiredCount !== undefined ? { desiredCount } : {}),
    });
    return;
  }
  startNative(ctx, svc, def, at, rollout, desiredCount);
}

/** UpdateService's deploymentConfiguration: what it names replaces the service's settings. */
function applyConfiguration(
  svc: ServiceRecord,
  given: NonNullable<UpdateServiceCommandInput['deploymentConfiguration']>,
): void {
  const c = { ...svc.config };
  if (given.strategy && svc.script.resourceManagementType !== 'ECS') c.strategy = given.strategy;
  if (given.deploymentCircuitBreaker)
    c.circuitBreaker = {
      enable: given.deploymentCircuitBreaker.enable ?? false,
      rollback: given.deploymentCircuitBreaker.rollback ?? false,
    };
  if (given.alarms) c.alarms = given.alarms;
  if (given.lifecycleHooks) c.lifecycleHooks = given.lifecycleHooks;
  svc.config = withStrategyDefaults(c, {
    ...(given.bakeTimeInMinutes !== undefined
      ? { bakeTimeInMinutes: given.bakeTimeInMinutes }
      : {}),
    ...(given.linearConfiguration ? { linearConfiguration: given.linearConfiguration } : {}),
    ...(given.canaryConfiguration ? { canaryConfiguration: given.canaryConfiguration } : {}),
  });
}

export function serviceHandlers(ctx: PluginContext): EcsHandlers {
  return {
    ...serviceDeploymentHandlers(ctx),
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
      if (input.deploymentConfiguration)
        validateDeploymentConfiguration(input.deploymentConfiguration);
      const volumes = effectiveVolumes(def, input.volumeConfigurations, svc.volumeConfigurations);
      // Checked: from here on the request changes the service.
      if (input.deploymentConfiguration) applyConfiguration(svc, input.deploymentConfiguration);
      const volumesChanged =
        JSON.stringify(volumes) !== JSON.stringify(primary?.volumeConfigurations ?? []);
      svc.volumeConfigurations = volumes;
      const changed =
        def.taskDefinitionArn !== primary?.taskDefinition.taskDefinitionArn || volumesChanged;
      if (changed || input.forceNewDeployment) {
        const images = (def.containerDefinitions ?? []).map((c) => c.image ?? '');
        deploy(
          ctx,
          svc,
          def,
          now,
          rolloutFor(ctx, svc, def.taskDefinitionArn ?? '', images),
          input.desiredCount,
        );
        svc.deploysSeen += 1;
        const other = svc.script.interloper;
        if (other && svc.deploysSeen === 1) {
          const at = ctx.clock.at(now, other.afterSeconds);
          schedule(ctx, svc, at, () => {
            const theirs = findTaskDefinition(ecsState(ctx), other.taskDefinition)?.definition;
            if (theirs) deploy(ctx, svc, theirs, at, { tasks: 'healthy' });
          });
        }
      } else if (input.desiredCount !== undefined && primary) {
        svc.desiredCount = input.desiredCount;
        primary.desiredCount = input.desiredCount;
      }
      return { service: describeService(ctx, svc) };
    },

    DescribeServiceRevisions: (input) => {
      checkAccess(ctx, 'DescribeServiceRevisions', input.serviceRevisionArns?.[0] ?? '');
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
          ...(rev.volumeConfigurations ? { volumeConfigurations: rev.volumeConfigurations } : {}),
          createdAt: new Date(rev.createdAt),
        });
      }
      return { serviceRevisions, failures };
    },
  };
}
