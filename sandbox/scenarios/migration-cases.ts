/**
 * Migration cases the end-to-end tests of run-migration need beyond `one-off-tasks`:
 * an Alembic migration (seed 000) with a log flood, a task that finishes between two polls, and
 * a Rails migration (seed 001) whose essential sidecar exits non-zero.
 */
import type { Scenario } from '../core/scenario.js';
import type { LogLineScript, TaskDefinitionSeed } from '../ecs/scenario.js';

const awslogs = (group: string, prefix: string, region = 'us-east-1') => ({
  logDriver: 'awslogs' as const,
  options: {
    'awslogs-group': group,
    'awslogs-region': region,
    'awslogs-stream-prefix': prefix,
  },
});

/** Seed 000: the CBI API image runs `alembic upgrade head`. */
export const cbiMigrate: TaskDefinitionSeed = {
  family: 'cbi-migrate',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  executionRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-task',
  containerDefinitions: [
    {
      name: 'migrate',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:2f4c9e1',
      essential: true,
      command: ['alembic', 'upgrade', 'head'],
      secrets: [
        {
          name: 'DATABASE_URL',
          valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:cbi/prod/database-url',
        },
      ],
      logConfiguration: awslogs('/ecs/cbi-migrate', 'migrate'),
    },
    {
      name: 'log-router',
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
      essential: false,
    },
  ],
};

/** Seed 000: the API service's own definition; migrations run its image with another command. */
export const cbiApi: TaskDefinitionSeed = {
  family: 'cbi-api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  executionRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-execution',
  containerDefinitions: [
    {
      name: 'api',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:2f4c9e1',
      essential: true,
      command: ['uvicorn', 'cbi.api:app', '--host', '0.0.0.0', '--port', '8000'],
      portMappings: [{ containerPort: 8000 }],
      logConfiguration: awslogs('/ecs/cbi-api', 'api'),
    },
  ],
};

/** Seed 001: the BMO Learning Rails API with an essential Datadog agent sidecar. */
export const bmoRailsApi: TaskDefinitionSeed = {
  family: 'bmo-learning-rails-api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  executionRoleArn: 'arn:aws:iam::840285932802:role/bmo-learning-ecs-execution',
  containerDefinitions: [
    {
      name: 'rails-api',
      image: '840285932802.dkr.ecr.us-east-2.amazonaws.com/bmo-learning/rails-api:latest',
      essential: true,
      command: ['bundle', 'exec', 'puma', '-C', 'config/puma.rb'],
      logConfiguration: awslogs('/ecs/bmo-learning/rails-api', 'rails', 'us-east-1'),
    },
    {
      name: 'datadog-agent',
      image: 'public.ecr.aws/datadog/agent:7',
      essential: true,
    },
  ],
};

/** Lines written at once at the end: more than one GetLogEvents page (10,000 events). */
export const FLOOD_LINES = 12_000;
/** Lines written one at a time while the backfill runs. */
export const TRICKLE_LINES = 1_500;

const flood: LogLineScript[] = Array.from({ length: FLOOD_LINES }, (_, i) => ({
  at: 9,
  message: `reindexed report ${i + 1}`,
}));

const railsLines: LogLineScript[] = [
  { at: 0.3, message: '== 20261120093000 AddStreakToLearners: migrating =====================' },
  { at: 0.6, message: '-- add_column(:learners, :streak, :integer, {:default=>0})' },
  { at: 0.9, message: '== 20261120093000 AddStreakToLearners: migrated (0.0121s) ============' },
];

export const migrationCases: Scenario = {
  name: 'migration-cases',
  description: 'run-migration edge cases: log flood, a task between two polls, a failing sidecar.',
  ecs: {
    clusters: ['cbi-production', 'bmo-learning-prod'],
    taskDefinitions: [cbiMigrate, cbiApi, bmoRailsApi],
    runTask: [
      {
        // Starts and stops within a fraction of a second: between two polls.
        command: 'current',
        task: {
          pendingAfter: 0.05,
          runningAfter: 0.1,
          runSeconds: 0.1,
          stoppingSeconds: 0.05,
          containers: {
            migrate: { exitCode: 0, logs: [{ at: 0.05, message: 'ae3f4a5b6c7d (head)' }] },
          },
        },
      },
      {
        command: 'backfill',
        task: {
          runSeconds: 10,
          containers: {
            migrate: {
              exitCode: 0,
              generateLogs: { count: TRICKLE_LINES, every: 0.005, prefix: 'backfill batch' },
              logs: flood,
            },
          },
        },
      },
      {
        family: 'bmo-learning-rails-api',
        command: 'db:migrate',
        task: {
          runSeconds: 2,
          containers: {
            'rails-api': { exitCode: 0, logs: railsLines },
            'datadog-agent': {
              exitCode: 2,
              reason: 'datadog-agent: API key invalid, exiting',
            },
          },
        },
      },
      {
        family: 'cbi-api',
        command: 'alembic',
        task: {
          runSeconds: 2,
          containers: {
            api: {
              exitCode: 0,
              logs: [
                {
                  at: 0.5,
                  message: 'INFO  [alembic.runtime.migration] Will assume transactional DDL.',
                },
                // Output that looks like a workflow command must stay plain output.
                { at: 0.6, message: '::error::printed by the application, not an annotation' },
              ],
            },
          },
        },
      },
      {
        command: 'alembic',
        task: {
          runSeconds: 2,
          containers: {
            migrate: {
              exitCode: 0,
              logs: [
                {
                  at: 0.5,
                  message: 'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.',
                },
                {
                  at: 1.5,
                  message:
                    'INFO  [alembic.runtime.migration] Running upgrade 8c1d2e3f4a5b -> 9d2e3f4a5b6c, add outbreak_alerts table',
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
      { cluster: 'cbi-production', name: 'cbi-api', taskDefinition: 'cbi-api:1', desiredCount: 2 },
    ],
  },
};
