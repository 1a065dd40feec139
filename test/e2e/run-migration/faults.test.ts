/**
 * run-migration under faults, as the runner runs it: a request that never answers ends the step
 * by its deadline with the task stopped and `status` set; a cancellation during such a hang exits
 * before the runner's SIGTERM and stops the task; 8 x 503 or one unreadable answer in the middle
 * of the wait give the verdict of a clean run; a log stream that never answers after STOPPED
 * cannot hold the verdict.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { FaultSpec } from '../../../sandbox/index.js';
import { containerLines, errorsOf, migrate, TIME_SCALE } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox('one-off-tasks', { timeScale: TIME_SCALE });
});
afterEach(async () => sandbox.close());

/** Adds `fault` once the wait is under way (after the first answered DescribeTasks). */
function midWait(fault: FaultSpec): void {
  let added = false;
  sandbox.calls.onCall((entry) => {
    if (!added && entry.operation === 'DescribeTasks' && entry.status === 200) {
      added = true;
      sandbox.faults.add(fault);
    }
  });
}

const warnings = (stdout: string) =>
  stdout.split('\n').filter((line) => line.startsWith('::warning::'));

describe('a request that never answers', () => {
  it('DescribeTasks hangs: the step ends by its deadline, stops the task and says so', async () => {
    midWait({ operation: 'DescribeTasks', kind: 'hang', times: Infinity });
    const result = await migrate(
      sandbox,
      { command: 'long', 'timeout-minutes': '0.05' },
      { timeoutMs: 30_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('timed-out');
    const arn = result.outputs['task-arn']!;
    expect(sandbox.calls.of('StopTask').map((c) => (c.input as { task: string }).task)).toEqual([
      arn,
    ]);
    expect(errorsOf(result).join('\n')).toContain(`Migration task ${arn} did not finish within`);
    expect(errorsOf(result).join('\n')).toContain('it was stopped (StopTask)');
    expect([...sandbox.state.ecs.tasks.values()][0]!.stop).toBeDefined();
  });

  it('SIGINT during a hung DescribeTasks exits before SIGTERM and stops the task', async () => {
    midWait({ operation: 'DescribeTasks', kind: 'hang', times: Infinity });
    // No SIGTERM is sent: a run still alive 7.5 s after SIGINT is killed, and the test fails.
    const result = await migrate(
      sandbox,
      { command: 'long' },
      { signals: [{ signal: 'SIGINT', afterMs: 3000 }], timeoutMs: 3000 + 7500 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.signal).toBeNull();
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const arn = result.outputs['task-arn']!;
    expect(sandbox.calls.of('StopTask').map((c) => (c.input as { task: string }).task)).toEqual([
      arn,
    ]);
    expect(errorsOf(result).join('\n')).toContain('when the run was cancelled (SIGINT)');
    expect(errorsOf(result).join('\n')).toContain('it was stopped (StopTask)');
  });

  it('GetLogEvents hangs after the first page: the verdict is the clean one, the drain is bounded', async () => {
    let pages = 0;
    sandbox.calls.onCall((entry) => {
      if (entry.operation === 'GetLogEvents' && entry.status === 200 && ++pages === 1)
        sandbox.faults.add({ operation: 'GetLogEvents', kind: 'hang', times: Infinity });
    });
    const result = await migrate(
      sandbox,
      { command: 'alembic upgrade head', 'timeout-minutes': '0.1' },
      { timeoutMs: 30_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(result.outputs['exit-code']).toBe('0');
    expect(warnings(result.stdout).join('\n')).toContain('was not read to its end within');
  });
});

describe('transient faults in the middle of the wait give the clean verdict', () => {
  const clean = async () => {
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    return {
      exitCode: result.exitCode,
      status: result.outputs.status,
      code: result.outputs['exit-code'],
    };
  };

  it.each([
    [
      '8 x 503 on DescribeTasks',
      { operation: 'DescribeTasks', kind: 'server-error', status: 503, times: 8 },
    ],
    ['one truncated DescribeTasks answer', { operation: 'DescribeTasks', kind: 'truncate' }],
    ['one garbled DescribeTasks answer', { operation: 'DescribeTasks', kind: 'garble' }],
    [
      '8 x 503 on GetLogEvents',
      { operation: 'GetLogEvents', kind: 'server-error', status: 503, times: 8 },
    ],
  ] as [string, FaultSpec][])('%s', async (_label, fault) => {
    midWait(fault);
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    const faulted = sandbox.calls.all().filter((c) => c.fault !== undefined);
    expect(faulted.length).toBe(fault.times ?? 1);
    expect({
      exitCode: result.exitCode,
      status: result.outputs.status,
      code: result.outputs['exit-code'],
    }).toEqual({ exitCode: 0, status: 'succeeded', code: '0' });
    expect(result.stdout).toContain('index reports on geom');
    // One warning for the episode at most, not one per failed attempt.
    expect(warnings(result.stdout).length).toBeLessThanOrEqual(1);
    sandbox.faults.clear();
    sandbox.calls.clear();
    expect(await clean()).toEqual({ exitCode: 0, status: 'succeeded', code: '0' });
  });
});

describe('an episode of GetLogEvents faults', () => {
  it('gives one warning, one line when the stream answers again, every line once, and the clean verdict', async () => {
    midWait({ operation: 'GetLogEvents', kind: 'server-error', status: 503, times: 8 });
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    expect(sandbox.calls.all().filter((c) => c.fault !== undefined)).toHaveLength(8);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    const stream = /^Streaming (\S+) \/ (\S+)$/m.exec(result.stdout);
    expect(stream).not.toBeNull();
    const where = `${stream![1]}/${stream![2]}`;
    expect(warnings(result.stdout)).toEqual([
      `::warning::Reading logs from ${where}: Service is unavailable; retrying with backoff (further faults in a row are not reported one by one).`,
    ]);
    const recovered = result.stdout
      .split('\n')
      .filter((line) => line.startsWith(`Reading logs from ${where}: answering again after`));
    expect(recovered).toHaveLength(1);
    const lines = containerLines(result.stdout);
    expect(lines.some((line) => line.endsWith('index reports on geom'))).toBe(true);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('an episode of DescribeTasks throttling', () => {
  it('gives exactly one warning, and no other line about it but the one when it ends', async () => {
    midWait({ operation: 'DescribeTasks', kind: 'throttle', times: 3 });
    // Each throttled call reaches the poller (no SDK retry): 3 faults are 3 polls in a row.
    const result = await migrate(
      sandbox,
      { command: 'alembic upgrade head' },
      { env: { AWS_MAX_ATTEMPTS: '1' } },
    );
    expect(result.outputs.status).toBe('succeeded');
    expect(sandbox.calls.of('DescribeTasks').filter((c) => c.fault === 'throttle')).toHaveLength(3);
    const arn = result.outputs['task-arn']!;
    expect(warnings(result.stdout)).toEqual([
      `::warning::DescribeTasks ${arn}: throttled (Rate exceeded); retrying with backoff (further faults in a row are not reported one by one).`,
    ]);
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => /throttl/i.test(l))).toEqual(warnings(result.stdout));
    expect(
      lines.filter((l) => l === `DescribeTasks ${arn}: answering again after 3 retries.`),
    ).toHaveLength(1);
  });
});
