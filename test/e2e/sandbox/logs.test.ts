import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, RunTaskCommand } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { FARGATE_NETWORK, clientConfig, ecsClient, logsClient } from './clients.js';

let sandbox: Sandbox;
let logs: CloudWatchLogsClient;
let ecs: ECSClient;

beforeEach(async () => {
  sandbox = await startSandbox({
    ...(await import('../../../sandbox/scenarios/one-off-tasks.js')).oneOffTasks,
    logs: {
      streams: [
        {
          group: '/ecs/paging',
          stream: 'app/app/1',
          generate: { count: 25, every: 1, prefix: 'line' },
        },
        {
          group: '/ecs/paging',
          stream: 'app/app/2',
          lines: [{ at: 2.5, message: 'ERROR other stream' }],
        },
      ],
    },
  });
  logs = logsClient(sandbox);
  ecs = ecsClient(sandbox);
  sandbox.clock.freeze();
});
afterEach(async () => {
  logs.destroy();
  ecs.destroy();
  await sandbox.close();
});

const stream = { logGroupName: '/ecs/paging', logStreamName: 'app/app/1' };
const messages = (out: { events?: { message?: string }[] }) => out.events?.map((e) => e.message);

describe('GetLogEvents through the SDK', () => {
  it('follows a stream from the head with forward tokens, the same token at the end', async () => {
    sandbox.clock.advance(9.5);
    const first = await logs.send(
      new GetLogEventsCommand({ ...stream, startFromHead: true, limit: 4 }),
    );
    expect(messages(first)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    const second = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: first.nextForwardToken, limit: 100 }),
    );
    expect(messages(second)).toEqual(['line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10']);
    const idle = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: second.nextForwardToken }),
    );
    expect(idle.events).toEqual([]);
    expect(idle.nextForwardToken).toBe(second.nextForwardToken);
    sandbox.clock.advance(2);
    const more = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: idle.nextForwardToken }),
    );
    expect(messages(more)).toEqual(['line 11', 'line 12']);
    expect(more.events?.[0]?.timestamp).toBeLessThan(more.events![1]!.timestamp!);
  });

  it('starts from the tail without a token and pages backwards', async () => {
    sandbox.clock.advance(30);
    const tail = await logs.send(new GetLogEventsCommand({ ...stream, limit: 10 }));
    expect(messages(tail)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 16}`));
    const back = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: tail.nextBackwardToken, limit: 10 }),
    );
    expect(messages(back)?.[0]).toBe('line 6');
    const start = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: back.nextBackwardToken, limit: 10 }),
    );
    expect(messages(start)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    const before = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: start.nextBackwardToken }),
    );
    expect(before.events).toEqual([]);
    expect(before.nextBackwardToken).toBe(start.nextBackwardToken);
  });

  it('answers ResourceNotFoundException and InvalidParameterException', async () => {
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/none', logStreamName: 'x' })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/paging', logStreamName: 'x' })),
    ).rejects.toThrow('The specified log stream does not exist.');
    await expect(
      logs.send(new GetLogEventsCommand({ ...stream, nextToken: 'garbage' })),
    ).rejects.toThrow(InvalidParameterException);
  });

  it("writes a task's awslogs stream <prefix>/<container>/<task-id> while it runs", async () => {
    const out = await ecs.send(
      new RunTaskCommand({
        cluster: 'cbi-production',
        taskDefinition: 'cbi-migrate',
        ...FARGATE_NETWORK,
        overrides: {
          containerOverrides: [{ name: 'migrate', command: ['alembic', 'upgrade', 'head'] }],
        },
      }),
    );
    const id = out.tasks![0]!.taskArn!.split('/').pop();
    const where = {
      logGroupName: '/ecs/cbi-migrate',
      logStreamName: `migrate/migrate/${id}`,
      startFromHead: true,
    };
    await expect(logs.send(new GetLogEventsCommand(where))).rejects.toThrow(
      ResourceNotFoundException,
    );
    sandbox.clock.advance(5.7);
    const early = await logs.send(new GetLogEventsCommand(where));
    expect(messages(early)).toHaveLength(2);
    sandbox.clock.advance(10);
    const all = await logs.send(new GetLogEventsCommand(where));
    expect(messages(all)?.[3]).toMatch(/Running upgrade 9d2e3f4a5b6c -> ae3f4a5b6c7d/);
  });
});

describe('CloudWatch Logs faults', () => {
  it('throttles as the modeled ThrottlingException once retries are spent', async () => {
    sandbox.faults.add({
      service: 'logs',
      operation: 'GetLogEvents',
      kind: 'throttle',
      times: Infinity,
    });
    const once = new CloudWatchLogsClient({ ...clientConfig(sandbox), maxAttempts: 1 });
    try {
      const error = await once.send(new GetLogEventsCommand(stream)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ThrottlingException);
    } finally {
      once.destroy();
    }
  });
});

describe('FilterLogEvents through the SDK', () => {
  it('interleaves streams by time and pages with nextToken only while more match', async () => {
    sandbox.clock.advance(5.2);
    const first = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/paging', limit: 4 }),
    );
    expect(messages(first)).toEqual(['line 1', 'line 2', 'line 3', 'ERROR other stream']);
    expect(first.events?.[3]?.logStreamName).toBe('app/app/2');
    expect(first.nextToken).toBeDefined();
    const second = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/ecs/paging',
        limit: 4,
        nextToken: first.nextToken,
      }),
    );
    expect(messages(second)).toEqual(['line 4', 'line 5', 'line 6']);
    expect(second.nextToken).toBeUndefined();
  });

  it('filters by stream names, start time and term patterns', async () => {
    sandbox.clock.advance(30);
    const onlyOne = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/paging', logStreamNames: ['app/app/2'] }),
    );
    expect(messages(onlyOne)).toEqual(['ERROR other stream']);
    const errors = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/paging', filterPattern: 'ERROR' }),
    );
    expect(messages(errors)).toEqual(['ERROR other stream']);
    const all = await logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/paging' }));
    const from = all.events![20]!.timestamp!;
    const late = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: '/ecs/paging',
        logStreamNames: ['app/app/1'],
        startTime: from,
      }),
    );
    expect(messages(late)?.[0]).toBe(all.events![20]!.message);
  });
});
