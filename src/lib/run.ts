/**
 * The wrapper every action's `run()` goes through: reads cancellation signals, gives the body a
 * job summary to fill, and turns errors into one clear failure line. A ConfigurationError is the
 * user's to fix and an OutcomeError is a verdict: both print without a stack; anything else prints its message and, in debug
 * logging, its stack. The summary is written even when the body fails. The process then exits,
 * so a dangling HTTP keep-alive or retry timer cannot keep the step alive.
 */
import * as core from '@actions/core';
import { setActionName } from './action-name.js';
import { listenForCancellation, type Cancellation } from './cancellation.js';
import { currentActionDeadline, setActionDeadline } from './deadline.js';
import { CredentialsError, expiredSessionMessage } from './credentials.js';
import { ConfigurationError, OutcomeError, messageOf } from './errors.js';
import { safeAnnotation } from './log.js';
import { ensureStatus } from './status.js';
import { JobSummary, wasAnnotated } from './summary.js';

export interface ActionContext {
  /** Aborted when the runner cancels the step (SIGINT, then SIGTERM). */
  signal: AbortSignal;
  cancellation: Cancellation;
  summary: JobSummary;
}

export interface RunOptions {
  exit?: (code: number) => void;
  cancellation?: Cancellation;
}

export async function runAction(
  name: string,
  body: (ctx: ActionContext) => Promise<void>,
  options: RunOptions = {},
): Promise<number> {
  const cancellation = options.cancellation ?? listenForCancellation();
  const summary = new JobSummary();
  setActionName(name);
  let code = 0;
  try {
    await body({ signal: cancellation.signal, cancellation, summary });
  } catch (error) {
    code = 1;
    ensureStatus(error);
    reportFailure(error);
  } finally {
    await summary.write();
    cancellation.dispose();
    currentActionDeadline()?.dispose();
    setActionDeadline(undefined);
  }
  if (code === 0 && process.exitCode !== undefined && process.exitCode !== 0)
    code = Number(process.exitCode);
  (options.exit ?? exitSoon)(code);
  return code;
}

export function reportFailure(error: unknown): void {
  const message = expiredSessionMessage(error) ?? messageOf(error);
  if (wasAnnotated(message)) {
    // The cause is already on the run page as an annotation: fail without repeating it.
    process.exitCode = core.ExitCode.Failure;
  } else {
    core.setFailed(safeAnnotation(message));
  }
  const expected =
    error instanceof ConfigurationError ||
    error instanceof OutcomeError ||
    error instanceof CredentialsError;
  if (!expected && error instanceof Error && error.stack) core.debug(error.stack);
}

function exitSoon(code: number): void {
  // Let stdout drain before exiting: the runner reads the log from the pipe.
  process.stdout.write('', () => process.exit(code));
}
