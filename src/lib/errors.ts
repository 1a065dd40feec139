/**
 * A mistake the user can fix in their workflow: a missing or malformed input, a container that
 * does not exist in the task definition, a service that cannot be found. The run wrapper prints
 * its message as one clear line, without a stack trace.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Builds the one-line message for a bad input, always naming the input. */
export function inputError(input: string, problem: string): ConfigurationError {
  return new ConfigurationError(`Input '${input}' ${problem}`);
}

/** Message of any thrown value, without assuming it is an Error. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The action did its job and the outcome is a failure (a deployment rolled back, a migration
 * exited 1). Printed as its message alone: the verdict, not a bug.
 */
export class OutcomeError extends Error {
  override readonly name = 'OutcomeError';
}
