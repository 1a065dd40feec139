/**
 * Where the migration's task definition and launch settings come from: the `service` (its
 * current task definition, network configuration, launch type or capacity providers and
 * platform version) and/or the `task-definition` input. Read-only calls.
 */
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { errorCode } from '../lib/aws-errors.js';
import { awsMessage } from '../lib/aws-explain.js';
import { ConfigurationError, inputError, messageOf } from '../lib/errors.js';
import {
  describeTaskDefinition,
  type RegisteredTaskDefinition,
} from '../lib/task-definition-registry.js';

type EcsLike = Pick<ECSClient, 'send'>;

/** Runs read-only calls, turning an unknown cluster into an error naming the input. */
export async function withClusterCheck<T>(cluster: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (errorCode(error) === 'ClusterNotFoundException') {
      // Told with the value sent and the region: "ECS cluster 'x' was not found (region …)".
      throw new ConfigurationError(
        awsMessage(error).startsWith('ECS cluster')
          ? awsMessage(error)
          : `Input 'cluster' names '${cluster}', which was not found: ${messageOf(error)}`,
      );
    }
    throw error;
  }
}

export async function describeService(
  ecs: EcsLike,
  cluster: string,
  name: string,
): Promise<Service> {
  const out = await withClusterCheck(cluster, () =>
    ecs.send(new DescribeServicesCommand({ cluster, services: [name] })),
  );
  const service = out.services?.[0];
  if (!service) {
    const reason = out.failures?.[0]?.reason ?? 'MISSING';
    const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
    throw inputError(
      'service',
      `names '${name}', which was not found in cluster '${cluster}'${region ? ` in region ${region}` : ''} (${reason}). Check the service name and that 'cluster' and the region are the service's.`,
    );
  }
  if (service.status === 'INACTIVE') {
    throw inputError('service', `names '${name}', which is INACTIVE in cluster '${cluster}'.`);
  }
  return service;
}

export async function resolveTaskDefinition(
  ecs: EcsLike,
  ref: string,
  input: 'task-definition' | 'service',
): Promise<RegisteredTaskDefinition> {
  try {
    return await describeTaskDefinition(ecs, ref);
  } catch (error) {
    if (
      errorCode(error) === 'ClientException' ||
      errorCode(error) === 'InvalidParameterException'
    ) {
      throw inputError(
        input,
        input === 'service'
          ? `runs task definition '${ref}', which could not be described: ${messageOf(error)}`
          : `names '${ref}', which could not be described: ${messageOf(error)}`,
      );
    }
    throw error;
  }
}
