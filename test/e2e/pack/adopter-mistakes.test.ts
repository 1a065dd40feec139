/**
 * An adopter's first-day mistakes, across the actions, run as the runner runs the bundles: each
 * ends with `status` set, a job summary whose first line says whether production changed, and an
 * error that names the cause and the next step. Input mistakes make no mutating call.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { FaultSpec } from '../../../sandbox/core/faults.js';
import { WEBHOOK_SECRET } from '../../../sandbox/scenarios/webhook-common.js';
import { runBundle } from '../../support/run-bundle.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const ROLE = 'arn:aws:sts::123456789012:assumed-role/gh-deploy/run-42';

interface Mistake {
  name: string;
  action: string;
  scenario: string;
  inputs: Record<string, string> | ((sandbox: Sandbox) => Record<string, string>);
  env?: Record<string, string>;
  faults?: FaultSpec[];
  files?: Record<string, string | Buffer>;
  /** Each must appear in the error annotations: the cause and the next step. */
  says: string[];
  /** An input mistake: nothing may be written. */
  noWrites?: boolean;
  changed?: 'not' | 'may';
}

const deploy = (inputs: Record<string, string>) => ({
  cluster: 'cbi-production',
  services: 'cbi-api',
  images: `api=${REGISTRY}/cbi:42c3e4a`,
  'poll-interval-seconds': '0.1',
  ...inputs,
});
const migrate = (inputs: Record<string, string>) => ({
  cluster: 'cbi-production',
  'task-definition': 'cbi-migrate',
  subnets: 'subnet-0a1b2c3d4e5f60718',
  command: 'alembic upgrade head',
  'poll-interval-seconds': '0.05',
  ...inputs,
});
const denial = (action: string, resource: string) => ({
  code: 'AccessDeniedException',
  message: `User: ${ROLE} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
});

const MISTAKES: Mistake[] = [
  {
    name: 'ecs-deploy without cluster',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: { services: 'cbi-api' },
    says: ["Input 'cluster' is required but was not given."],
    noWrites: true,
  },
  {
    name: 'ecs-deploy with no region',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: deploy({}),
    env: { AWS_REGION: '', AWS_DEFAULT_REGION: '' },
    says: ['No AWS region is set', 'aws-region in aws-actions/configure-aws-credentials'],
    noWrites: true,
  },
  {
    name: 'ecs-deploy against an endpoint that does not answer',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: deploy({}),
    env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
    says: [
      'Could not reach http://127.0.0.1:9/',
      'ECONNREFUSED',
      'AWS_ENDPOINT_URL is set to http://127.0.0.1:9',
    ],
  },
  {
    name: 'ecs-deploy whose role may not pass the task role',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: deploy({}),
    faults: [
      {
        operation: 'RegisterTaskDefinition',
        kind: 'error',
        error: {
          code: 'ClientException',
          message: `User: ${ROLE} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/cbi-ecs-task`,
        },
      },
    ],
    says: [
      'AWS denied iam:PassRole on arn:aws:iam::123456789012:role/cbi-ecs-task',
      'iam:PassedToService = ecs-tasks.amazonaws.com',
    ],
    noWrites: true,
  },
  {
    name: 'ecs-deploy denied UpdateService',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: deploy({}),
    faults: [
      {
        operation: 'UpdateService',
        kind: 'error',
        error: denial(
          'ecs:UpdateService',
          'arn:aws:ecs:us-east-1:123456789012:service/cbi-production/cbi-api',
        ),
      },
    ],
    // The action, resource and role are named, with the fix, and that production did not change.
    says: [
      'UpdateService to cbi-api:3 failed',
      'AWS denied ecs:UpdateService on arn:aws:ecs:us-east-1:123456789012:service/cbi-production/cbi-api',
      'Add ecs:UpdateService',
      'Production was not changed for cbi-api: it still runs cbi-api:2.',
    ],
  },
  {
    name: 'ecs-deploy with a session that had expired before the step',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: deploy({}),
    faults: [
      {
        operation: '*',
        kind: 'error',
        times: Infinity,
        error: {
          code: 'ExpiredTokenException',
          message: 'The security token included in the request is expired',
        },
      },
    ],
    says: [
      'The AWS session had already expired when the step began',
      'configure-aws-credentials in the same job',
    ],
    noWrites: true,
  },
  {
    name: 'ecs-deploy with a misspelt member in the task definition file',
    action: 'ecs-deploy',
    scenario: 'rolling-deploy',
    inputs: deploy({ 'task-definition': 'api.json', images: `api=${REGISTRY}/cbi:42c3e4a` }),
    files: {
      'api.json': JSON.stringify(
        {
          family: 'cbi-api',
          containerDefinitions: [{ name: 'api', image: 'x', memoryReservaton: 256 }],
        },
        null,
        2,
      ),
    },
    says: [
      'api.json, containerDefinitions[0].memoryReservaton (line 7)',
      "did you mean 'memoryReservation'?",
      'Fix the file',
    ],
    noWrites: true,
  },
  {
    name: 'run-migration with a malformed subnet',
    action: 'run-migration',
    scenario: 'one-off-tasks',
    inputs: migrate({ subnets: 'subnet-prod-a' }),
    says: ["Input 'subnets' holds 'subnet-prod-a'", 'subnet-0a1b2c3d4e5f60718'],
    noWrites: true,
  },
  {
    name: 'run-migration on a cluster that does not exist',
    action: 'run-migration',
    scenario: 'one-off-tasks',
    inputs: migrate({ cluster: 'cbi-staging' }),
    says: ["ECS cluster 'cbi-staging' was not found (region us-east-1)", "Check input 'cluster'"],
    noWrites: true,
  },
  {
    name: 'run-migration denied RunTask',
    action: 'run-migration',
    scenario: 'one-off-tasks',
    inputs: migrate({}),
    faults: [
      {
        operation: 'RunTask',
        kind: 'error',
        error: denial(
          'ecs:RunTask',
          'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-migrate:1',
        ),
      },
    ],
    says: ['RunTask was refused', 'AWS denied ecs:RunTask', 'Nothing was started.'],
    noWrites: true,
  },
  {
    name: 's3-sync to a bucket that does not exist',
    action: 's3-sync',
    scenario: 'frontend-publish',
    inputs: { source: 'site', bucket: 'cbi-dashbaord-prod' },
    files: { 'site/index.html': '<p>hi</p>\n' },
    says: ["Bucket 'cbi-dashbaord-prod' does not exist."],
    noWrites: true,
  },
  {
    name: 'cloudfront-invalidate with a Latin-1 paths file',
    action: 'cloudfront-invalidate',
    scenario: 'frontend-publish',
    inputs: { 'distribution-id': 'E2CBIDASHBOARD', 'paths-file': 'paths.txt' },
    files: { 'paths.txt': Buffer.from('/caf\xe9.html\n', 'latin1') },
    says: [
      "Input 'paths-file' file paths.txt holds a byte that is not UTF-8 (0xE9) at line 1, column 5",
      'save it as UTF-8',
    ],
    noWrites: true,
  },
  {
    name: 'cloudfront-invalidate of a distribution this account does not have',
    action: 'cloudfront-invalidate',
    scenario: 'frontend-publish',
    inputs: { 'distribution-id': 'E9NOTHERE12345', paths: '/index.html' },
    says: ['Distribution E9NOTHERE12345 does not exist (or these credentials cannot see it).'],
    noWrites: true,
  },
  {
    name: 'verify-webhook with a bot token Telegram does not know',
    action: 'verify-webhook',
    scenario: 'webhook-telegram',
    inputs: (s) => ({
      provider: 'telegram',
      url: `${s.url}/hooks/telegram`,
      secret: WEBHOOK_SECRET,
      'telegram-bot-token': '123456:not-the-bot-token',
      'telegram-api-url': s.url,
      'timeout-seconds': '3',
    }),
    says: ['401'],
    noWrites: true,
  },
];

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('adopter mistakes: status, summary and a message with the cause and next step', () => {
  it.each(MISTAKES.map((m) => [m.name, m] as const))('%s', async (_name, mistake) => {
    sandbox = await startSandbox(mistake.scenario, { timeScale: 0.02 });
    for (const fault of mistake.faults ?? []) sandbox.faults.add(fault);
    const cwd = mkdtempSync(join(tmpdir(), 'mistake-'));
    for (const [name, content] of Object.entries(mistake.files ?? {})) {
      const path = join(cwd, name);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, content);
    }
    const inputs = typeof mistake.inputs === 'function' ? mistake.inputs(sandbox) : mistake.inputs;
    const result = await runBundle(mistake.action, inputs, {
      env: { ...sandbox.env(), RUNNER_TEMP: cwd, ...mistake.env },
      cwd,
      timeoutMs: 60_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const errors = result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    for (const part of mistake.says) expect(errors.join('\n')).toContain(part);
    const firstLine = result.summary.split('\n')[0];
    expect(firstLine).toMatch(
      mistake.changed === 'may'
        ? /^\*\*Production may have changed\*\*/
        : /^\*\*Production was not changed\*\*/,
    );
    if (mistake.noWrites)
      expect(sandbox.calls.mutating().filter((c) => c.status === 200)).toEqual([]);
  });
});
