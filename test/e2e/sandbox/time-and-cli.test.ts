import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DescribeTasksCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { startSandbox } from '../../../sandbox/index.js';
import { REPO_ROOT } from '../../../sandbox/run-action.js';
import { FARGATE_NETWORK, ecsClient } from './clients.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scaled timelines', () => {
  it('plays a 16-second task timeline at timeScale 0.01 without advancing the clock', async () => {
    const sandbox = await startSandbox('one-off-tasks', { timeScale: 0.01 });
    const ecs = ecsClient(sandbox);
    try {
      const run = await ecs.send(
        new RunTaskCommand({
          cluster: 'cbi-production',
          taskDefinition: 'cbi-migrate',
          ...FARGATE_NETWORK,
        }),
      );
      const arn = run.tasks![0]!.taskArn!;
      const seen = new Set<string>();
      for (let i = 0; i < 200 && !seen.has('STOPPED'); i += 1) {
        const out = await ecs.send(
          new DescribeTasksCommand({ cluster: 'cbi-production', tasks: [arn] }),
        );
        seen.add(out.tasks![0]!.lastStatus!);
        await sleep(20);
      }
      expect(seen.has('STOPPED')).toBe(true);
    } finally {
      ecs.destroy();
      await sandbox.close();
    }
  });
});

describe('npm run sandbox', () => {
  it('prints the environment to export and logs each call', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'scripts/run-ts.mjs'),
        path.join(REPO_ROOT, 'sandbox/cli.ts'),
        'one-off-tasks',
      ],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    const closed = new Promise((resolve) => child.once('close', resolve));
    try {
      for (let i = 0; i < 300 && !/Calls:/.test(stdout); i += 1) await sleep(50);
      const url = /^export AWS_ENDPOINT_URL=(.+)$/m.exec(stdout)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stdout).toMatch(/^export AWS_REGION=us-east-1$/m);
      const response = await fetch(url!, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListTaskDefinitions',
        },
        body: '{}',
      });
      expect(response.status).toBe(200);
      for (let i = 0; i < 100 && !/ListTaskDefinitions/.test(stdout); i += 1) await sleep(20);
      expect(stdout).toMatch(/ecs ListTaskDefinitions -> 200/);
    } finally {
      child.kill('SIGINT');
      await closed;
    }
  });
});
