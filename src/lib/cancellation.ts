/**
 * Turns the runner's cancellation into an AbortSignal. GitHub cancels a step with SIGINT,
 * then SIGTERM 7.5 s later, then kills it 2.5 s after that: an action that listens here can
 * stop what it started (a task, a deployment) and say so before it is killed.
 */
export interface Cancellation {
  signal: AbortSignal;
  /** The signal that cancelled the run, once it has. */
  reason(): NodeJS.Signals | undefined;
  dispose(): void;
}

export function listenForCancellation(
  proc: Pick<NodeJS.Process, 'on' | 'off'> = process,
): Cancellation {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (received) return; // a second signal changes nothing: cleanup is already under way
    received = sig;
    controller.abort(new CancelledError(sig));
  };
  proc.on('SIGINT', onSignal);
  proc.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    reason: () => received,
    dispose: () => {
      proc.off('SIGINT', onSignal);
      proc.off('SIGTERM', onSignal);
    },
  };
}

export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(readonly signalName: string) {
    super(`The run was cancelled (${signalName}).`);
  }
}

/** Sleeps `ms`, resolving early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
