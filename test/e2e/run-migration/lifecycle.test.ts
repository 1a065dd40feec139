/** Exactly one task under retries, the exclusive lock, timeouts and cancellation. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { errorsOf, migrate, TIME_SCALE } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox('one-off-tasks', { timeScale: TIME_SCALE });
});
afterEach(async () => sandbox.close());

const taskCount = (): number => sandbox.state.ecs.tasks.size;

describe('exactly one task', () => {
  it('a dropped connection after RunTask was applied still ends with one task (found by its token, not resent)', async () => {
    sandbox.faults.add({ operation: 'RunTask', kind: 'drop-after-apply' });
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    expect(result.exitCode).toBe(0);
    expect(sandbox.calls.of('RunTask')).toHaveLength(1);
    expect(taskCount()).toBe(1);
  });

  it('a dropped connection before RunTask was applied is sent again with the same token', async () => {
    sandbox.faults.add({ operation: 'RunTask', kind: 'drop-before-apply' });
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    expect(result.exitCode).toBe(0);
    const runs = sandbox.calls.of('RunTask');
    expect(runs).toHaveLength(2);
    expect((runs[0]!.input as { clientToken: string }).clientToken).toBe(
      (runs[1]!.input as { clientToken: string }).clientToken,
    );
    expect(taskCount()).toBe(1);
  });

  it('throttled and failing polls are retried; the verdict is unchanged', async () => {
    sandbox.faults.add({ operation: 'DescribeTasks', kind: 'throttle', times: 3 });
    sandbox.faults.add({ operation: 'GetLogEvents', kind: 'server-error', times: 2 });
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(result.stdout).toContain('index reports on geom');
  });

  it('a retried step follows the task its first attempt started instead of starting another', async () => {
    const inputs = { command: 'long', 'timeout-minutes': '0.01', 'stop-on-timeout': 'false' };
    const first = await migrate(sandbox, inputs);
    expect(first.outputs.status).toBe('timed-out');
    const second = await migrate(sandbox, inputs);
    expect(second.outputs['task-arn']).toBe(first.outputs['task-arn']);
    expect(second.stdout).toContain('was started by an earlier attempt of this step');
    expect(taskCount()).toBe(1);
  });

  it('a retried step with new images follows its first task, though the family now has a newer revision', async () => {
    // The first attempt registers cbi-migrate:2 and starts a task; the retry then resolves the
    // family to :2. The client token must not depend on which revision the family points at.
    const inputs = {
      images: 'migrate=123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:7d1e0aa',
      command: 'long',
      'timeout-minutes': '0.01',
      'stop-on-timeout': 'false',
    };
    const first = await migrate(sandbox, inputs);
    expect(first.outputs['task-definition-arn']).toMatch(/cbi-migrate:2$/);
    const second = await migrate(sandbox, inputs);
    // It follows the same task (and times out on it again), not refused by the exclusive lock.
    expect(second.outputs.status).toBe('timed-out');
    expect(errorsOf(second).join('\n')).not.toContain('Another task of migration');
    expect(second.outputs['task-arn']).toBe(first.outputs['task-arn']);
    expect(second.stdout).toContain('was started by an earlier attempt of this step');
    expect(taskCount()).toBe(1);
  });
});

describe('exclusive', () => {
  it('refuses to start while another run of the migration is RUNNING, naming its task', async () => {
    const first = await migrate(sandbox, {
      command: 'long',
      'timeout-minutes': '0.01',
      'stop-on-timeout': 'false',
    });
    const running = first.outputs['task-arn']!;
    sandbox.calls.clear();
    const second = await migrate(
      sandbox,
      { command: 'alembic upgrade head' },
      { env: { GITHUB_RUN_ID: '7311899999' } },
    );
    expect(second.exitCode).toBe(1);
    expect(second.outputs.status).toBe('failed');
    expect(errorsOf(second)).toHaveLength(1);
    expect(errorsOf(second)[0]).toContain(
      `Another task of migration cbi-migrate is already running: ${running} (RUNNING, started by migrate/cbi-migrate)`,
    );
    expect(sandbox.calls.count('RunTask')).toBe(0);
    expect(sandbox.calls.mutating()).toEqual([]);
  });

  it('with exclusive: false, starts anyway', async () => {
    await migrate(sandbox, {
      command: 'long',
      'timeout-minutes': '0.01',
      'stop-on-timeout': 'false',
    });
    const second = await migrate(
      sandbox,
      { command: 'alembic upgrade head', exclusive: 'false' },
      { env: { GITHUB_RUN_ID: '7311899999' } },
    );
    expect(second.exitCode).toBe(0);
    expect(sandbox.calls.count('ListTasks')).toBe(1);
    expect(taskCount()).toBe(2);
  });
});

describe('timeout and cancellation', () => {
  it('stops the task on timeout, says so, and fails naming the task ARN', async () => {
    const result = await migrate(sandbox, { command: 'long', 'timeout-minutes': '0.01' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('timed-out');
    const arn = result.outputs['task-arn']!;
    const stops = sandbox.calls.of('StopTask');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.input).toMatchObject({ cluster: 'cbi-production', task: arn });
    const message = errorsOf(result).join('\n');
    expect(message).toContain(`Migration task ${arn} did not finish within`);
    expect(message).toContain('it was stopped (StopTask)');
    // Lines printed while it ran are streamed live.
    expect(result.stdout).toContain('migrate | backfill batch 1');
  });

  it('without stop-on-timeout, leaves the task running, names it, and still fails', async () => {
    const result = await migrate(sandbox, {
      command: 'long',
      'timeout-minutes': '0.01',
      'stop-on-timeout': 'false',
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('timed-out');
    const arn = result.outputs['task-arn']!;
    expect(sandbox.calls.count('StopTask')).toBe(0);
    expect(errorsOf(result).join('\n')).toContain(`Migration task ${arn} did not finish within`);
    expect(errorsOf(result).join('\n')).toContain(
      "it is left running because 'stop-on-timeout' is false",
    );
    expect([...sandbox.state.ecs.tasks.values()][0]!.stop).toBeUndefined();
  });

  it('a SIGINT from the runner stops the task within the cancellation window', async () => {
    const result = await migrate(
      sandbox,
      { command: 'long' },
      {
        signals: [
          { signal: 'SIGINT', afterMs: 3000 },
          { signal: 'SIGTERM', afterMs: 3000 + 7500 },
        ],
        timeoutMs: 15_000,
      },
    );
    expect(result.signal).toBeNull();
    expect(result.exitCode).toBe(1);
    const arn = result.outputs['task-arn']!;
    expect(sandbox.calls.of('StopTask').map((c) => (c.input as { task: string }).task)).toEqual([
      arn,
    ]);
    const message = errorsOf(result).join('\n');
    expect(message).toContain(
      `Migration task ${arn} was still RUNNING when the run was cancelled (SIGINT)`,
    );
    expect(message).toContain('it was stopped (StopTask)');
    expect(result.summary).toContain('Migration cbi-migrate: failed');
  });
});
