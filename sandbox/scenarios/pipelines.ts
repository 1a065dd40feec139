/**
 * The AWS side of every example pipeline, for `npm run pipeline` and its e2e tests, in one
 * sandbox: CBI (the `demo` scenario: cbi-production, the migration task, the dashboard, the
 * Telegram bot), the BMO learning platform (bmo-learning-prod: ai-service, rails-api with its
 * sidekiq container), the alerting platform (six services on EC2), and the Acme dental clinic
 * (backend on Fargate, UI bucket and distribution). Deployments go healthy unless a test changes
 * `ecsServices.defaultRollout` (a failing release). Played back 50x faster than real time.
 */
import type { Scenario } from '../core/scenario.js';
import type { TaskDefinitionSeed } from '../ecs/scenario.js';
import type { ServiceScript } from '../ecs-services/scenario.js';
import { BG_CLUSTER, bgGroup, bgTaskDefinition } from './bluegreen-langgraph.js';
import { demo } from './demo.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

function fargate(family: string, containers: string[], image: string): TaskDefinitionSeed {
  return {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    executionRoleArn: `arn:aws:iam::123456789012:role/${family}-execution`,
    containerDefinitions: containers.map((name, i) => ({ name, image, essential: i === 0 })),
  };
}

function ec2(family: string): TaskDefinitionSeed {
  return {
    family,
    requiresCompatibilities: ['EC2'],
    networkMode: 'bridge',
    containerDefinitions: [
      {
        name: family,
        image: `${REGISTRY}/alerting-platform/${family}:1.4.0`,
        essential: true,
        memory: 256,
        cpu: 128,
      },
    ],
  };
}

const STAGING_CLUSTER = 'langgraph-staging-cluster';

/** The LangGraph API on the CODE_DEPLOY controller in one cluster (blue/green through CodeDeploy). */
const langgraph = (cluster: string, name: string): ServiceScript => ({
  cluster,
  name,
  taskDefinition: 'langgraph-api:1',
  desiredCount: 2,
  launchType: 'FARGATE',
  deploymentController: 'CODE_DEPLOY',
  loadBalancers: [
    {
      targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${name}-blue/0123456789abcdef`,
      containerName: 'app',
      containerPort: 8000,
    },
  ],
});

const service = (
  cluster: string,
  name: string,
  extra: Partial<ServiceScript> = {},
): ServiceScript => ({
  cluster,
  name,
  taskDefinition: `${name}:1`,
  desiredCount: 2,
  launchType: 'FARGATE',
  ...extra,
});

export const ALERTING_SERVICES = [
  'rule-service',
  'alert-producer',
  'evaluator',
  'aggregator',
  'sender',
  'rule-updater',
];

export const pipelines: Scenario = {
  ...demo,
  name: 'pipelines',
  description: 'Every example pipeline: CBI, BMO learning, alerting platform, Acme dental.',
  timeScale: 0.02,
  ecs: {
    ...demo.ecs,
    clusters: [
      ...(demo.ecs?.clusters ?? []),
      'bmo-learning-prod',
      'alerting-platform-prod-cluster',
      'acme-dental-prod',
      STAGING_CLUSTER,
      BG_CLUSTER,
    ],
    taskDefinitions: [
      ...(demo.ecs?.taskDefinitions ?? []),
      fargate('ai-service', ['ai-service'], `${REGISTRY}/bmo-learning/ai-service:3.2.0`),
      fargate('rails-api', ['rails-api', 'sidekiq'], `${REGISTRY}/bmo-learning/rails-api:3.2.0`),
      ...ALERTING_SERVICES.map(ec2),
      fargate('acme-dental-backend', ['backend'], `${REGISTRY}/acme-dental-backend:0.9.0`),
      bgTaskDefinition,
    ],
  },
  ecsServices: {
    ...demo.ecsServices,
    services: [
      ...(demo.ecsServices?.services ?? []),
      service('bmo-learning-prod', 'ai-service'),
      service('bmo-learning-prod', 'rails-api'),
      ...ALERTING_SERVICES.map((name) =>
        service('alerting-platform-prod-cluster', name, {
          launchType: 'EC2',
          desiredCount: name === 'rule-updater' ? 1 : 2,
        }),
      ),
      service('acme-dental-prod', 'acme-dental-backend'),
      langgraph(STAGING_CLUSTER, 'langgraph-api-staging'),
      langgraph(BG_CLUSTER, 'langgraph-api'),
    ],
    defaultRollout: { tasks: 'healthy', completeAfter: 30 },
  },
  codedeploy: {
    deploymentGroups: [
      bgGroup,
      {
        ...bgGroup,
        application: 'langgraph-staging',
        name: 'langgraph-staging-api',
        cluster: STAGING_CLUSTER,
        service: 'langgraph-api-staging',
        deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
        terminationWaitMinutes: 0,
      },
    ],
  },
  s3: { buckets: [{ name: 'cbi-dashboard-prod' }, { name: 'acme-dental-ui-prod' }] },
  cloudfront: {
    distributions: [{ id: 'E2CBIDASHBOARD' }, { id: 'E1ACMEDENTALUI' }],
    // Completed at once: cloudfront-invalidate's first poll comes 10 s after the create otherwise.
    invalidationSeconds: 0,
  },
};
