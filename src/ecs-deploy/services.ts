/**
 * Reads services: one DescribeServices call per 10 services (the API's limit), all batches in
 * parallel (strategy detection is in detect.ts).
 */
import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';
import { chunks } from '../lib/chunks.js';
import { inputError } from '../lib/errors.js';
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
  const active: Service[] = [];
  for (const name of names) {
    const service = described.found.get(name);
    if (!service) problems.push(`'${name}' (${described.missing.get(name) ?? 'MISSING'})`);
    else if (service.status !== 'ACTIVE') problems.push(`'${name}' (${service.status})`);
    else active.push(service);
  }
  if (problems.length > 0) {
    throw inputError(
      'services',
      `names ${problems.length === 1 ? 'a service' : 'services'} that cluster '${cluster}' does not have as active: ${problems.join(', ')}. Check the service names and the cluster.`,
    );
  }
  return active;
}

/** Services as a message names them: up to three by name, more as a count. */
export function servicesNamed(names: readonly string[]): string {
  const distinct = [...new Set(names)];
  return distinct.length <= 3 ? distinct.join(', ') : `${distinct.length} services`;
}
