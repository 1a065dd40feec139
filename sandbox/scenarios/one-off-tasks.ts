import type { TaskDefinitionSeed } from '../ecs/scenario.js';
import type { Scenario } from '../core/scenario.js';

const migrate: TaskDefinitionSeed = {
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
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/cbi-migrate',
          'awslogs-region': 'us-east-1',
          'awslogs-stream-prefix': 'migrate',
        },
      },
    },
    {
      name: 'log-router',
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
      essential: false,
    },
  ],
};

const alembicLines = [
  { at: 0.5, message: 'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.' },
  { at: 0.6, message: 'INFO  [alembic.runtime.migration] Will assume transactional DDL.' },
  {
    at: 1.5,
    message:
      'INFO  [alembic.runtime.migration] Running upgrade 8c1d2e3f4a5b -> 9d2e3f4a5b6c, add outbreak_alerts table',
  },
  {
    at: 3,
    message:
      'INFO  [alembic.runtime.migration] Running upgrade 9d2e3f4a5b6c -> ae3f4a5b6c7d, index reports on geom',
  },
];

/**
 * One-off tasks of every kind, chosen by the overridden command:
 * `alembic upgrade head` succeeds; `fail` exits 1; `pull` cannot pull its image; `secrets` cannot
 * pull its secrets; `oom` is killed for memory; `long` runs 10 minutes writing a line a second;
 * `capacity` gets RunTask failures.
 */
export const oneOffTasks: Scenario = {
  name: 'one-off-tasks',
  description:
    'Migrations and other one-off tasks: success, exit 1, failed to start, OOM, long running.',
  ecs: {
    clusters: ['cbi-production', 'default'],
    taskDefinitions: [migrate],
    runTask: [
      { command: 'capacity', failures: [{ reason: 'RESOURCE:MEMORY' }] },
      {
        command: 'fail',
        task: {
          runSeconds: 4,
          containers: {
            migrate: {
              exitCode: 1,
              logs: [
                ...alembicLines.slice(0, 2),
                {
                  at: 2,
                  message:
                    'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "outbreak_alerts" already exists',
                },
              ],
            },
          },
        },
      },
      {
        command: 'pull',
        task: {
          failToStart: true,
          stoppedReason:
            'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:missing: not found',
        },
      },
      {
        command: 'secrets',
        task: {
          failToStart: true,
          stoppedReason:
            'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): AccessDeniedException',
        },
      },
      {
        command: 'oom',
        task: {
          runSeconds: 3,
          containers: {
            migrate: {
              exitCode: 137,
              reason: 'OutOfMemoryError: Container killed due to memory usage',
            },
          },
        },
      },
      {
        // Fargate Spot reclaims the capacity; the migration exits 0 on SIGTERM, unfinished.
        command: 'spot',
        task: {
          runSeconds: 3,
          stopCode: 'SpotInterruption',
          stoppedReason: 'Your Spot Task was interrupted.',
          containers: { migrate: { exitCode: 0 } },
        },
      },
      {
        command: 'long',
        task: {
          runSeconds: 600,
          containers: {
            migrate: { generateLogs: { count: 600, every: 1, prefix: 'backfill batch' } },
          },
        },
      },
      {
        command: 'alembic',
        task: {
          runSeconds: 4,
          containers: {
            migrate: { exitCode: 0, logs: alembicLines },
            'log-router': { exitCode: 0 },
          },
        },
      },
    ],
  },
};
