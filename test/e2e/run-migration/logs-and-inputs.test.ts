/** Log streaming across many pages, images, and bad inputs that must not run anything. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox, type SandboxPlugin } from '../../../sandbox/index.js';
import { plugins } from '../../../sandbox/plugins.js';
import {
  FLOOD_LINES,
  migrationCases,
  TRICKLE_LINES,
} from '../../../sandbox/scenarios/migration-cases.js';
import { containerLines, errorsOf, migrate, TIME_SCALE } from './helpers.js';

/** One GetLogEvents read as the sandbox answered it: the token sent and the token given back. */
interface LogRead {
  stream: string;
  nextToken?: string;
  status: number;
  nextForwardToken?: string;
}

/** The sandbox's plugins, with the logs plugin's GetLogEvents answers recorded in `reads`. */
function recordingPlugins(reads: LogRead[]): SandboxPlugin[] {
  return plugins().map((plugin) =>
    plugin.name !== 'logs'
      ? plugin
      : {
          ...plugin,
          handle: async (req, ctx) => {
            const response = await plugin.handle(req, ctx);
            if (req.target.endsWith('.GetLogEvents')) {
              const input = JSON.parse(req.body.toString('utf8') || '{}') as {
                logStreamName?: string;
                nextToken?: string;
              };
              const answer =
                response.status === 200
                  ? (JSON.parse(String(response.body)) as { nextForwardToken?: string })
                  : {};
              reads.push({
                stream: input.logStreamName ?? '',
                nextToken: input.nextToken,
                status: response.status,
                nextForwardToken: answer.nextForwardToken,
              });
            }
            return response;
          },
        },
  );
}

let sandbox: Sandbox;
let reads: LogRead[];
beforeEach(async () => {
  reads = [];
  sandbox = await startSandbox(migrationCases, {
    timeScale: TIME_SCALE,
    plugins: recordingPlugins(reads),
  });
});
afterEach(async () => sandbox.close());

describe('logs', () => {
  it('streams every line once, in order, across many GetLogEvents pages, and drains after STOPPED', async () => {
    const result = await migrate(sandbox, { command: 'python -m cbi.backfill' });
    expect(result.exitCode).toBe(0);
    const lines = containerLines(result.stdout);
    const expected = [
      ...Array.from({ length: TRICKLE_LINES }, (_, i) => `backfill batch ${i + 1}`),
      ...Array.from({ length: FLOOD_LINES }, (_, i) => `reindexed report ${i + 1}`),
    ];
    expect(lines.length).toBe(expected.length);
    expect(lines).toEqual(expected);
    const pages = sandbox.calls.of('GetLogEvents').filter((c) => c.status === 200);
    // 13,500 lines need at least two pages of 10,000, then one read that finds the end.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Every read after the first sends the nextForwardToken of the answer before it (a skipped
    // or repeated page would send another token); the first starts without one.
    const answered = reads.filter((r) => r.status === 200);
    expect(answered.length).toBe(pages.length);
    expect(new Set(answered.map((r) => r.stream)).size).toBe(1);
    expect(answered[0]!.nextToken).toBeUndefined();
    const sent = answered.slice(1).map((r) => r.nextToken);
    const given = answered.slice(0, -1).map((r) => r.nextForwardToken);
    expect(sent).toEqual(given);
    expect(given.every((t) => /^f\/\d+\/s$/.test(t ?? ''))).toBe(true);
    expect(result.summary).toContain(`reindexed report ${FLOOD_LINES}`);
  }, 60_000);

  it('with logs: false, reads no logs and still judges the task', async () => {
    const result = await migrate(sandbox, { command: 'alembic upgrade head', logs: 'false' });
    expect(result.exitCode).toBe(0);
    expect(sandbox.calls.count('GetLogEvents')).toBe(0);
    expect(containerLines(result.stdout)).toEqual([]);
  });
});

describe('service', () => {
  it('takes the task definition, network, launch type and platform version from the service', async () => {
    const result = await migrate(sandbox, {
      service: 'cbi-api',
      'task-definition': '',
      subnets: '',
      'security-groups': '',
      command: 'alembic upgrade head',
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['task-definition-arn']).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-api:1',
    );
    expect(sandbox.calls.of('RunTask')[0]!.input).toMatchObject({
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-api:1',
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      startedBy: 'migrate/cbi-api',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
          securityGroups: ['sg-0c1d2e3f4a5b60001'],
          assignPublicIp: 'DISABLED',
        },
      },
      overrides: { containerOverrides: [{ name: 'api', command: ['alembic', 'upgrade', 'head'] }] },
    });
    expect(containerLines(result.stdout, 'api')).toEqual([
      'INFO  [alembic.runtime.migration] Will assume transactional DDL.',
      '::error::printed by the application, not an annotation',
    ]);
    expect(result.annotations).toEqual([]);
  });
});

describe('environment', () => {
  it('passes values to the container but prints only their names', async () => {
    const value = 'postgres://cbi:s3cr3t-Pa55@cbi-prod.cluster-abc.us-east-1.rds.amazonaws.com/cbi';
    const result = await migrate(sandbox, {
      command: 'alembic upgrade head',
      environment: `MIGRATION_DATABASE_URL=${value}\nALEMBIC_CONFIG=alembic.ini`,
    });
    expect(result.exitCode).toBe(0);
    const run = sandbox.calls.of('RunTask')[0]!.input as {
      overrides: { containerOverrides: { environment: { name: string; value: string }[] }[] };
    };
    expect(run.overrides.containerOverrides[0]!.environment).toContainEqual({
      name: 'MIGRATION_DATABASE_URL',
      value,
    });
    expect(result.summary).toContain('`MIGRATION_DATABASE_URL`');
    for (const text of [
      result.stdout,
      result.stderr,
      result.summary,
      JSON.stringify(result.outputs),
    ])
      expect(text).not.toContain('s3cr3t-Pa55');
  });
});

describe('images', () => {
  it('runs a revision with the new image, registered once and reused by the next run', async () => {
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:7d1e0aa';
    const first = await migrate(sandbox, {
      images: `migrate=${image}`,
      command: 'alembic upgrade head',
    });
    expect(first.exitCode).toBe(0);
    expect(first.outputs['task-definition-arn']).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-migrate:2',
    );
    const registered = sandbox.calls.of('RegisterTaskDefinition')[0]!.input as {
      containerDefinitions: { name: string; image: string; secrets?: unknown[] }[];
    };
    expect(registered.containerDefinitions.find((c) => c.name === 'migrate')).toMatchObject({
      image,
      secrets: [{ name: 'DATABASE_URL' }],
    });
    expect(
      (sandbox.calls.of('RunTask')[0]!.input as { taskDefinition: string }).taskDefinition,
    ).toBe(first.outputs['task-definition-arn']);

    const second = await migrate(
      sandbox,
      { images: `migrate=${image}`, command: 'alembic upgrade head' },
      { env: { GITHUB_RUN_ID: '7311890000' } },
    );
    expect(second.exitCode).toBe(0);
    expect(second.outputs['task-definition-arn']).toBe(first.outputs['task-definition-arn']);
    expect(sandbox.calls.count('RegisterTaskDefinition')).toBe(1);
  });
});

describe('bad inputs: one line naming the input, no mutating call', () => {
  it.each([
    [{ cluster: '' }, "Input 'cluster' is required but was not given."],
    [{ 'task-definition': '' }, "Input 'task-definition' or 'service' is required"],
    [
      { command: '["alembic", "upgrade"' },
      "Input 'command' starts with [ but is not a valid JSON array.",
    ],
    [{ command: "alembic upgrade 'head" }, "Input 'command'"],
    [
      { environment: 'not a pair' },
      "Input 'environment' line 1 must be KEY=VALUE, got 'not a pair'.",
    ],
    [
      { environment: '1BAD=x' },
      "Input 'environment' sets '1BAD', which is not a valid environment variable name.",
    ],
    [{ 'timeout-minutes': 'soon' }, "Input 'timeout-minutes' must be a number, got 'soon'."],
    [{ 'poll-interval-seconds': '0' }, "Input 'poll-interval-seconds' must be greater than 0"],
    [
      { 'launch-type': 'LAMBDA' },
      "Input 'launch-type' must be one of FARGATE, EC2, EXTERNAL, got 'LAMBDA'.",
    ],
    [
      { 'assign-public-ip': 'maybe' },
      "Input 'assign-public-ip' must be ENABLED or DISABLED, got 'maybe'.",
    ],
    [{ exclusive: 'sometimes' }, "Input 'exclusive' must be true or false, got 'sometimes'."],
    [
      { images: 'worker=cbi:1' },
      "Input 'images' names container 'worker', which is not in task definition 'cbi-migrate'",
    ],
    [
      { container: 'web' },
      "Input 'container' names 'web', which is not in task definition 'cbi-migrate'",
    ],
    [
      { subnets: '' },
      "Input 'subnets' is required: task definition 'cbi-migrate' uses the awsvpc network mode",
    ],
    [
      { 'task-definition': 'cbi-nope' },
      "Input 'task-definition' names 'cbi-nope', which could not be described",
    ],
    [
      { cluster: 'cbi-staging' },
      "ECS cluster 'cbi-staging' was not found (region us-east-1) (ListTasks: Cluster not found.). Check input 'cluster'",
    ],
    [
      { service: 'cbi-web', 'task-definition': '' },
      "Input 'service' names 'cbi-web', which was not found in cluster 'cbi-production' in region us-east-1 (MISSING). Check the service name",
    ],
  ])('%j', async (inputs, message) => {
    const result = await migrate(sandbox, { command: 'alembic upgrade head', ...inputs });
    expect(result.exitCode).toBe(1);
    const errors = errorsOf(result);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(sandbox.calls.count('RunTask')).toBe(0);
  });
});
