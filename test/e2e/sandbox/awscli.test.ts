/**
 * Debian's awscli (/usr/bin/aws, installed by `.ci/run`) pointed at the sandbox must parse what it
 * answers. Skipped, with a message, only where that CLI is not installed.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { AWS_CLI, describeWithAwsCli } from '../../support/awscli.js';

let sandbox: Sandbox;

async function aws(
  ...args: string[]
): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'awscli-home-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      AWS_CLI,
      [...args, '--endpoint-url', sandbox.url, '--output', 'json'],
      {
        env: {
          PATH: '/usr/bin:/bin',
          HOME: home,
          ...sandbox.env(),
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_PAGER: '',
        },
      },
    );
    return {
      code: 0,
      json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {},
      stderr,
    };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, json: {}, stderr: e.stderr };
  }
}

beforeAll(async () => {
  sandbox = await startSandbox('one-off-tasks', { timeScale: 0.01 });
});
afterAll(async () => {
  await sandbox.close();
});

describeWithAwsCli('Debian awscli against the sandbox', () => {
  it('describes a task definition', async () => {
    const out = await aws(
      'ecs',
      'describe-task-definition',
      '--task-definition',
      'cbi-migrate',
      '--include',
      'TAGS',
    );
    expect(out).toMatchObject({ code: 0 });
    const definition = out.json.taskDefinition as Record<string, unknown>;
    expect(definition.taskDefinitionArn).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-migrate:1',
    );
    // The CLI parsed the epoch-seconds timestamp and printed it in its own ISO format.
    expect(new Date(definition.registeredAt as string).getTime()).toBeGreaterThan(
      Date.UTC(2020, 0, 1),
    );
  });

  it('runs a task and describes it until it stops with its exit code', async () => {
    const run = await aws(
      'ecs',
      'run-task',
      '--cluster',
      'cbi-production',
      '--task-definition',
      'cbi-migrate',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      'awsvpcConfiguration={subnets=[subnet-0a1b2c3d],securityGroups=[sg-0a1b2c3d]}',
      '--overrides',
      JSON.stringify({
        containerOverrides: [{ name: 'migrate', command: ['alembic', 'upgrade', 'head'] }],
      }),
    );
    expect(run).toMatchObject({ code: 0 });
    const arn = (run.json.tasks as { taskArn: string }[])[0]!.taskArn;
    expect(arn).toMatch(/:task\/cbi-production\/[0-9a-f]{32}$/);
    sandbox.clock.advance(60);
    const described = await aws(
      'ecs',
      'describe-tasks',
      '--cluster',
      'cbi-production',
      '--tasks',
      arn,
      'nope',
    );
    expect(described).toMatchObject({ code: 0 });
    const task = (described.json.tasks as Record<string, unknown>[])[0]!;
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.stopCode).toBe('EssentialContainerExited');
    expect((task.containers as { exitCode: number }[])[0]!.exitCode).toBe(0);
    expect(typeof task.stoppedAt).toBe('string');
    expect((described.json.failures as { reason: string }[])[0]!.reason).toBe('MISSING');
  });

  it('reads the task log and prints service errors as the CLI does', async () => {
    const task = [...sandbox.state.ecs.tasks.values()][0]!;
    const events = await aws(
      'logs',
      'get-log-events',
      '--log-group-name',
      '/ecs/cbi-migrate',
      '--log-stream-name',
      `migrate/migrate/${task.id}`,
      '--start-from-head',
    );
    expect(events).toMatchObject({ code: 0 });
    expect((events.json.events as unknown[]).length).toBe(4);
    const missing = await aws('ecs', 'describe-task-definition', '--task-definition', 'nope');
    expect(missing.code).toBe(254);
    expect(missing.stderr).toContain(
      'An error occurred (ClientException) when calling the DescribeTaskDefinition operation: Unable to describe task definition.',
    );
  });
});
