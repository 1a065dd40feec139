/**
 * Debian's awscli (/usr/bin/aws; `.ci/run` installs it) reads the sandbox in the faithfulness
 * tests. Where it is missing, those tests are skipped with one message saying so, never silently.
 */
import { describe, it } from '@jest/globals';
import { existsSync } from 'node:fs';

export const AWS_CLI = '/usr/bin/aws';
export const awsCliInstalled = existsSync(AWS_CLI);

function skipped<T>(run: T, skip: T, what: string): T {
  if (awsCliInstalled) return run;
  process.stderr.write(
    `${what} skipped: ${AWS_CLI} is missing (apt-get install awscli; .ci/run does)\n`,
  );
  return skip;
}

/** `describe` when the CLI is installed, otherwise `describe.skip` with a message. */
export const describeWithAwsCli = (name: string, body: () => void): void =>
  skipped(describe, describe.skip, `awscli suite '${name}'`)(name, body);

/** `it` when the CLI is installed, otherwise `it.skip` with a message. */
export const itWithAwsCli = (name: string, body: () => Promise<void>, timeout?: number): void =>
  skipped(it, it.skip, `awscli test '${name}'`)(name, body, timeout);
