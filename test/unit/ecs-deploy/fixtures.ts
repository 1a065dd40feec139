/**
 * DescribeServices snapshots for the judge, named after the systems the pack serves: the CBI
 * platform (cbi-api, cbi-worker on Fargate) and the alerting platform (rule-updater on EC2).
 */
import type { Deployment, Service } from '@aws-sdk/client-ecs';
import type { Tracking } from '../../../src/ecs-deploy/rolling/judge.js';

export const ACCOUNT = '123456789012';
export const td = (family: string, revision: number): string =>
  `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/${family}:${revision}`;

export const OLD = td('cbi-api', 41);
export const NEW = td('cbi-api', 42);
export const OLDER = td('cbi-api', 40);
export const OURS = 'ecs-svc/1111111111111111111';
export const BEFORE = 'ecs-svc/0000000000000000000';
export const THEIRS = 'ecs-svc/2222222222222222222';
export const T0 = new Date('2026-11-23T09:00:00Z');

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: OURS,
    status: 'PRIMARY',
    taskDefinition: NEW,
    desiredCount: 2,
    runningCount: 0,
    pendingCount: 2,
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: 'ECS deployment ecs-svc/1111111111111111111 in progress.',
    createdAt: new Date(T0.getTime() + 1000),
    updatedAt: new Date(T0.getTime() + 1000),
    launchType: 'FARGATE',
    ...overrides,
  };
}

export function previousDeployment(overrides: Partial<Deployment> = {}): Deployment {
  return deployment({
    id: BEFORE,
    status: 'ACTIVE',
    taskDefinition: OLD,
    runningCount: 2,
    pendingCount: 0,
    rolloutState: 'COMPLETED',
    rolloutStateReason: 'ECS deployment ecs-svc/0000000000000000000 completed.',
    createdAt: new Date(T0.getTime() - 86_400_000),
    ...overrides,
  });
}

export function service(deployments: Deployment[], overrides: Partial<Service> = {}): Service {
  return {
    serviceName: 'cbi-api',
    serviceArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:service/cbi-production/cbi-api`,
    clusterArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/cbi-production`,
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    taskDefinition: deployments.find((d) => d.status === 'PRIMARY')?.taskDefinition,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
    deployments,
    events: [],
    launchType: 'FARGATE',
    ...overrides,
  };
}

export const tracking: Tracking = {
  service: 'cbi-api',
  deploymentId: OURS,
  taskDefinitionArn: NEW,
  priorTaskDefinitionArns: [OLD],
};
