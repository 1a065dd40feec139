/** ECS and task-definition fixtures shaped like real responses (Alembic migration of seed 000). */
import type { Container, Task } from '@aws-sdk/client-ecs';
import type { TaskDefinitionDoc } from '../../../src/lib/task-definition.js';

export const CLUSTER = 'cbi-prod';
export const TASK_ARN =
  'arn:aws:ecs:eu-west-1:123456789012:task/cbi-prod/0f3c1e9a7b2d4c5e8f9a0b1c2d3e4f50';
export const TD_ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api:42';

export const apiDefinition = (): TaskDefinitionDoc => ({
  family: 'cbi-api',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: [
    {
      name: 'api',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi/api:1.4.0',
      essential: true,
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/cbi-api',
          'awslogs-region': 'eu-west-1',
          'awslogs-stream-prefix': 'ecs',
        },
      },
    },
    {
      name: 'otel-collector',
      image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
      essential: false,
    },
  ],
});

export function container(
  name: string,
  exitCode: number | undefined,
  extra: Partial<Container> = {},
): Container {
  return {
    name,
    lastStatus: 'STOPPED',
    ...(exitCode === undefined ? {} : { exitCode }),
    ...extra,
  };
}

export function stoppedTask(containers: Container[], extra: Partial<Task> = {}): Task {
  return {
    taskArn: TASK_ARN,
    taskDefinitionArn: TD_ARN,
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    createdAt: new Date('2026-11-23T09:00:00Z'),
    startedAt: new Date('2026-11-23T09:00:20Z'),
    executionStoppedAt: new Date('2026-11-23T09:01:05Z'),
    stoppedAt: new Date('2026-11-23T09:01:10Z'),
    containers,
    ...extra,
  };
}
