/** A fleet of services of one family (`fleet-worker`) under ECS's write rate limits. */
import type { Scenario } from '../../../sandbox/index.js';
import type { ServiceScript } from '../../../sandbox/ecs-services/scenario.js';
import { REGISTRY } from './helpers.js';

export const FLEET_CLUSTER = 'fleet-production';
export function fleet(count = 50, extra: Partial<Scenario> = {}): Scenario {
  const services: ServiceScript[] = fleetNames(count).map((name) => ({
    cluster: FLEET_CLUSTER,
    name,
    taskDefinition: 'fleet-worker:1',
    desiredCount: 1,
    launchType: 'FARGATE',
    circuitBreaker: { enable: true, rollback: true },
  }));
  return {
    name: 'fleet',
    description: `${count} services of one family`,
    ecs: {
      clusters: [FLEET_CLUSTER],
      taskDefinitions: [
        {
          family: 'fleet-worker',
          requiresCompatibilities: ['FARGATE'],
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '512',
          containerDefinitions: [{ name: 'worker', image: `${REGISTRY}/fleet:1`, essential: true }],
        },
      ],
    },
    ecsServices: { services, defaultRollout: { tasks: 'healthy', completeAfter: 20 } },
    rateLimits: [
      { operation: 'UpdateService', perSecond: 5 },
      { operation: 'RegisterTaskDefinition', perSecond: 1 },
    ],
    ...extra,
  };
}

export function fleetNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `fleet-worker-${String(i + 1).padStart(2, '0')}`);
}
