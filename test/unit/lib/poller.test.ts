import { describe, expect, it } from '@jest/globals';
import { backoffDelay } from '../../../src/lib/backoff.js';
import { listenForCancellation, sleep } from '../../../src/lib/cancellation.js';
import { poll, type PollStep } from '../../../src/lib/poller.js';
import { EventEmitter } from 'node:events';

/** A fake clock whose sleep advances time instantly and records each wait. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const waits: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    advance: (ms: number) => (now += ms),
  };
}

const throttle = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $metadata: { httpStatusCode: 400 },
  });

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, capMs: 8000 };
  it('grows exponentially within [window/2, window]', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(2, policy, () => 1)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
  });
  it('never exceeds the cap', () => {
    expect(backoffDelay(4, policy, () => 1)).toBe(8000);
    expect(backoffDelay(30, policy, () => 1)).toBe(8000);
    expect(backoffDelay(30, policy, () => 0)).toBe(4000);
  });
  it('spreads retries with jitter', () => {
    const values = new Set([0.1, 0.5, 0.9].map((r) => backoffDelay(3, policy, () => r)));
    expect(values.size).toBe(3);
  });
});

describe('poll', () => {
  it('returns the value when the check is done, polling at the interval', async () => {
    const t = fakeTime();
    const result = await poll(
      async (n): Promise<PollStep<string>> =>
        n === 3 ? { done: true, value: 'ok' } : { done: false },
      {
        intervalMs: 200,
        deadline: t.clock() + 10_000,
        clock: t.clock,
        sleep: t.sleep,
      },
    );
    expect(result).toEqual({ outcome: 'done', value: 'ok', polls: 3 });
    expect(t.waits).toEqual([200, 200]);
  });

  it('times out at the deadline, with a last short wait rather than overshooting', async () => {
    const t = fakeTime();
    const result = await poll(async () => ({ done: false }), {
      intervalMs: 300,
      deadline: t.clock() + 1000,
      clock: t.clock,
      sleep: t.sleep,
    });
    expect(result.outcome).toBe('timed-out');
    expect(t.waits).toEqual([300, 300, 300, 100]);
    expect(result.polls).toBe(5);
  });

  it('backs off while throttled, then returns to the interval', async () => {
    const t = fakeTime();
    let n = 0;
    const delays: number[] = [];
    const result = await poll(
      async () => {
        n++;
        if (n <= 3) throw throttle();
        return n === 5 ? { done: true, value: n } : { done: false };
      },
      {
        intervalMs: 100,
        deadline: t.clock() + 60_000,
        clock: t.clock,
        sleep: t.sleep,
        random: () => 1,
        throttleBackoff: { baseMs: 1000, capMs: 3000 },
        onThrottle: (_e, d) => delays.push(d),
      },
    );
    expect(result).toEqual({ outcome: 'done', value: 5, polls: 5 });
    expect(delays).toEqual([1000, 2000, 3000]);
    expect(t.waits).toEqual([1000, 2000, 3000, 100]);
  });

  it('rethrows errors that are not throttling', async () => {
    const t = fakeTime();
    await expect(
      poll(
        async () => {
          throw Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' });
        },
        { intervalMs: 100, deadline: t.clock() + 1000, clock: t.clock, sleep: t.sleep },
      ),
    ).rejects.toThrow('Access denied');
  });

  it('stops when cancelled, before and between polls', async () => {
    const t = fakeTime();
    const controller = new AbortController();
    const result = await poll(
      async (n) => {
        if (n === 2) controller.abort();
        return { done: false };
      },
      {
        intervalMs: 100,
        deadline: t.clock() + 10_000,
        clock: t.clock,
        sleep: t.sleep,
        signal: controller.signal,
      },
    );
    expect(result).toEqual({ outcome: 'cancelled', polls: 2 });
    const already = await poll(async () => ({ done: true, value: 1 }), {
      intervalMs: 1,
      deadline: t.clock() + 10,
      signal: controller.signal,
      clock: t.clock,
      sleep: t.sleep,
    });
    expect(already.outcome).toBe('cancelled');
  });
});

describe('cancellation', () => {
  it('aborts on the first SIGINT or SIGTERM and remembers which', () => {
    const proc = new EventEmitter();
    const c = listenForCancellation(proc as unknown as NodeJS.Process);
    expect(c.signal.aborted).toBe(false);
    proc.emit('SIGINT', 'SIGINT');
    proc.emit('SIGTERM', 'SIGTERM');
    expect(c.signal.aborted).toBe(true);
    expect(c.reason()).toBe('SIGINT');
    c.dispose();
    expect(proc.listenerCount('SIGINT')).toBe(0);
    expect(proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('sleep ends early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    await sleep(60_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
