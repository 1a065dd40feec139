/**
 * followWithLogs leaves nothing running when it returns (no timer, no read in flight), and the
 * log stream is bounded after STOPPED: a GetLogEvents that never answers cannot hold the verdict.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { listenForCancellation } from '../../../src/lib/cancellation.js';
import { Deadline } from '../../../src/lib/deadline.js';
import type { ActionContext } from '../../../src/lib/run.js';
import { JobSummary } from '../../../src/lib/summary.js';
import { followWithLogs } from '../../../src/run-migration/follow-with-logs.js';
import type { Inputs } from '../../../src/run-migration/inputs.js';
import { apiDefinition, container, stoppedTask, TASK_ARN } from './fixtures.js';

const ecs = mockClient(ECSClient);
const logs = mockClient(CloudWatchLogsClient);
afterEach(() => {
  ecs.reset();
  logs.reset();
  jest.restoreAllMocks();
});

/**
 * Records the timers created while it is installed; `live()` lists those neither fired nor
 * cleared that keep the process alive (not unref'd): a leaked timer is what makes jest warn
 * that a worker "failed to exit gracefully".
 */
function trackTimers() {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const pending = new Set<NodeJS.Timeout>();
  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer: NodeJS.Timeout = realSet(() => {
      pending.delete(timer);
      fn(...args);
    }, ms);
    pending.add(timer);
    return timer;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((timer: NodeJS.Timeout | undefined) => {
    if (timer) pending.delete(timer);
    realClear(timer);
  }) as typeof clearTimeout;
  return {
    live: () => [...pending].filter((t) => t.hasRef()),
    restore: () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}

function context(): ActionContext {
  const cancellation = listenForCancellation({ on: () => process, off: () => process } as never);
  return { signal: cancellation.signal, cancellation, summary: new JobSummary() };
}

const inputs = (timeoutMs: number) =>
  ({
    cluster: 'cbi-prod',
    logs: true,
    'poll-interval-seconds': 20,
    'timeout-minutes': timeoutMs,
  }) as unknown as Inputs;

describe('followWithLogs', () => {
  it('returns on timeout with no timer left running', async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    ecs
      .on(DescribeTasksCommand)
      .resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'RUNNING' }] });
    logs.on(GetLogEventsCommand).resolves({ events: [], nextForwardToken: 'f/1' });
    const timers = trackTimers();
    const deadline = Deadline.after(150);
    const followed = await followWithLogs(
      context(),
      new ECSClient({ region: 'eu-west-1' }),
      inputs(150),
      {
        taskArn: TASK_ARN,
        container: apiDefinition().containerDefinitions![0]!,
        started: Date.now(),
        deadline,
      },
    );
    // The deadline is the caller's (runAction disposes it); anything else still armed leaked.
    deadline.dispose();
    const live = timers.live();
    timers.restore();
    expect(followed.outcome).toBe('timed-out');
    expect(live).toEqual([]);
  });

  it('a log read that never answers after STOPPED is given up within the drain bound', async () => {
    const stdout: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    ecs.on(DescribeTasksCommand).resolves({ tasks: [stoppedTask([container('api', 0)])] });
    logs
      .on(GetLogEventsCommand)
      .resolvesOnce({ events: [{ message: 'migrating', timestamp: 1 }], nextForwardToken: 'f/1' })
      .callsFake(() => new Promise(() => undefined));
    const deadline = Deadline.after(500);
    const started = Date.now();
    const followed = await followWithLogs(
      context(),
      new ECSClient({ region: 'eu-west-1' }),
      inputs(500),
      {
        taskArn: TASK_ARN,
        container: apiDefinition().containerDefinitions![0]!,
        started,
        deadline,
      },
    );
    deadline.dispose();
    expect(followed.outcome).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stdout.join('')).toContain('was not read to its end within');
  });
});
