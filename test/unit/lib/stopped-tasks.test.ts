import { afterEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Task } from '@aws-sdk/client-ecs';
import {
  causeKey,
  dedupeCauses,
  formatCountedCause,
  stoppedContainerTails,
  tailTitle,
} from '../../../src/lib/stopped-tasks.js';
import { lastLogLines, serviceDeploymentsConsoleUrl } from '../../../src/lib/awslogs.js';

const logs = mockClient(CloudWatchLogsClient);
afterEach(() => {
  logs.reset();
});

const TASK = (id: string): string => `arn:aws:ecs:eu-west-1:123456789012:task/cbi-production/${id}`;

describe('dedupeCauses', () => {
  it('tells six tasks failing the same way once, with the count, and keeps distinct causes', () => {
    const pull = (id: string) =>
      `Task ${id} stopped: CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi:42c3e4a: not found`;
    const causes = [
      ...[
        '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        '1a1b2c3d4e5f60718293a4b5c6d7e8f9',
        '2a1b2c3d4e5f60718293a4b5c6d7e8f9',
        '3a1b2c3d4e5f60718293a4b5c6d7e8f9',
        '4a1b2c3d4e5f60718293a4b5c6d7e8f9',
        '5a1b2c3d4e5f60718293a4b5c6d7e8f9',
      ].map(pull),
      'Task 6a1b2c3d4e5f60718293a4b5c6d7e8f9 stopped: Essential container in task exited; api: exit code 3',
    ];
    const counted = dedupeCauses(causes);
    expect(counted).toHaveLength(2);
    expect(counted[0]).toEqual({ text: causes[0], count: 6 });
    expect(formatCountedCause(counted[0]!)).toMatch(/not found \(6 tasks\)$/);
    expect(formatCountedCause(counted[1]!)).toBe(causes[6]);
  });

  it('ignores ARNs, times and addresses but not the reason itself', () => {
    expect(causeKey(`${TASK('x')} at 2026-12-01T10:00:00.000Z from 10.0.1.7:8080`)).toBe(
      '<arn> at <time> from <ip>',
    );
    expect(dedupeCauses(['exit code 1', 'exit code 3'])).toHaveLength(2);
  });
});

describe('last lines of stopped containers', () => {
  const definition = {
    family: 'cbi-api',
    containerDefinitions: [
      {
        name: 'api',
        image: 'i',
        logConfiguration: {
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/cbi-api', 'awslogs-stream-prefix': 'ecs' },
        },
      },
      { name: 'log-router', image: 'f', essential: false },
      { name: 'otel', image: 'o', logConfiguration: { logDriver: 'awsfirelens' } },
    ],
  };
  const task: Task = {
    taskArn: TASK('0a1b2c3d4e5f60718293a4b5c6d7e8f9'),
    containers: [
      { name: 'api', exitCode: 3 },
      { name: 'otel', exitCode: 0 },
    ],
  };

  it('reads the tail of each essential container (one bounded call each) and says why others have none', async () => {
    logs.on(GetLogEventsCommand).resolves({
      events: [
        { message: 'Traceback (most recent call last):\n' },
        { message: 'KeyError: DATABASE_URL' },
      ],
    });
    const tails = await stoppedContainerTails(
      logs as unknown as CloudWatchLogsClient,
      [task],
      definition,
      { lines: 5 },
    );
    expect(logs.commandCalls(GetLogEventsCommand).map((c) => c.args[0].input)).toEqual([
      {
        logGroupName: '/ecs/cbi-api',
        logStreamName: 'ecs/api/0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        startFromHead: false,
        limit: 5,
      },
    ]);
    expect(tails).toEqual([
      expect.objectContaining({
        container: 'api',
        exitCode: 3,
        lines: ['Traceback (most recent call last):', 'KeyError: DATABASE_URL'],
      }),
      expect.objectContaining({
        container: 'otel',
        lines: [],
        note: expect.stringContaining('awsfirelens driver'),
      }),
    ]);
    expect(tailTitle(tails[0]!)).toBe('api in task 0a1b2c3d4e5f60718293a4b5c6d7e8f9 (exit 3)');
  });

  it('turns a failed read into a note, and a missing stream into no lines', async () => {
    logs
      .on(GetLogEventsCommand)
      .rejectsOnce(
        Object.assign(new Error('User is not authorized to perform: logs:GetLogEvents'), {
          name: 'AccessDeniedException',
        }),
      )
      .rejectsOnce(
        Object.assign(new Error('The specified log stream does not exist.'), {
          name: 'ResourceNotFoundException',
        }),
      );
    const [denied] = await stoppedContainerTails(
      logs as unknown as CloudWatchLogsClient,
      [task],
      definition,
    );
    expect(denied!.note).toContain('could not be read (AccessDeniedException');
    expect(
      await lastLogLines(logs as unknown as CloudWatchLogsClient, { group: 'g', stream: 's' }),
    ).toEqual([]);
  });

  it('links the service deployments in the console', () => {
    expect(
      serviceDeploymentsConsoleUrl(
        'arn:aws:ecs:eu-west-1:123456789012:cluster/cbi-production',
        'cbi-api',
        'eu-west-1',
      ),
    ).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/cbi-production/services/cbi-api/deployments?region=eu-west-1',
    );
  });
});
