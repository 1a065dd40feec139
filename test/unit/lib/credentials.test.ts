import { describe, expect, it } from '@jest/globals';
import {
  CredentialsError,
  credentialsFailureMessage,
  expiredSessionMessage,
  explainingFailures,
} from '../../../src/lib/credentials.js';

const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name });
const noProvider = sdkError(
  'CredentialsProviderError',
  'Could not load credentials from any providers',
);

describe('credentialsFailureMessage', () => {
  it('tells a runner with no credential source to add configure-aws-credentials', () => {
    expect(credentialsFailureMessage(noProvider, {})).toBe(
      'AWS credentials could not be loaded (Could not load credentials from any providers). ' +
        'Add aws-actions/configure-aws-credentials (role-to-assume, with `permissions: id-token: ' +
        'write`) before this step, or run it on a runner with an instance or task role.',
    );
  });

  it("names STS's reason, the token file and the role for a web identity", () => {
    const message = credentialsFailureMessage(
      sdkError('ExpiredTokenException', 'Token is expired.'),
      {
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/cbi-deploy',
      },
    );
    expect(message).toMatch(
      /^AWS credentials could not be loaded \(ExpiredTokenException: Token is expired\.\)\. /,
    );
    expect(message).toContain('/var/run/secrets/eks.amazonaws.com/serviceaccount/token');
    expect(message).toContain('role arn:aws:iam::123456789012:role/cbi-deploy');
    expect(message).toContain('trust policy');
  });

  it('says when the web identity has no role to assume', () => {
    expect(credentialsFailureMessage(noProvider, { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' })).toContain(
      'role (AWS_ROLE_ARN is not set)',
    );
  });

  it('points a container runner at its task role or pod identity', () => {
    expect(
      credentialsFailureMessage(noProvider, {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
      }),
    ).toContain('task role or the pod identity association');
    expect(
      credentialsFailureMessage(noProvider, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x' }),
    ).toContain('container credentials endpoint');
  });

  it('names the profile and the files it is read from', () => {
    expect(credentialsFailureMessage(noProvider, { AWS_PROFILE: 'deploy' })).toContain(
      "Check profile 'deploy' in ~/.aws/config and ~/.aws/credentials.",
    );
    expect(
      credentialsFailureMessage(noProvider, {
        AWS_PROFILE: 'deploy',
        AWS_CONFIG_FILE: '/etc/aws/config',
        AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/credentials',
      }),
    ).toContain("Check profile 'deploy' in /etc/aws/config and /etc/aws/credentials.");
  });

  it('is one line whatever the reason', () => {
    const message = credentialsFailureMessage(sdkError('Error', 'first\nsecond'), {});
    expect(message).not.toContain('\n');
    expect(message.startsWith('AWS credentials could not be loaded (first second). ')).toBe(true);
  });
});

describe('explainingFailures', () => {
  it('passes credentials and the options through', async () => {
    const seen: unknown[] = [];
    const provider = explainingFailures(async (options) => {
      seen.push(options);
      return { accessKeyId: 'AKIA' };
    }, {});
    await expect(provider({ forceRefresh: true })).resolves.toEqual({ accessKeyId: 'AKIA' });
    expect(seen).toEqual([{ forceRefresh: true }]);
  });

  it('turns a failure into a CredentialsError that keeps the cause', async () => {
    const provider = explainingFailures(() => Promise.reject(noProvider), {});
    const error = await provider().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toMatch(/^AWS credentials could not be loaded/);
    expect((error as Error).cause).toBe(noProvider);
  });
});

describe('expiredSessionMessage', () => {
  it('explains a session that expired during the step', () => {
    const message = expiredSessionMessage(
      sdkError('ExpiredTokenException', 'The security token included in the request is expired'),
      true,
    );
    expect(message).toMatch(/^The AWS session expired during the step \(ExpiredTokenException: /);
    expect(message).toContain('role-duration-seconds');
    expect(expiredSessionMessage(sdkError('ExpiredToken', 'expired'), true)).toContain(
      'ExpiredToken',
    );
  });

  it('says the session had expired before the step when no call of it had succeeded', () => {
    const message = expiredSessionMessage(
      sdkError('ExpiredTokenException', 'The security token included in the request is expired'),
      false,
    );
    expect(message).toMatch(
      /^The AWS session had already expired when the step began: its first call was refused \(ExpiredTokenException: /,
    );
    expect(message).toContain('Nothing was changed.');
    expect(message).not.toContain('during the step');
  });

  it('leaves every other error alone', () => {
    expect(expiredSessionMessage(sdkError('AccessDeniedException', 'no'))).toBeUndefined();
    expect(expiredSessionMessage(new Error('boom'))).toBeUndefined();
    expect(expiredSessionMessage('text')).toBeUndefined();
  });
});
