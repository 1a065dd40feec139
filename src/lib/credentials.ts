/**
 * Credential failures told for people. The SDK's own words ("Could not load credentials from any
 * providers", STS's "Token is expired.") say neither which source was tried nor what to change;
 * these messages name the source from the standard environment and the fix, in one line.
 */
import { errorCode } from './aws-errors.js';
import { anyCallSucceeded, callContextOf } from './call-record.js';
import { messageOf } from './errors.js';

/** Resolving credentials failed before any AWS call could be signed. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
}

type Provider<T> = (options?: Record<string, unknown>) => Promise<T>;

const reasonOf = (error: unknown): string => {
  const code = errorCode(error);
  const message = messageOf(error).replace(/\s+/g, ' ').trim();
  return code && !['Error', 'CredentialsProviderError'].includes(code)
    ? `${code}: ${message}`
    : message;
};

/** What to check, from the variables that chose the credential source. */
function nextStep(env: NodeJS.ProcessEnv): string {
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) {
    return (
      `STS did not exchange the web identity token in ${env.AWS_WEB_IDENTITY_TOKEN_FILE} for ` +
      `role ${env.AWS_ROLE_ARN || '(AWS_ROLE_ARN is not set)'}: check that the role's trust ` +
      `policy accepts the token's issuer and subject, and that the token is current.`
    );
  }
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) {
    return (
      'The container credentials endpoint gave no credentials: check the task role or the ' +
      'pod identity association of the runner.'
    );
  }
  if (env.AWS_PROFILE) {
    return (
      `Check profile '${env.AWS_PROFILE}' in ${env.AWS_CONFIG_FILE || '~/.aws/config'} and ` +
      `${env.AWS_SHARED_CREDENTIALS_FILE || '~/.aws/credentials'}.`
    );
  }
  return (
    'Add aws-actions/configure-aws-credentials (role-to-assume, with `permissions: id-token: ' +
    'write`) before this step, or run it on a runner with an instance or task role.'
  );
}

/** One line: what failed, the SDK's or STS's reason, what to do next. */
export function credentialsFailureMessage(
  error: unknown,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return `AWS credentials could not be loaded (${reasonOf(error)}). ${nextStep(env)}`;
}

/** A credential provider whose failures are CredentialsErrors with a message for people. */
export function explainingFailures<T>(
  provider: Provider<T>,
  env: NodeJS.ProcessEnv = process.env,
): Provider<T> {
  return async (options) => {
    try {
      return await provider(options);
    } catch (error) {
      throw new CredentialsError(credentialsFailureMessage(error, env), { cause: error });
    }
  };
}

/**
 * The message for a call refused because the session's credentials expired, or undefined for
 * any other error. Expired before the step (no call of it had succeeded: the first was refused)
 * and expired during it (a long blue/green bake outlives a one-hour role session) need different
 * fixes.
 */
export function expiredSessionMessage(
  error: unknown,
  succeededBefore: boolean = anyCallSucceeded(),
): string | undefined {
  const code = errorCode(error);
  if (code !== 'ExpiredTokenException' && code !== 'ExpiredToken') return undefined;
  if (!succeededBefore) {
    const first = callContextOf(error)?.operation;
    return (
      `The AWS session had already expired when the step began: its first call${first ? ` (${first})` : ''} was refused (${reasonOf(error)}). ` +
      'Nothing was changed. Run aws-actions/configure-aws-credentials in the same job, right before this step (a session from an earlier, long step may have ended), and re-run the job.'
    );
  }
  return (
    `The AWS session expired during the step (${reasonOf(error)}). Credentials from ` +
    'aws-actions/configure-aws-credentials last role-duration-seconds (3600 by default): set it ' +
    "longer than this step can run, its waits included, and within the role's maximum session duration."
  );
}
