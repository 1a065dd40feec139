/**
 * The demo pipeline of `npm run demo` for the CBI health-surveillance system: cluster
 * cbi-production with the API, the worker and the migration task, the health officers'
 * dashboard on S3 behind CloudFront, and the Telegram bot whose webhook the API serves.
 * Each plugin's section is data, extended as the demo grows.
 */
import type { Scenario } from '../core/scenario.js';
import type { TaskDefinitionSeed } from '../ecs/scenario.js';
import '../s3/scenario.js';
import '../cloudfront/scenario.js';
import '../telegram/scenario.js';
import '../webhooks/scenario.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
export const DEMO_RELEASE = '2f4c9e1';
export const DEMO_PREVIOUS_RELEASE = '1a7b3d0';
export const DEMO_BOT_TOKEN = '7311892045:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
export const DEMO_WEBHOOK_SECRET = 'cbi-webhook-3f9c2a81bd0e4c7f';

const execution = 'arn:aws:iam::123456789012:role/cbi-ecs-execution';
const secrets = ['DATABASE_URL', 'REDIS_URL', 'ANTHROPIC_API_KEY', 'JWT_SECRET'].map((name) => ({
  name,
  valueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:cbi/${name.toLowerCase()}`,
}));
const awslogs = (group: string, prefix: string) => ({
  logDriver: 'awslogs' as const,
  options: {
    'awslogs-group': group,
    'awslogs-region': 'us-east-1',
    'awslogs-stream-prefix': prefix,
  },
});
const fargate = (cpu: string, memory: string) => ({
  requiresCompatibilities: ['FARGATE' as const],
  networkMode: 'awsvpc' as const,
  cpu,
  memory,
  executionRoleArn: execution,
  taskRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-task',
});

const api = (tag: string): TaskDefinitionSeed => ({
  family: 'cbi-api',
  ...fargate('512', '1024'),
  containerDefinitions: [
    {
      name: 'api',
      image: `${REGISTRY}/cbi:${tag}`,
      portMappings: [{ containerPort: 8000, protocol: 'tcp' }],
      secrets,
      environment: [
        { name: 'ENVIRONMENT', value: 'production' },
        { name: 'LOG_FORMAT', value: 'json' },
      ],
      healthCheck: {
        command: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 60,
      },
      logConfiguration: awslogs('/ecs/cbi-api', 'api'),
    },
  ],
});

const worker = (tag: string): TaskDefinitionSeed => ({
  family: 'cbi-worker',
  ...fargate('256', '512'),
  containerDefinitions: [
    {
      name: 'worker',
      image: `${REGISTRY}/cbi:${tag}`,
      command: ['python', '-m', 'cbi.workers.main'],
      secrets,
      healthCheck: {
        command: ['CMD-SHELL', 'curl -f http://localhost:8081/health || exit 1'],
        interval: 30,
        timeout: 10,
        retries: 3,
      },
      logConfiguration: awslogs('/ecs/cbi-worker', 'worker'),
    },
  ],
});

const migrate: TaskDefinitionSeed = {
  family: 'cbi-migrate',
  ...fargate('256', '512'),
  containerDefinitions: [
    {
      name: 'migrate',
      image: `${REGISTRY}/cbi:${DEMO_RELEASE}`,
      secrets,
      logConfiguration: awslogs('/ecs/cbi-migrate', 'migrate'),
    },
  ],
};

export const demo: Scenario = {
  name: 'demo',
  description:
    'CBI on cbi-production: migration, API and worker deploys, dashboard, Telegram webhook.',
  timeScale: 0.05,
  ecs: {
    clusters: ['cbi-production'],
    taskDefinitions: [api(DEMO_PREVIOUS_RELEASE), worker(DEMO_PREVIOUS_RELEASE), migrate],
    runTask: [
      {
        family: 'cbi-migrate',
        command: 'alembic upgrade head',
        task: {
          runningAfter: 8,
          runSeconds: 12,
          containers: {
            migrate: {
              exitCode: 0,
              logs: [
                {
                  at: 1,
                  message: 'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.',
                },
                {
                  at: 1.1,
                  message: 'INFO  [alembic.runtime.migration] Will assume transactional DDL.',
                },
                {
                  at: 3,
                  message:
                    'INFO  [alembic.runtime.migration] Running upgrade 8c1d2e3f4a5b -> 9d2e3f4a5b6c, add outbreak_alerts table',
                },
                {
                  at: 7,
                  message:
                    'INFO  [alembic.runtime.migration] Running upgrade 9d2e3f4a5b6c -> ae3f4a5b6c7d, CREATE INDEX CONCURRENTLY reports_geom_idx',
                },
              ],
            },
          },
        },
      },
    ],
  },
  ecsServices: {
    services: [
      {
        cluster: 'cbi-production',
        name: 'cbi-api',
        taskDefinition: 'cbi-api:1',
        desiredCount: 2,
        launchType: 'FARGATE',
        rollouts: [
          {
            image: 'broken',
            rollout: {
              tasks: 'crash',
              crashAfter: 6,
              exitCode: 3,
              stoppedReason: 'Essential container in task exited',
            },
          },
        ],
      },
      {
        cluster: 'cbi-production',
        name: 'cbi-worker',
        taskDefinition: 'cbi-worker:1',
        desiredCount: 2,
        launchType: 'FARGATE',
      },
    ],
    defaultRollout: { tasks: 'healthy', completeAfter: 30 },
  },
  s3: { buckets: [{ name: 'cbi-dashboard-prod' }] },
  cloudfront: { distributions: [{ id: 'E2CBIDASHBOARD' }], invalidationSeconds: 40 },
  telegram: {
    bots: [
      {
        token: DEMO_BOT_TOKEN,
        username: 'cbi_surveillance_bot',
        webhook: { url: 'https://old-alb.cbi-sudan.org/webhook/telegram', pendingUpdateCount: 3 },
      },
    ],
  },
  webhooks: {
    endpoints: { 'cbi-telegram': { scheme: 'telegram', secret: DEMO_WEBHOOK_SECRET } },
  },
};
