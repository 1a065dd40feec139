/** Every outcome class, judged by the real bundle against the sandbox. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { migrationCases } from '../../../sandbox/scenarios/migration-cases.js';
import { containerLines, errorsOf, migrate, TIME_SCALE } from './helpers.js';

let sandbox: Sandbox;
afterEach(async () => sandbox?.close());

describe('run-migration outcomes (one-off-tasks scenario)', () => {
  beforeEach(async () => {
    sandbox = await startSandbox('one-off-tasks', { timeScale: TIME_SCALE });
  });

  it('succeeds on exit 0, streams the logs and sets every output', async () => {
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'succeeded',
      'exit-code': '0',
      'stopped-reason': 'Essential container in task exited',
      'task-definition-arn': 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-migrate:1',
    });
    expect(result.outputs['task-arn']).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/cbi-production\//,
    );
    expect(containerLines(result.stdout)).toEqual([
      'INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.',
      'INFO  [alembic.runtime.migration] Will assume transactional DDL.',
      'INFO  [alembic.runtime.migration] Running upgrade 8c1d2e3f4a5b -> 9d2e3f4a5b6c, add outbreak_alerts table',
      'INFO  [alembic.runtime.migration] Running upgrade 9d2e3f4a5b6c -> ae3f4a5b6c7d, index reports on geom',
    ]);
    const run = sandbox.calls.of('RunTask')[0]!.input as Record<string, unknown>;
    expect(run).toMatchObject({
      cluster: 'cbi-production',
      startedBy: 'migrate/cbi-migrate',
      overrides: {
        containerOverrides: [{ name: 'migrate', command: ['alembic', 'upgrade', 'head'] }],
      },
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d4e5f60718'],
          securityGroups: ['sg-0c1d2e3f4a5b60718'],
        },
      },
    });
    expect(String(run.clientToken)).toMatch(/^[a-f0-9]{64}$/);
    expect(result.summary).toContain('Migration cbi-migrate: succeeded');
    expect(result.summary).toContain(
      '#logsV2:log-groups/log-group/$252Fecs$252Fcbi-migrate/log-events/migrate$252Fmigrate$252F',
    );
    expect(result.summary).toContain('index reports on geom');
    expect(result.summary).toContain('`alembic upgrade head`');
  });

  it('fails on exit 1, naming the container, exit code and stopped reason', async () => {
    const result = await migrate(sandbox, { command: 'alembic upgrade head --fail' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ status: 'failed', 'exit-code': '1' });
    const errors = errorsOf(result).join('\n');
    expect(errors).toContain("Migration container 'migrate' exited 1");
    expect(errors).toContain('Essential container in task exited');
    expect(errors).toContain(result.outputs['task-arn']);
    expect(containerLines(result.stdout).join('\n')).toContain(
      'relation "outbreak_alerts" already exists',
    );
  });

  it.each([
    ['pull', 'CannotPullContainerError'],
    ['secrets', 'ResourceInitializationError'],
  ])('fails a task that failed to start (%s) with %s', async (command, cause) => {
    const result = await migrate(sandbox, { command });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(result.outputs['exit-code']).toBe('');
    expect(result.outputs['stopped-reason']).toContain(cause);
    expect(errorsOf(result).join('\n')).toContain('failed to start');
    expect(errorsOf(result).join('\n')).toContain(cause);
    expect(result.summary).toContain('TaskFailedToStart');
  });

  it('fails an OutOfMemory kill with exit code 137', async () => {
    const result = await migrate(sandbox, { command: 'oom' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs['exit-code']).toBe('137');
    expect(errorsOf(result).join('\n')).toContain(
      'OutOfMemoryError: Container killed due to memory usage',
    );
  });

  it('fails on RunTask failures[] without following any task', async () => {
    const result = await migrate(sandbox, { command: 'capacity' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(result.outputs['task-arn']).toBeUndefined();
    expect(errorsOf(result).join('\n')).toContain('RESOURCE:MEMORY');
    expect(sandbox.calls.count('DescribeTasks')).toBe(0);
  });
});

describe('run-migration outcomes (migration-cases scenario)', () => {
  beforeEach(async () => {
    sandbox = await startSandbox(migrationCases, { timeScale: TIME_SCALE });
  });

  it('fails when an essential sidecar exits non-zero although the migration exited 0', async () => {
    const result = await migrate(sandbox, {
      cluster: 'bmo-learning-prod',
      'task-definition': 'bmo-learning-rails-api',
      container: 'rails-api',
      command: 'bundle exec rails db:migrate',
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ status: 'failed', 'exit-code': '0' });
    expect(errorsOf(result).join('\n')).toContain(
      "Essential container 'datadog-agent' exited 2 (reason: datadog-agent: API key invalid, exiting)",
    );
    expect(containerLines(result.stdout, 'rails-api')).toContain(
      '== 20261120093000 AddStreakToLearners: migrated (0.0121s) ============',
    );
  });

  it('judges a task that started and stopped between two polls by its exit codes', async () => {
    const result = await migrate(sandbox, {
      command: 'alembic current',
      'poll-interval-seconds': '1',
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    // It ran and stopped within one poll interval: at most one poll saw it before STOPPED.
    expect(sandbox.calls.count('DescribeTasks')).toBeLessThanOrEqual(2);
    expect(result.stdout).toContain('is STOPPED');
    expect(containerLines(result.stdout)).toEqual(['ae3f4a5b6c7d (head)']);
  });

  it('asks for a container when the definition has several essential ones, and runs nothing', async () => {
    const result = await migrate(sandbox, {
      cluster: 'bmo-learning-prod',
      'task-definition': 'bmo-learning-rails-api',
      command: 'bundle exec rails db:migrate',
    });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      "Task definition 'bmo-learning-rails-api' has 2 essential containers (rails-api, datadog-agent); set input 'container' to choose one.",
    ]);
    expect(sandbox.calls.mutating()).toEqual([]);
  });
});
