/**
 * Paced writes for many services: starts one write every `1 / perSecond` s (ECS allows
 * UpdateService 5/s and RegisterTaskDefinition 1/s per account and region, shared with every
 * other deploy), retries a throttled write with jittered backoff until the deadline, and after a
 * write fails for good starts no further one, so the caller can say which services were started
 * and which were not.
 */
import { isThrottlingError } from '../lib/aws-errors.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import { retryWithBackoff, type RetryEvent } from '../lib/retry.js';

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
  /** Called once per throttled attempt (its error, attempt number and the delay before the next). */
  onThrottle?: (event: RetryEvent, item: unknown) => void;
}

export const UPDATE_SERVICE_PER_SECOND = 5;
export const REGISTER_PER_SECOND = 1;

/**
 * A throttled write is retried until the deadline (through lib's retryWithBackoff). Only
 * throttling: a 5xx UpdateService may have been applied, and with force-new-deployment a resend
 * would start a second deployment.
 */
function withThrottleRetry<R>(write: () => Promise<R>, options: PaceOptions, item: unknown) {
  return retryWithBackoff(() => write(), {
    retryable: (error) => isThrottlingError(error),
    backoff: { baseMs: 1000, capMs: 20_000 },
    deadline: options.deadline,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    onRetry: (event) => options.onThrottle?.(event, item),
  });
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
