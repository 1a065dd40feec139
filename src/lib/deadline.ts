/**
 * One deadline per action, created from its timeout input when the action starts. It tells the
 * time left, and gives one AbortSignal that fires at the deadline (reason: DeadlineExceededError)
 * or when the run is cancelled (reason: the cancellation's CancelledError), whichever comes
 * first. Polls, waits and AWS requests are bounded by that signal.
 *
 * The signal is built from an AbortController and a timer held by this object, never from
 * `AbortSignal.timeout` / `AbortSignal.any`: on Node 20 a garbage collection can drop those
 * composite signals while a request still waits on them, and the request then never times out.
 *
 * An undo (StopTask, a rollback) runs after the deadline or the cancellation has fired, so it
 * must not use this signal: `graceSignal(ms)` gives it a short budget of its own.
 */
import { CancelledError } from './cancellation.js';

export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  constructor(readonly timeoutMs: number) {
    super(`The step's deadline (${Math.round(timeoutMs / 100) / 10}s) has passed.`);
  }
}

export interface DeadlineOptions {
  /** Cancellation of the run (the runner's SIGINT / SIGTERM); aborts the deadline's signal too. */
  signal?: AbortSignal;
  clock?: () => number;
}

/** Longest delay one setTimeout accepts (about 24.8 days); longer deadlines re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Deadline {
  /** Absolute time (per the clock, epoch ms by default) at which the deadline passes. */
  readonly at: number;
  readonly timeoutMs: number;
  private readonly controller = new AbortController();
  private readonly clock: () => number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly parent: AbortSignal | undefined;
  private readonly onParentAbort = (): void => this.abort(this.parent?.reason);

  private constructor(timeoutMs: number, options: DeadlineOptions) {
    this.clock = options.clock ?? Date.now;
    this.timeoutMs = timeoutMs;
    this.at = this.clock() + timeoutMs;
    this.parent = options.signal;
    if (this.parent?.aborted) {
      this.abort(this.parent.reason);
      return;
    }
    this.parent?.addEventListener('abort', this.onParentAbort, { once: true });
    this.arm();
  }

  /** A deadline `timeoutMs` from now, also aborted when `options.signal` aborts. */
  static after(timeoutMs: number, options: DeadlineOptions = {}): Deadline {
    return new Deadline(Math.max(0, timeoutMs), options);
  }

  /** Aborted at the deadline or on cancellation; `reason` says which. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Milliseconds left, never negative. */
  remaining(): number {
    return Math.max(0, this.at - this.clock());
  }

  /** The deadline has passed (by the clock), whether or not the timer has fired yet. */
  expired(): boolean {
    return this.remaining() <= 0 || this.timedOut();
  }

  /** The signal fired because the deadline passed. */
  timedOut(): boolean {
    return this.controller.signal.reason instanceof DeadlineExceededError;
  }

  /** The signal fired because the run was cancelled. */
  cancelled(): boolean {
    return this.controller.signal.aborted && !this.timedOut();
  }

  /** `ms`, shortened so it ends no later than the deadline. */
  cap(ms: number): number {
    return Math.max(0, Math.min(ms, this.remaining()));
  }

  /** Stops the timer and lets go of the cancellation signal (the signal itself stays as it is). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  private arm(): void {
    const left = this.at - this.clock();
    if (left <= 0) {
      this.abort(new DeadlineExceededError(this.timeoutMs));
      return;
    }
    this.timer = setTimeout(() => this.arm(), Math.min(left, MAX_TIMER_MS));
  }

  private abort(reason: unknown): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason ?? new CancelledError('signal'));
    this.dispose();
  }
}

/** Why a signal fired, for messages: `timed-out`, `cancelled`, or undefined while it has not. */
export function abortKind(signal: AbortSignal | undefined): 'timed-out' | 'cancelled' | undefined {
  if (!signal?.aborted) return undefined;
  return signal.reason instanceof DeadlineExceededError ? 'timed-out' : 'cancelled';
}

export interface TimedSignal {
  signal: AbortSignal;
  /** Clears the timer and the listener on the parent. */
  dispose(): void;
}

/**
 * A signal that fires after `ms` (reason: a TimeoutError) or when `parent` aborts. The timer and
 * the controller are held here, so no garbage collection can lose the timeout; call `dispose()`
 * when the request has finished.
 */
export function timedSignal(ms: number, parent?: AbortSignal): TimedSignal {
  const controller = new AbortController();
  const onParent = (): void => {
    clearTimeout(timer);
    controller.abort(parent?.reason);
  };
  const timer = setTimeout(() => {
    const error = new Error(`No answer within ${Math.round(ms / 100) / 10}s.`);
    error.name = 'TimeoutError';
    controller.abort(error);
    parent?.removeEventListener('abort', onParent);
  }, ms);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/**
 * A short budget for an undo that runs after the deadline or a cancellation (StopTask, a
 * rollback): independent of both, so it is not aborted before it starts. The timer (whose
 * callback holds the controller) does not keep the process alive on its own.
 */
export function graceSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    const error = new Error(`No answer within ${Math.round(ms / 100) / 10}s.`);
    error.name = 'TimeoutError';
    controller.abort(error);
  }, ms);
  timer.unref();
  return controller.signal;
}

let actionDeadline: Deadline | undefined;

/**
 * Makes `deadline` the one the current action's AWS requests are bounded by (see src/lib/aws.ts):
 * a request sent without its own `abortSignal` gets the deadline's.
 */
export function setActionDeadline(deadline: Deadline | undefined): void {
  if (actionDeadline !== deadline) actionDeadline?.dispose();
  actionDeadline = deadline;
}

export function currentActionDeadline(): Deadline | undefined {
  return actionDeadline;
}

/**
 * Creates the action's deadline from its timeout, bounded by the run's cancellation, and makes it
 * the one AWS requests are bounded by.
 */
export function startActionDeadline(timeoutMs: number, cancellation?: AbortSignal): Deadline {
  const deadline = Deadline.after(timeoutMs, cancellation ? { signal: cancellation } : {});
  setActionDeadline(deadline);
  return deadline;
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts: a call
 * that never answers cannot outlive its bound. The abandoned promise's own settlement is
 * absorbed, so it raises no unhandled rejection.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Whether `promise` settles within `ms` (its value or error is not looked at). The timer is
 * cleared either way, so it never keeps the process alive after the answer.
 */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([
      promise.then(
        () => true as const,
        () => true as const,
      ),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * For a write whose outcome must be known (RunTask): fires `maxMs` from now, or `graceMs` after
 * `cancel` aborts, whichever is first. A cancellation then leaves the write a moment to be
 * answered, so what it started can be named and undone, without holding the step past the
 * runner's SIGTERM.
 */
export function writeSignal(
  cancel: AbortSignal | undefined,
  graceMs: number,
  maxMs: number,
): AbortSignal {
  const controller = new AbortController();
  const fire = (): void => {
    const error = new Error(`No answer within ${Math.round(maxMs / 100) / 10}s.`);
    error.name = 'TimeoutError';
    controller.abort(error);
  };
  const timer = setTimeout(fire, maxMs);
  timer.unref();
  const onCancel = (): void => {
    clearTimeout(timer);
    setTimeout(() => controller.abort(cancel?.reason), graceMs).unref();
  };
  if (cancel?.aborted) onCancel();
  else cancel?.addEventListener('abort', onCancel, { once: true });
  controller.signal.addEventListener('abort', () => {
    clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancel);
  });
  return controller.signal;
}
