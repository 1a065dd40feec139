/**
 * A polling loop with a deadline, a fixed interval, backoff on throttling, and cancellation.
 * Clock and sleep are injectable so tests run it without waiting.
 */
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { sleep as realSleep } from './cancellation.js';
import { isThrottlingError } from './aws-errors.js';

export type PollStep<T> = { done: true; value: T } | { done: false };

export type PollOutcome<T> =
  | { outcome: 'done'; value: T; polls: number }
  | { outcome: 'timed-out'; polls: number }
  | { outcome: 'cancelled'; polls: number };

export interface PollOptions {
  intervalMs: number;
  /** Absolute time (per `clock`) after which polling stops with `timed-out`. */
  deadline: number;
  signal?: AbortSignal;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Backoff used while the API throttles; defaults grow from the interval up to 30 s. */
  throttleBackoff?: BackoffPolicy;
  random?: () => number;
  /** Called on each throttled poll, with the delay before the next one. */
  onThrottle?: (error: unknown, delayMs: number) => void;
}

export async function poll<T>(
  check: (poll: number) => Promise<PollStep<T>>,
  options: PollOptions,
): Promise<PollOutcome<T>> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const backoff = options.throttleBackoff ?? {
    baseMs: Math.max(options.intervalMs, 500),
    capMs: 30_000,
  };
  let polls = 0;
  let throttled = 0;
  for (;;) {
    if (options.signal?.aborted) return { outcome: 'cancelled', polls };
    polls++;
    let delay = options.intervalMs;
    try {
      const step = await check(polls);
      if (step.done) return { outcome: 'done', value: step.value, polls };
      throttled = 0;
    } catch (error) {
      if (!isThrottlingError(error)) throw error;
      throttled++;
      delay = Math.max(delay, backoffDelay(throttled, backoff, options.random));
      options.onThrottle?.(error, delay);
    }
    if (options.signal?.aborted) return { outcome: 'cancelled', polls };
    const remaining = options.deadline - clock();
    if (remaining <= 0) return { outcome: 'timed-out', polls };
    await sleep(Math.min(delay, remaining), options.signal);
  }
}
