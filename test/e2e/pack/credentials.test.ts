/**
 * The bundle finds credentials wherever the AWS SDK's default chain looks. Only the environment
 * provider is in the chunks every run loads; the others (shared files, credential_process, SSO,
 * web identity, instance roles) are chunks loaded when a run needs them, so these tests prove
 * that such a chunk is in dist/ and loads: every call must be signed with the key it supplies.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONTAINER_AUTHORIZATION_TOKEN,
  CONTAINER_CREDENTIALS_PREFIX,
} from '../../../sandbox/identity/plugin.js';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { deploy, REGISTRY, sandbox } from '../ecs-deploy/helpers.js';
import { migrate } from '../run-migration/helpers.js';

let sb: Sandbox;
let dir: string;
beforeAll(async () => {
  sb = await sandbox();
  dir = mkdtempSync(join(tmpdir(), 'pack-credentials-'));
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The sandbox's environment without its access keys: the SDK must look elsewhere. */
function withoutEnvironmentKeys(extra: Record<string, string>): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', ...extra };
}

/** Deploys a new image (so the run registers and updates) and returns who signed its calls. */
async function signers(tag: string, env: Record<string, string>): Promise<string[]> {
  sb.calls.clear();
  const result = await deploy(
    sb,
    { services: 'cbi-api', images: `api=${REGISTRY}/cbi:${tag}` },
    { env },
  );
  expect(result.errors).toEqual([]);
  expect(result.outputs.status).toBe('succeeded');
  const calls = sb.calls.all();
  expect(calls.map((c) => c.operation)).toEqual(
    expect.arrayContaining(['RegisterTaskDefinition', 'UpdateService']),
  );
  return [...new Set(calls.map((c) => c.accessKeyId ?? 'unsigned'))];
}

describe('credentials', () => {
  it('uses the environment keys that configure-aws-credentials exports', async () => {
    expect(await signers('from-env', {})).toEqual(['AKIASANDBOXEXAMPLE']);
  });

  it('reads a profile from the shared credentials file (a self-hosted runner with ~/.aws)', async () => {
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      '[default]\naws_access_key_id = AKIADEFAULTPROFILE\naws_secret_access_key = x\n\n' +
        '[deploy]\naws_access_key_id = AKIADEPLOYPROFILE\naws_secret_access_key = deploy-secret\n',
    );
    const env = withoutEnvironmentKeys({
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_PROFILE: 'deploy',
    });
    expect(await signers('from-profile', env)).toEqual(['AKIADEPLOYPROFILE']);
  }, 60_000);

  it('runs a credential_process from the config file', async () => {
    const script = join(dir, 'credential-process.mjs');
    writeFileSync(
      script,
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIACREDPROCESS', ` +
        `SecretAccessKey: 'process-secret', SessionToken: 'process-token' }));\n`,
    );
    const config = join(dir, 'config');
    writeFileSync(config, `[profile vault]\ncredential_process = ${process.execPath} ${script}\n`);
    const env = withoutEnvironmentKeys({
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_CONFIG_FILE: config,
      AWS_PROFILE: 'vault',
    });
    expect(await signers('from-process', env)).toEqual(['AKIACREDPROCESS']);
  }, 60_000);

  it('assumes a role with a web identity token file (a runner on EKS with IRSA)', async () => {
    const token = join(dir, 'web-identity-token');
    writeFileSync(token, 'eyJhbGciOiJSUzI1NiJ9.sandbox-service-account-token');
    const env = withoutEnvironmentKeys({
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/cbi-deploy',
      AWS_WEB_IDENTITY_TOKEN_FILE: token,
      AWS_ROLE_SESSION_NAME: 'deploy-128',
    });
    expect(await signers('from-web-identity', env)).toEqual(['unsigned', 'ASIACBIDEPLOY']);
    expect(sb.state.identity?.sessions).toEqual([
      {
        via: 'web-identity',
        role: 'arn:aws:iam::123456789012:role/cbi-deploy',
        accessKeyId: 'ASIACBIDEPLOY',
        token: 'eyJhbGciOiJSUzI1NiJ9.sandbox-service-account-token',
      },
    ]);
  }, 60_000);

  it('reads a container credentials endpoint with its token (ECS task role, EKS Pod Identity)', async () => {
    const tokenFile = join(dir, 'pod-identity-token');
    writeFileSync(tokenFile, CONTAINER_AUTHORIZATION_TOKEN);
    const env = withoutEnvironmentKeys({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${sb.url}${CONTAINER_CREDENTIALS_PREFIX}cbi-runner`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
    });
    expect(await signers('from-container', env)).toEqual(['unsigned', 'ASIACBIRUNNER']);
  }, 60_000);

  it('fails with the reason STS gives, and calls nothing else, when the web identity token expired', async () => {
    const token = join(dir, 'expired-token');
    writeFileSync(token, 'expired');
    sb.calls.clear();
    const result = await deploy(
      sb,
      { services: 'cbi-api', images: `api=${REGISTRY}/cbi:never-deployed` },
      {
        env: withoutEnvironmentKeys({
          AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/cbi-deploy',
          AWS_WEB_IDENTITY_TOKEN_FILE: token,
        }),
      },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      'AWS credentials could not be loaded (ExpiredTokenException: Token is expired.). STS did ' +
        `not exchange the web identity token in ${token} for role ` +
        "arn:aws:iam::123456789012:role/cbi-deploy: check that the role's trust policy accepts " +
        "the token's issuer and subject, and that the token is current.",
    ]);
    expect(sb.calls.all().filter((c) => c.service !== 'sts')).toEqual([]);
  }, 60_000);

  it('says what to add when no source has credentials, and calls nothing', async () => {
    sb.calls.clear();
    const result = await deploy(
      sb,
      { services: 'cbi-api', images: `api=${REGISTRY}/cbi:never-deployed` },
      {
        env: withoutEnvironmentKeys({
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
          AWS_CONFIG_FILE: join(dir, 'no-config'),
        }),
      },
    );
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^AWS credentials could not be loaded \(.+\)\. Add aws-actions\/configure-aws-credentials /,
    );
    expect(sb.calls.all()).toEqual([]);
  }, 60_000);
});

describe('one credential resolution per step', () => {
  it('assumes the role once, though the migration uses an ECS and a CloudWatch Logs client', async () => {
    const oneOff = await startSandbox('one-off-tasks', { timeScale: 0.05 });
    try {
      const token = join(dir, 'migrate-token');
      writeFileSync(token, 'eyJhbGciOiJSUzI1NiJ9.migrate');
      const result = await migrate(
        oneOff,
        { command: 'alembic upgrade head' },
        {
          env: withoutEnvironmentKeys({
            AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/cbi-migrate',
            AWS_WEB_IDENTITY_TOKEN_FILE: token,
          }),
        },
      );
      expect(result.outputs.status).toBe('succeeded');
      const services = new Set(oneOff.calls.all().map((c) => c.service));
      expect(services).toEqual(new Set(['sts', 'ecs', 'logs']));
      expect(oneOff.calls.count('AssumeRoleWithWebIdentity')).toBe(1);
    } finally {
      await oneOff.close();
    }
  }, 60_000);
});
