/**
 * Paced writes for many services: starts one write every `1 / perSecond` s (ECS allows
 * UpdateService 5/s and RegisterTaskDefinition 1/s per account and region, shared with every
 * other deploy), retries a throttled write with jittered backoff until the deadline, and after a
 * write fails for good starts no further one, so the caller can say which services were started
 * and which were not.
 */
import { isThrottlingError } from '../lib/aws-errors.js';
import { backoffDelay } from '../lib/backoff.js';
import { sleep as realSleep } from '../lib/cancellation.js';

export type Paced<T, R> =
  | { item: T; state: 'done'; value: R }
  | { item: T; state: 'failed'; error: unknown }
  | { item: T; state: 'not-started'; why: string };

export interface PaceOptions {
  perSecond: number;
  deadline: number;
  signal?: AbortSignal;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Called once per throttled attempt with the delay before the next one. */
  onThrottle?: (item: unknown, delayMs: number) => void;
}

export const UPDATE_SERVICE_PER_SECOND = 5;
export const REGISTER_PER_SECOND = 1;

async function withThrottleRetry<R>(write: () => Promise<R>, options: PaceOptions, item: unknown) {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const delay = backoffDelay(attempt, { baseMs: 1000, capMs: 20_000 }, options.random);
      if (
        !isThrottlingError(error) ||
        clock() + delay > options.deadline ||
        options.signal?.aborted
      )
        throw error;
      options.onThrottle?.(item, delay);
      await sleep(delay, options.signal);
    }
  }
}

export async function paced<T, R>(
  items: readonly T[],
  write: (item: T) => Promise<R>,
  options: PaceOptions,
): Promise<Paced<T, R>[]> {
  const sleep = options.sleep ?? realSleep;
  const gapMs = 1000 / options.perSecond;
  const results: Paced<T, R>[] = new Array(items.length);
  const running: Promise<void>[] = [];
  let stopped: string | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (options.signal?.aborted) stopped ??= 'the run was cancelled before it was started';
    if (stopped) {
      results[i] = { item, state: 'not-started', why: stopped };
      continue;
    }
    running.push(
      withThrottleRetry(() => write(item), options, item).then(
        (value) => {
          results[i] = { item, state: 'done', value };
        },
        (error: unknown) => {
          results[i] = { item, state: 'failed', error };
          stopped ??= 'not started: an earlier write failed, so no further deployment was started';
        },
      ),
    );
    if (i < items.length - 1) await sleep(gapMs, options.signal);
  }
  await Promise.all(running);
  // A write that failed after later ones were started: those later ones still count as started.
  return results;
}
