/**
 * Reads services: one DescribeServices call per 10 services (the API's limit), all batches in
 * parallel, and the strategy each service gets from its deployment controller.
 */
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { chunks } from '../lib/chunks.js';
import { ConfigurationError, inputError } from '../lib/errors.js';
import type { Strategy, StrategyInput } from './types.js';
import { arnTail } from '../lib/arn.js';

export const DESCRIBE_BATCH = 10;

export interface DescribedServices {
  found: Map<string, Service>;
  /** Names DescribeServices answered with a failure (usually MISSING), with the reason. */
  missing: Map<string, string>;
}

export async function describeServices(
  ecs: Pick<ECSClient, 'send'>,
  cluster: string,
  names: readonly string[],
): Promise<DescribedServices> {
  const found = new Map<string, Service>();
  const missing = new Map<string, string>();
  const answers = await Promise.all(
    chunks(names, DESCRIBE_BATCH).map((batch) =>
      ecs.send(new DescribeServicesCommand({ cluster, services: batch })),
    ),
  );
  for (const answer of answers) {
    for (const service of answer.services ?? []) {
      if (service.serviceName) found.set(service.serviceName, service);
    }
    for (const failure of answer.failures ?? []) {
      const name = failure.arn ? arnTail(failure.arn) : '';
      missing.set(name, failure.reason ?? 'unknown reason');
    }
  }
  for (const name of names) {
    if (!found.has(name) && !missing.has(name)) missing.set(name, 'MISSING');
  }
  return { found, missing };
}

/** The services as they are before the deploy; a missing or inactive service is the user's error. */
export function requireServices(
  cluster: string,
  names: readonly string[],
  described: DescribedServices,
): Service[] {
  const problems: string[] = [];
  for (const name of names) {
    const service = described.found.get(name);
    if (!service) problems.push(`'${name}' (${described.missing.get(name) ?? 'MISSING'})`);
    else if (service.status !== 'ACTIVE') problems.push(`'${name}' (${service.status})`);
  }
  if (problems.length > 0) {
    throw inputError(
      'services',
      `names ${problems.length === 1 ? 'a service' : 'services'} that cluster '${cluster}' does not have as active: ${problems.join(', ')}. Check the service names and the cluster.`,
    );
  }
  return names.map((name) => described.found.get(name)!);
}

/** Which strategy deploys `service`; a strategy that contradicts its controller is the user's error. */
export function decideStrategy(service: Service, requested: StrategyInput): Strategy {
  const controller = service.deploymentController?.type ?? 'ECS';
  const name = service.serviceName ?? '';
  if (controller === 'EXTERNAL') {
    throw new ConfigurationError(
      `Service '${name}' uses the EXTERNAL deployment controller, which ecs-deploy cannot deploy; use your external controller, or recreate the service with the ECS or CODE_DEPLOY controller.`,
    );
  }
  const natural: Strategy = controller === 'CODE_DEPLOY' ? 'blue-green' : 'rolling';
  if (requested === 'auto' || requested === natural) return natural;
  throw inputError(
    'strategy',
    `is '${requested}', but service '${name}' uses the ${controller} deployment controller, which deploys ${natural === 'rolling' ? 'rolling updates' : 'blue/green through CodeDeploy'}; use 'auto' or '${natural}'.`,
  );
}
