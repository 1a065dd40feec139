import { describe, expect, it } from '@jest/globals';
import { episodeWarner, retryWithBackoff, RetryDeadlineError } from '../../../src/lib/retry.js';
import { Deadline } from '../../../src/lib/deadline.js';
import { fakeTime } from '../../support/fake-time.js';

const unavailable = () =>
  Object.assign(new Error('Service is unavailable'), {
    name: 'ServiceUnavailable',
    $fault: 'server',
    $metadata: { httpStatusCode: 503 },
  });
const denied = () =>
  Object.assign(new Error('not allowed'), {
    name: 'AccessDeniedException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });

describe('retryWithBackoff', () => {
  it('returns the first success and passes the attempt number', async () => {
    const t = fakeTime();
    const seen: number[] = [];
    const value = await retryWithBackoff(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw unavailable();
        return 'ok';
      },
      { clock: t.clock, sleep: t.sleep, random: () => 1, backoff: { baseMs: 100, capMs: 1000 } },
    );
    expect(value).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(t.waits).toEqual([100, 200]);
  });

  it('draws jittered delays within [window/2, window], capped', async () => {
    const t = fakeTime();
    let n = 0;
    await retryWithBackoff(
      async () => {
        if (++n < 6) throw unavailable();
      },
      { clock: t.clock, sleep: t.sleep, random: () => 0, backoff: { baseMs: 100, capMs: 400 } },
    );
    expect(t.waits).toEqual([50, 100, 200, 200, 200]);
  });

  it('throws a non-retryable error at once, without sleeping', async () => {
    const t = fakeTime();
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
          throw denied();
        },
        { clock: t.clock, sleep: t.sleep },
      ),
    ).rejects.toThrow('not allowed');
    expect(calls).toBe(1);
    expect(t.waits).toEqual([]);
  });

  it('honours a custom predicate', async () => {
    const t = fakeTime();
    let n = 0;
    const value = await retryWithBackoff(
      async () => {
        if (++n < 2)
          throw Object.assign(new Error('busy'), { name: 'TooManyInvalidationsInProgress' });
        return n;
      },
      {
        clock: t.clock,
        sleep: t.sleep,
        retryable: (e) => (e as Error).name === 'TooManyInvalidationsInProgress',
      },
    );
    expect(value).toBe(2);
  });

  it('throws the last error as it is when the attempts are used up', async () => {
    const t = fakeTime();
    let calls = 0;
    const error = await retryWithBackoff(
      async () => {
        calls++;
        throw unavailable();
      },
      { clock: t.clock, sleep: t.sleep, maxAttempts: 3 },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('ServiceUnavailable');
    expect(calls).toBe(3);
    expect(t.waits).toHaveLength(2);
  });

  it('stops before a retry that would begin after the deadline, keeping the fault', async () => {
    const t = fakeTime();
    let calls = 0;
    const error = await retryWithBackoff(
      async () => {
        calls++;
        throw unavailable();
      },
      {
        clock: t.clock,
        sleep: t.sleep,
        random: () => 1,
        backoff: { baseMs: 100, capMs: 100 },
        deadline: t.clock() + 350,
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryDeadlineError);
    expect((error as RetryDeadlineError).attempts).toBe(4);
    expect(((error as RetryDeadlineError).lastError as Error).name).toBe('ServiceUnavailable');
    expect(calls).toBe(4);
    expect(t.waits).toEqual([100, 100, 100]);
  });

  it('accepts a Deadline object', async () => {
    const t = fakeTime();
    const deadline = Deadline.after(150, { clock: t.clock });
    const error = await retryWithBackoff(
      async () => {
        throw unavailable();
      },
      {
        clock: t.clock,
        sleep: t.sleep,
        random: () => 1,
        backoff: { baseMs: 100, capMs: 100 },
        deadline,
      },
    ).catch((e: unknown) => e);
    deadline.dispose();
    expect(error).toBeInstanceOf(RetryDeadlineError);
    expect(t.waits).toEqual([100]);
  });

  it('uses a longer delay an error asks for', async () => {
    const t = fakeTime();
    let n = 0;
    await retryWithBackoff(
      async () => {
        if (++n < 2) throw unavailable();
      },
      { clock: t.clock, sleep: t.sleep, random: () => 1, delayFor: () => 5000 },
    );
    expect(t.waits).toEqual([5000]);
  });

  it('stops with the abort reason when the signal aborts during the wait', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled by test');
    let calls = 0;
    const error = await retryWithBackoff(
      async () => {
        calls++;
        throw unavailable();
      },
      {
        signal: controller.signal,
        sleep: async () => controller.abort(reason),
      },
    ).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(calls).toBe(1);
  });

  it('does not call fn when already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
        },
        { signal: controller.signal },
      ),
    ).rejects.toThrow('gone');
    expect(calls).toBe(0);
  });

  it('calls onRetry for every retry with attempt and delay', async () => {
    const t = fakeTime();
    const events: [number, number][] = [];
    let n = 0;
    await retryWithBackoff(
      async () => {
        if (++n < 4) throw unavailable();
      },
      {
        clock: t.clock,
        sleep: t.sleep,
        random: () => 1,
        backoff: { baseMs: 10, capMs: 100 },
        onRetry: (e) => events.push([e.attempt, e.delayMs]),
      },
    );
    expect(events).toEqual([
      [1, 10],
      [2, 20],
      [3, 40],
    ]);
  });
});

describe('episodeWarner', () => {
  it('warns once per episode of faults and tells the recovery once', async () => {
    const t = fakeTime();
    const warnings: string[] = [];
    const infos: string[] = [];
    const warner = episodeWarner('DescribeTasks', {
      warn: (m) => warnings.push(m),
      info: (m) => infos.push(m),
    });
    for (let episode = 0; episode < 2; episode++) {
      let n = 0;
      await retryWithBackoff(
        async () => {
          if (++n <= 8) throw unavailable();
        },
        { clock: t.clock, sleep: t.sleep, onRetry: warner.onRetry },
      );
      warner.recovered();
    }
    warner.recovered();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('DescribeTasks: Service is unavailable');
    expect(infos).toEqual([
      'DescribeTasks: answering again after 8 retries.',
      'DescribeTasks: answering again after 8 retries.',
    ]);
  });
});
