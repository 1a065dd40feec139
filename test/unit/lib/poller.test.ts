import { describe, expect, it } from '@jest/globals';
import { backoffDelay } from '../../../src/lib/backoff.js';
import { listenForCancellation, sleep } from '../../../src/lib/cancellation.js';
import { poll, type PollStep } from '../../../src/lib/poller.js';
import { Deadline } from '../../../src/lib/deadline.js';
import { fakeTime } from '../../support/fake-time.js';
import { EventEmitter } from 'node:events';

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

const unavailable = () =>
  Object.assign(new Error('Service is unavailable'), {
    name: 'ServiceUnavailable',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
  });
const unreadable = () => {
  // What the SDK throws for an answer it cannot parse: the parser's error, $response, no $fault.
  const e = new SyntaxError(
    'Unexpected end of JSON input\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
  );
  Object.defineProperty(e, '$response', { value: { statusCode: 200 }, enumerable: false });
  return Object.assign(e, { $metadata: { httpStatusCode: 200 } });
};

describe('poll under transient faults', () => {
  it('retries 8 x 503 and an unreadable answer, warning once per episode', async () => {
    const t = fakeTime();
    const warnings: string[] = [];
    const infos: string[] = [];
    let n = 0;
    const result = await poll(
      async () => {
        n++;
        if (n <= 8) throw unavailable();
        if (n === 10) throw unreadable();
        return n === 12 ? { done: true, value: 'stable' } : { done: false };
      },
      {
        intervalMs: 100,
        deadline: t.clock() + 10 * 60_000,
        clock: t.clock,
        sleep: t.sleep,
        what: 'DescribeServices',
        warn: (m) => warnings.push(m),
        info: (m) => infos.push(m),
      },
    );
    expect(result).toEqual({ outcome: 'done', value: 'stable', polls: 12 });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^DescribeServices: Service is unavailable/);
    expect(warnings[1]).toMatch(/^DescribeServices: Unexpected end of JSON input/);
    expect(infos[0]).toBe('DescribeServices: answering again after 8 retries.');
  });

  it('times out with the last fault when faults last until the deadline', async () => {
    const t = fakeTime();
    const result = await poll(
      async () => {
        throw unavailable();
      },
      {
        intervalMs: 100,
        deadline: t.clock() + 5000,
        clock: t.clock,
        sleep: t.sleep,
        warn: () => undefined,
      },
    );
    expect(result.outcome).toBe('timed-out');
    expect(result.outcome === 'timed-out' && (result.lastError as Error).name).toBe(
      'ServiceUnavailable',
    );
    expect(t.clock()).toBeLessThanOrEqual(1_000_000 + 5000);
  });

  it('ends at once on a definite error (validation, access denied, not found)', async () => {
    for (const [name, status] of [
      ['InvalidParameterException', 400],
      ['AccessDeniedException', 400],
      ['ServiceNotFoundException', 400],
      ['NoSuchInvalidation', 404],
    ] as const) {
      const t = fakeTime();
      let calls = 0;
      await expect(
        poll(
          async () => {
            calls++;
            throw Object.assign(new Error(name), {
              name,
              $fault: 'client',
              $metadata: { httpStatusCode: status },
            });
          },
          { intervalMs: 100, deadline: t.clock() + 60_000, clock: t.clock, sleep: t.sleep },
        ),
      ).rejects.toThrow(name);
      expect(calls).toBe(1);
    }
  });

  it('abandons a check that never settles at the deadline', async () => {
    const seen: AbortSignal[] = [];
    const started = Date.now();
    const result = await poll(
      (_n, signal) => {
        seen.push(signal);
        return new Promise<PollStep<string>>(() => undefined);
      },
      { intervalMs: 10, deadline: Date.now() + 50 },
    );
    expect(result.outcome).toBe('timed-out');
    expect(seen[0]!.aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('counts a check that outlives checkTimeoutMs as a fault and polls again', async () => {
    let n = 0;
    const warnings: string[] = [];
    const result = await poll(
      () => {
        n++;
        return n === 1
          ? new Promise<PollStep<number>>(() => undefined)
          : Promise.resolve({ done: true, value: n });
      },
      {
        intervalMs: 10,
        deadline: Date.now() + 60_000,
        checkTimeoutMs: 20,
        throttleBackoff: { baseMs: 10, capMs: 10 },
        warn: (m) => warnings.push(m),
      },
    );
    expect(result).toEqual({ outcome: 'done', value: 2, polls: 2 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('No answer within');
  });

  it('with a Deadline: timed-out at the deadline, cancelled on cancellation, even mid-check', async () => {
    const d1 = Deadline.after(30);
    const r1 = await poll(() => new Promise<PollStep<1>>(() => undefined), {
      intervalMs: 10,
      deadline: d1,
    });
    expect(r1.outcome).toBe('timed-out');
    expect(d1.expired()).toBe(true);
    d1.dispose();

    const cancel = new AbortController();
    const d2 = Deadline.after(60_000, { signal: cancel.signal });
    setTimeout(() => cancel.abort(new Error('SIGINT')), 20);
    const r2 = await poll(() => new Promise<PollStep<1>>(() => undefined), {
      intervalMs: 10,
      deadline: d2,
    });
    expect(r2.outcome).toBe('cancelled');
  });

  it('takes one last look at the deadline itself, and no more', async () => {
    const t = fakeTime();
    const seenAt: number[] = [];
    const result = await poll(
      async () => {
        seenAt.push(t.clock() - 1_000_000);
        return t.clock() - 1_000_000 >= 1000
          ? { done: true, value: 'just in time' }
          : { done: false };
      },
      { intervalMs: 500, deadline: t.clock() + 1000, clock: t.clock, sleep: t.sleep },
    );
    expect(result).toEqual({ outcome: 'done', value: 'just in time', polls: 3 });
    expect(seenAt).toEqual([0, 500, 1000]);
    const late = await poll(async () => ({ done: false }), {
      intervalMs: 500,
      deadline: t.clock() - 1,
      clock: t.clock,
      sleep: t.sleep,
    });
    expect(late).toEqual({ outcome: 'timed-out', polls: 1 });
  });

  it('cancelled during the back-off between faults', async () => {
    const controller = new AbortController();
    const result = await poll(
      async () => {
        throw unavailable();
      },
      {
        intervalMs: 10,
        deadline: Date.now() + 60_000,
        signal: controller.signal,
        warn: () => undefined,
        sleep: async () => controller.abort(),
      },
    );
    expect(result.outcome).toBe('cancelled');
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
