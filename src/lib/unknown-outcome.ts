/**
 * Writes whose outcome is unknown. A dropped connection, a timeout or a 5xx after the request
 * was sent may come after the server applied it: resending blindly registers a second revision
 * or starts a second task. For such writes the SDK's own retries are switched off
 * (`reconcileBeforeResend`) and the caller asks the service what happened before it resends.
 */
import { errorCode } from './aws-errors.js';
import { messageOf } from './errors.js';

interface SdkErrorShape {
  code?: string;
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
}

/** Network failures that may come after the request reached the service. ECONNREFUSED does not. */
const MAYBE_APPLIED_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/**
 * Whether a failed write may nonetheless have been applied: a dropped connection, a timeout,
 * a 5xx, or an answer that could not be read. A 4xx (validation, access, throttling) and a
 * refused connection mean nothing was applied.
 */
export function outcomeMayBeApplied(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof UnknownOutcomeError) return true;
  const e = error as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (status !== undefined && status >= 200 && status < 300) return true; // unreadable answer
  const code = e.code ?? errorCode(error);
  if (code !== undefined && MAYBE_APPLIED_CODES.has(code)) return true;
  if (/socket hang up|aborted|Deserialization error/i.test(e.message ?? '')) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && outcomeMayBeApplied(cause);
}

/**
 * The attempt failed in a way that may have applied it. Deliberately without `code`,
 * `$metadata` or `cause`, so the SDK's retry strategy sees nothing it would retry; the original
 * error is kept in `original`.
 */
export class UnknownOutcomeError extends Error {
  override readonly name = 'UnknownOutcomeError';
  constructor(
    readonly operation: string,
    readonly original: unknown,
  ) {
    super(`${operation}: no definite answer (${messageOf(original)})`);
  }
}

interface CommandWithStack {
  middlewareStack: { add(middleware: unknown, options: unknown): void };
}

type Next = (args: unknown) => Promise<unknown>;

/**
 * Makes the SDK give up on this command's attempt whose outcome is unknown, instead of resending
 * it: the middleware sits inside the retry middleware (finalizeRequest, low priority) and turns
 * such a failure into an UnknownOutcomeError. Definite failures (throttling included) are left
 * to the SDK's retries.
 */
export function reconcileBeforeResend(command: CommandWithStack, operation: string): void {
  command.middlewareStack.add(
    (next: Next) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (error) {
        if (outcomeMayBeApplied(error)) throw new UnknownOutcomeError(operation, error);
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'low', name: 'packReconcileBeforeResend', override: true },
  );
}
