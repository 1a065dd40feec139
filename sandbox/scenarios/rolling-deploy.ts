/**
 * Rolling deploys of the CBI platform (cluster cbi-production: cbi-api, cbi-worker on Fargate) and
 * the alerting platform (cluster alerting-platform-prod-cluster on EC2: rule-service behind a
 * classic load balancer without rolloutState, rule-updater that must never scale, evaluator that
 * someone else deploys mid-run). The image tag picks what a deployment does:
 *
 * | tag | the new tasks |
 * | --- | --- |
 * | any other | start, stay healthy; COMPLETED 20 s after the deploy |
 * | `:crash` | writes three log lines (a KeyError), exits 1 after 4 s; the circuit breaker (threshold 3 for 2 tasks) fails the rollout at 20 s, rollback done at 60 s |
 * | `:oom` | exit 137 (OutOfMemoryError); same timeline |
 * | `:pull` | never start (CannotPullContainerError) |
 * | `:hang` | stay PENDING; the rollout never ends |
 *
 * cbi-dashboard has the circuit breaker on with rollback off; cbi-api-bluegreen uses CODE_DEPLOY.
 */
import type { Scenario } from '../core/scenario.js';
import type { TaskDefinitionSeed } from '../ecs/scenario.js';
import type { RolloutRule, ServiceScript } from '../ecs-services/scenario.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function fargate(
  family: string,
  container: string,
  tag: string,
  port?: number,
): TaskDefinitionSeed {
  return {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-execution',
    taskRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-task',
    containerDefinitions: [
      {
        name: container,
        image: `${REGISTRY}/cbi:${tag}`,
        essential: true,
        ...(port ? { portMappings: [{ containerPort: port, protocol: 'tcp' }] } : {}),
        environment: [
          { name: 'ENVIRONMENT', value: 'production' },
          { name: 'LOG_FORMAT', value: 'json' },
        ],
        secrets: [
          {
            name: 'DATABASE_URL',
            valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cbi/db-url',
          },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${family}`,
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': container,
          },
        },
      },
    ],
  };
}

function ec2(family: string, tag: string, port?: number): TaskDefinitionSeed {
  return {
    family,
    requiresCompatibilities: ['EC2'],
    networkMode: 'bridge',
    containerDefinitions: [
      {
        name: family,
        image: `${REGISTRY}/alerting-platform/${family}:${tag}`,
        essential: true,
        memory: 256,
        cpu: 128,
        ...(port ? { portMappings: [{ containerPort: port, hostPort: 0, protocol: 'tcp' }] } : {}),
      },
    ],
  };
}

export const ROLLOUT_RULES: RolloutRule[] = [
  {
    image: ':crash',
    rollout: {
      tasks: 'crash',
      exitCode: 1,
      logs: [
        { at: 1, message: 'Starting cbi on port 8080' },
        { at: 2, message: 'Traceback (most recent call last):' },
        { at: 3, message: "KeyError: 'DATABASE_URL'" },
      ],
    },
  },
  {
    image: ':oom',
    rollout: {
      tasks: 'crash',
      exitCode: 137,
      reason: 'OutOfMemoryError: Container killed due to memory usage',
    },
  },
  { image: ':pull', rollout: { tasks: 'fail-to-start' } },
  { image: ':hang', rollout: { tasks: 'hang' } },
];

const cbi = (name: string, extra: Partial<ServiceScript>): ServiceScript => ({
  cluster: 'cbi-production',
  name,
  taskDefinition: `${name}:1`,
  rollouts: ROLLOUT_RULES,
  ...extra,
});

const alerting = (name: string, extra: Partial<ServiceScript>): ServiceScript => ({
  cluster: 'alerting-platform-prod-cluster',
  name,
  taskDefinition: `${name}:1`,
  launchType: 'EC2',
  rollouts: ROLLOUT_RULES,
  ...extra,
});

export const rollingDeploy: Scenario = {
  name: 'rolling-deploy',
  description:
    'ECS rolling deploys: success, circuit breaker, rollback, no rolloutState, someone else deploying, EC2',
  ecs: {
    clusters: ['cbi-production', 'alerting-platform-prod-cluster'],
    taskDefinitions: [
      fargate('cbi-api', 'api', '40a1c2e', 8000),
      fargate('cbi-api', 'api', '41b2d3f', 8000),
      fargate('cbi-worker', 'worker', '41b2d3f'),
      fargate('cbi-dashboard', 'dashboard', '41b2d3f', 3000),
      fargate('cbi-api-bluegreen', 'api', '41b2d3f', 8000),
      ec2('rule-service', '1.4.0', 8080),
      ec2('rule-updater', '1.4.0'),
      ec2('evaluator', '1.4.0'),
      ec2('evaluator', '1.5.0-hotfix'),
    ],
  },
  ecsServices: {
    services: [
      cbi('cbi-api', { taskDefinition: 'cbi-api:2', history: ['cbi-api:1'], desiredCount: 2 }),
      cbi('cbi-worker', { desiredCount: 2 }),
      cbi('cbi-dashboard', { desiredCount: 2, circuitBreaker: { enable: true, rollback: false } }),
      cbi('cbi-api-bluegreen', {
        deploymentController: 'CODE_DEPLOY',
        loadBalancers: [
          {
            targetGroupArn:
              'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/cbi-api-blue/0123456789abcdef',
            containerName: 'api',
            containerPort: 8000,
          },
        ],
      }),
      alerting('rule-service', {
        desiredCount: 2,
        rolloutState: false,
        circuitBreaker: { enable: false, rollback: false },
      }),
      alerting('rule-updater', { desiredCount: 1 }),
      alerting('evaluator', {
        desiredCount: 1,
        interloper: { afterSeconds: 8, taskDefinition: 'evaluator:2' },
      }),
    ],
  },
};
