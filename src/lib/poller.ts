/**
 * A polling loop bounded by a deadline, with a fixed interval, cancellation, and transient
 * faults retried. Every check is abortable: it gets a signal, and a check that has not settled
 * by the deadline (or within `checkTimeoutMs`) is abandoned, so no hung request outlives the
 * deadline. A transient fault (5xx, throttling, a dropped connection, a timeout, an unreadable
 * answer; `isTransientError`) is retried with jittered backoff (`retryWithBackoff`) until the
 * deadline, with one warning per episode of faults; any other error ends the poll (thrown).
 * Clock and sleep are injectable so tests run it without waiting.
 */
import * as core from '@actions/core';
import { safeAnnotation } from './log.js';
import { isThrottlingError, isTransientError } from './aws-errors.js';
import type { BackoffPolicy } from './backoff.js';
import { sleep as realSleep } from './cancellation.js';
import { DeadlineExceededError, timedSignal, untilAborted, type Deadline } from './deadline.js';
import { episodeWarner, retryWithBackoff, RetryDeadlineError } from './retry.js';

export type PollStep<T> = { done: true; value: T } | { done: false };

export type PollOutcome<T> =
  | { outcome: 'done'; value: T; polls: number }
  /** `lastError`: the transient fault still met when the deadline came, if any. */
  | { outcome: 'timed-out'; polls: number; lastError?: unknown }
  | { outcome: 'cancelled'; polls: number };

export interface PollOptions {
  intervalMs: number;
  /** The action's Deadline, or an absolute time (per `clock`) after which polling stops. */
  deadline: number | Deadline;
  signal?: AbortSignal;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Backoff while faults last; defaults grow from the interval up to 30 s. */
  throttleBackoff?: BackoffPolicy;
  random?: () => number;
  /** Called on each throttled poll, with the delay before the next one. */
  onThrottle?: (error: unknown, delayMs: number) => void;
  /** Called on each transient fault (throttling included), with the delay before the next try. */
  onFault?: (error: unknown, delayMs: number) => void;
  /** Longest one check may take before it is abandoned and counted as a fault (default 2 min). */
  checkTimeoutMs?: number;
  /** Names what is polled in the one warning per episode of faults (default "Polling"). */
  what?: string;
  /** Where that warning goes (default core.warning); recovery is told through `info`. */
  warn?: (message: string) => void;
  info?: (message: string) => void;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 120_000;
/** Longest bound of the check made at the deadline itself. */
const LAST_LOOK_MS = 5_000;

/** The check was still pending when the deadline came. */
class CheckPastDeadline extends Error {}

export async function poll<T>(
  check: (poll: number, signal: AbortSignal) => Promise<PollStep<T>>,
  options: PollOptions,
): Promise<PollOutcome<T>> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const given = options.deadline;
  const deadlineAt = typeof given === 'number' ? given : given.at;
  const signals = [options.signal, typeof given === 'number' ? undefined : given.signal].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const aborted = (): AbortSignal | undefined => signals.find((s) => s.aborted);
  const outer = combine(signals);
  const backoff = options.throttleBackoff ?? {
    baseMs: Math.max(options.intervalMs, 500),
    capMs: 30_000,
  };
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const warner = episodeWarner(options.what ?? 'Polling', {
    warn: options.warn ?? ((m) => core.warning(safeAnnotation(m))),
    ...(options.info ? { info: options.info } : {}),
  });
  let polls = 0;

  const runCheck = async (): Promise<PollStep<T>> => {
    polls++;
    // A check that begins at the deadline (the poll after the last wait) still gets a short bound:
    // one last look, as a number deadline has always allowed, ends within one poll of it.
    const remaining = deadlineAt - clock();
    const allowed = Math.max(remaining, Math.min(options.intervalMs, LAST_LOOK_MS));
    if (allowed <= 0 || (remaining < 0 && aborted())) throw new CheckPastDeadline();
    const capped = allowed <= checkTimeoutMs;
    const bound = timedSignal(Math.min(allowed, checkTimeoutMs), outer.signal);
    try {
      return await untilAborted(check(polls, bound.signal), bound.signal);
    } catch (error) {
      if (bound.signal.aborted && !aborted() && capped) throw new CheckPastDeadline();
      throw error;
    } finally {
      bound.dispose();
    }
  };

  const ended = (): PollOutcome<T> => {
    const by = aborted();
    return by?.reason instanceof DeadlineExceededError
      ? { outcome: 'timed-out', polls }
      : { outcome: 'cancelled', polls };
  };

  try {
    for (;;) {
      if (aborted()) return ended();
      const step = await retryWithBackoff(runCheck, {
        deadline: deadlineAt,
        ...(outer.signal ? { signal: outer.signal } : {}),
        retryable: (error) => isTransientError(error),
        backoff,
        delayFor: () => options.intervalMs,
        clock,
        sleep,
        ...(options.random ? { random: options.random } : {}),
        onRetry: (event) => {
          warner.onRetry(event);
          options.onFault?.(event.error, event.delayMs);
          if (isThrottlingError(event.error)) options.onThrottle?.(event.error, event.delayMs);
        },
      });
      warner.recovered();
      if (step.done) return { outcome: 'done', value: step.value, polls };
      if (aborted()) return ended();
      const remaining = deadlineAt - clock();
      if (remaining <= 0) return { outcome: 'timed-out', polls };
      await sleep(Math.min(options.intervalMs, remaining), outer.signal);
    }
  } catch (error) {
    if (aborted()) return ended();
    if (error instanceof CheckPastDeadline) return { outcome: 'timed-out', polls };
    if (error instanceof RetryDeadlineError)
      return { outcome: 'timed-out', polls, lastError: error.lastError };
    throw error;
  } finally {
    outer.dispose();
  }
}

/** One signal for several (without AbortSignal.any; see src/lib/deadline.ts). */
function combine(signals: AbortSignal[]): { signal?: AbortSignal; dispose(): void } {
  if (signals.length <= 1) return { ...(signals[0] ? { signal: signals[0] } : {}), dispose() {} };
  const controller = new AbortController();
  const listeners = signals.map((s) => {
    const on = (): void => controller.abort(s.reason);
    if (s.aborted) on();
    else s.addEventListener('abort', on, { once: true });
    return () => s.removeEventListener('abort', on);
  });
  return { signal: controller.signal, dispose: () => listeners.forEach((off) => off()) };
}
