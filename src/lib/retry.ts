/**
 * The one retry loop of the pack: jittered exponential backoff (src/lib/backoff.ts), bounded by a
 * deadline and an AbortSignal, retrying only what a predicate calls retryable (by default the
 * transient faults of src/lib/aws-errors.ts). `onRetry` sees every retry with its attempt
 * number, so a caller can print one warning when an episode of faults begins (`attempt === 1`)
 * rather than one per attempt; `episodeWarner` does exactly that.
 *
 * Sleep, clock and random are injectable so tests run it without waiting.
 */
import { isThrottlingError, isTransientError } from './aws-errors.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import { sleep as realSleep } from './cancellation.js';
import type { Deadline } from './deadline.js';
import { messageOf } from './errors.js';

export interface RetryEvent {
  error: unknown;
  /** The attempt that failed (1 for the first). */
  attempt: number;
  /** Delay before the next attempt. */
  delayMs: number;
}

export interface RetryOptions {
  /** Attempts in total, the first included (default: unlimited, until the deadline). */
  maxAttempts?: number;
  /** Which errors are worth another attempt (default: `isTransientError`). */
  retryable?: (error: unknown, attempt: number) => boolean;
  /** Default: from 500 ms, doubling, capped at 20 s, full jitter over the upper half. */
  backoff?: BackoffPolicy;
  /** A delay the error itself asks for (e.g. a Retry-After); the larger of the two is used. */
  delayFor?: (error: unknown, attempt: number) => number | undefined;
  /** A Deadline, or an absolute time per `clock`, after which no attempt starts. */
  deadline?: Deadline | number;
  /** Aborts the waiting between attempts (and is handed to each attempt). */
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * Retrying stopped because the next attempt would start after the deadline. `lastError` is the
 * fault the last attempt met; `attempts` how many were made.
 */
export class RetryDeadlineError extends Error {
  override readonly name = 'RetryDeadlineError';
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(`still failing at the deadline after ${attempts} attempt(s): ${messageOf(lastError)}`, {
      cause: lastError,
    });
  }
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 20_000 };

function deadlineAt(deadline: Deadline | number | undefined): number {
  if (deadline === undefined) return Infinity;
  return typeof deadline === 'number' ? deadline : deadline.at;
}

/**
 * Calls `fn` until it succeeds, an error is not retryable (thrown as it is), the attempts are
 * used up (the last error thrown as it is), the signal aborts (its reason thrown), or the next
 * attempt would begin after the deadline (a RetryDeadlineError, whose `lastError` is the fault).
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number, signal?: AbortSignal) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const retryable = options.retryable ?? ((error: unknown) => isTransientError(error));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxAttempts = options.maxAttempts ?? Infinity;
  const endAt = deadlineAt(options.deadline);
  const signal = options.signal;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    try {
      return await fn(attempt, signal);
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (attempt >= maxAttempts || !retryable(error, attempt)) throw error;
      const asked = options.delayFor?.(error, attempt) ?? 0;
      const delayMs = Math.max(asked, backoffDelay(attempt, backoff, options.random));
      if (clock() + delayMs >= endAt) throw new RetryDeadlineError(error, attempt);
      options.onRetry?.({ error, attempt, delayMs });
      await sleep(delayMs, signal);
    }
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('Aborted'), { name: 'AbortError' });
}

/**
 * An `onRetry` that warns once when an episode of faults begins, and a `recovered()` to call
 * after a success, which prints one line when the episode ends. Use one per retried call site;
 * successive `retryWithBackoff` calls share the episode until `recovered()` is called.
 */
export function episodeWarner(
  what: string,
  out: { warn: (message: string) => void; info?: (message: string) => void },
): { onRetry: (event: RetryEvent) => void; recovered: () => void } {
  let retries = 0;
  return {
    onRetry: (event) => {
      retries++;
      if (retries === 1)
        out.warn(
          `${what}: ${faultText(event.error)}; retrying with backoff (further faults in a row are not reported one by one).`,
        );
    },
    recovered: () => {
      if (retries > 0)
        out.info?.(`${what}: answering again after ${retries} retr${retries === 1 ? 'y' : 'ies'}.`);
      retries = 0;
    },
  };
}

/** What an episode's warning says of its first fault: throttling is named as such. */
function faultText(error: unknown): string {
  return isThrottlingError(error) ? `throttled (${shortMessage(error)})` : shortMessage(error);
}

/** An error's first line, at most 300 characters (SDK messages can carry long hints). */
export function shortMessage(error: unknown): string {
  const line = messageOf(error).split(/\r?\n/)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
