/**
 * The AWS side of every example pipeline, for `npm run pipeline` and its e2e tests, in one
 * sandbox: CBI (the `demo` scenario: cbi-production, the migration task, the dashboard, the
 * Telegram bot), the BMO learning platform (bmo-learning-prod: ai-service, rails-api with its
 * sidekiq container), the alerting platform (six services on EC2), and the Acme dental clinic
 * (backend on Fargate, UI bucket and distribution), and the agent platform's GitHub, Jira and Svix
 * webhook receivers. Deployments go healthy unless a test changes
 * `ecsServices.defaultRollout` (a failing release). Played back 50x faster than real time.
 */
import type { Scenario } from '../core/scenario.js';
import type { TaskDefinitionSeed } from '../ecs/scenario.js';
import type { ServiceScript } from '../ecs-services/scenario.js';
import { BG_CLUSTER, bgGroup, bgTaskDefinition } from './bluegreen-langgraph.js';
import { demo } from './demo.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
export const AGENTS_GITHUB_SECRET = 'agents-github-5e1d9b3c7a2f4e60';
export const AGENTS_JIRA_SECRET = 'agents-jira-8c4a2e6f1b9d3a75';
/** A Svix signing secret: whsec_ and base64. */
export const AGENTS_SVIX_SECRET = 'whsec_YWdlbnRzLXN2aXgtc2lnbmluZy1rZXktMjQ=';

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
  // The agent platform's receivers that verify-webhook's README checks (its GitHub, Jira and Svix
  // snippets), next to CBI's Telegram endpoint.
  webhooks: {
    endpoints: {
      ...demo.webhooks?.endpoints,
      'agents-github': { scheme: 'github', secret: AGENTS_GITHUB_SECRET },
      'agents-jira': { scheme: 'jira', secret: AGENTS_JIRA_SECRET },
      'agents-svix': { scheme: 'svix', secret: AGENTS_SVIX_SECRET, rejectStatus: 400 },
    },
  },
};

/**
 * docs/workflows.md's PAUSE pattern on the pipelines scenario: CBI's API on ECS-native BLUE_GREEN
 * behind its ALB, with a PAUSE hook once test traffic reaches the new revision (before any
 * production traffic) that a later ContinueServiceDeployment continues or rolls back.
 */
export const pipelinesPaused: Scenario = {
  ...pipelines,
  name: 'pipelines-paused',
  description:
    'The pipelines scenario with cbi-api on native BLUE_GREEN, paused after test traffic.',
  ecsServices: {
    ...pipelines.ecsServices,
    services: (pipelines.ecsServices?.services ?? []).map((s) =>
      s.cluster === 'cbi-production' && s.name === 'cbi-api'
        ? {
            ...s,
            strategy: 'BLUE_GREEN' as const,
            bakeTimeInMinutes: 1,
            loadBalancers: [
              {
                targetGroupArn:
                  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/cbi-api-blue/0123456789abcdef',
                containerName: 'api',
                containerPort: 8000,
              },
            ],
            lifecycleHooks: [
              {
                targetType: 'PAUSE' as const,
                lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT' as const],
                timeoutConfiguration: { timeoutInMinutes: 1440, action: 'ROLLBACK' as const },
              },
            ],
          }
        : s,
    ),
  },
};
