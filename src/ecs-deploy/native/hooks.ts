/**
 * `hook-action`: resume the service deployments a previous run left paused. Each one's PAUSE
 * hooks awaiting action get ContinueServiceDeployment (CONTINUE or ROLLBACK); then all are
 * followed to their outcome like a deployment this run started. No render, register or update.
 */
import {
  ContinueServiceDeploymentCommand,
  type ECSClient,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { arnTail } from '../../lib/arn.js';
import { ConfigurationError, inputError, messageOf } from '../../lib/errors.js';
import type { ServicePlan } from '../render.js';
import type { Started } from '../start.js';
import type { ServiceResult } from '../types.js';
import { detect } from '../detect.js';
import { followNativeDeployments, type NativeOptions } from './deploy.js';
import { awaitingHooks, shortId } from './judge.js';
import { describeRevisions, describeServiceDeployments, revisionArnsOf } from './watch.js';
import { describeServices } from '../services.js';

export async function resumePaused(
  arns: readonly string[],
  action: 'continue' | 'rollback',
  options: NativeOptions,
): Promise<ServiceResult[]> {
  const ecs: Pick<ECSClient, 'send'> = options.ecs;
  const clock = options.clock ?? Date.now;
  const found = await describeServiceDeployments(ecs, arns);
  const deployments: { arn: string; sd: ServiceDeployment }[] = [];
  const missing: string[] = [];
  for (const arn of arns) {
    const sd = found.get(arn);
    if (sd) deployments.push({ arn, sd });
    else missing.push(arn);
  }
  if (missing.length > 0)
    throw inputError(
      'service-deployment-arns',
      `names ${missing.join(', ')}, which ECS does not know (DescribeServiceDeployments: MISSING).`,
    );
  const revisions = new Map<string, string>();
  await describeRevisions(ecs, [...found.values()].flatMap(revisionArnsOf), revisions);
  const names = [...found.values()].map((sd) => arnTail(sd.serviceArn ?? ''));
  const services = await describeServices(ecs, options.cluster, names);
  // Every ARN checked before the first ContinueServiceDeployment: bad input changes nothing.
  const targets = deployments.map(({ arn, sd }) => {
    const name = arnTail(sd.serviceArn ?? '');
    const service = services.found.get(name);
    if (!service)
      throw inputError(
        'service-deployment-arns',
        `names ${arn}, whose service '${name}' is not in cluster '${options.cluster}'.`,
      );
    return { arn, sd, name, service };
  });
  const started: Started[] = [];
  for (const { arn, sd, name, service } of targets) {
    const hooks = awaitingHooks(sd);
    if (hooks.length === 0 && (sd.status === 'IN_PROGRESS' || sd.status === 'PENDING'))
      options.log(`${name}: ${shortId(arn)} has no hook awaiting action; following it as it is.`);
    for (const hook of hooks) {
      try {
        await ecs.send(
          new ContinueServiceDeploymentCommand({
            serviceDeploymentArn: arn,
            hookId: hook.hookId,
            action: action === 'continue' ? 'CONTINUE' : 'ROLLBACK',
          }),
        );
      } catch (error) {
        throw new ConfigurationError(
          `${name}: ContinueServiceDeployment(${action === 'continue' ? 'CONTINUE' : 'ROLLBACK'}) for hook ${hook.hookId} of ${arn} failed: ${messageOf(error)}`,
        );
      }
      options.log(
        `${name}: hook ${hook.hookId} (${sd.lifecycleStage ?? '?'}) ${action === 'continue' ? 'continued' : 'told to roll back'} (ContinueServiceDeployment ${action === 'continue' ? 'CONTINUE' : 'ROLLBACK'}).`,
      );
    }
    const target = revisions.get(sd.targetServiceRevision?.arn ?? '') ?? '';
    const source = revisions.get(sd.sourceServiceRevisions?.[0]?.arn ?? '') ?? '';
    const plan: ServicePlan = {
      name,
      service,
      strategy: detect(service).strategy,
      previousTaskDefinitionArn: source,
      live: { arn: target, family: '', revision: 0, definition: {}, tags: [] },
      target: { arn: target, family: '', revision: 0, definition: {}, tags: [] },
    };
    started.push({
      plan,
      startedAt: clock(),
      revisions,
      serviceDeploymentArn: arn,
      tracking: {
        service: name,
        deploymentId: '',
        taskDefinitionArn: target,
        priorTaskDefinitionArns: source ? [source] : [],
        serviceDeploymentArn: arn,
      },
    });
  }
  return followNativeDeployments(started, {
    ...options,
    // A rollback that was asked for is followed to its end, never undone again.
    rollbackOnFailure: action === 'continue' && options.rollbackOnFailure,
    followRollbacks: action === 'rollback',
  });
}
