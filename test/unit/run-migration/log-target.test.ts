import { describe, expect, it } from '@jest/globals';
import {
  logStreamConsoleUrl,
  logTargetFor,
  regionOfArn,
  taskConsoleUrl,
} from '../../../src/run-migration/log-target.js';
import { apiDefinition, TASK_ARN } from './fixtures.js';

const api = apiDefinition().containerDefinitions![0]!;

describe('logTargetFor', () => {
  it('derives group and stream <prefix>/<container>/<task-id>', () => {
    expect(logTargetFor(api, TASK_ARN)).toEqual({
      target: {
        group: '/ecs/cbi-api',
        stream: 'ecs/api/0f3c1e9a7b2d4c5e8f9a0b1c2d3e4f50',
        region: 'eu-west-1',
      },
    });
  });

  it.each([
    [{ name: 'api' }, 'no log configuration'],
    [{ name: 'api', logConfiguration: { logDriver: 'awsfirelens' } }, 'awsfirelens driver'],
    [
      {
        name: 'api',
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-stream-prefix': 'ecs' } },
      },
      'no awslogs-group',
    ],
    [
      {
        name: 'api',
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/x' } },
      },
      'no awslogs-stream-prefix',
    ],
  ])('explains why %j cannot be streamed', (c, why) => {
    const result = logTargetFor(c, TASK_ARN);
    expect('unavailable' in result && result.unavailable).toContain(why);
  });
});

describe('console links', () => {
  it('encodes the log group and stream the way the CloudWatch console does', () => {
    expect(logStreamConsoleUrl({ group: '/ecs/cbi-api', stream: 'ecs/api/abc' }, 'eu-west-1')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fecs$252Fcbi-api/log-events/ecs$252Fapi$252Fabc',
    );
  });

  it('links the task in its cluster', () => {
    expect(
      taskConsoleUrl(TASK_ARN, 'arn:aws:ecs:eu-west-1:123456789012:cluster/cbi-prod', 'eu-west-1'),
    ).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/cbi-prod/tasks/0f3c1e9a7b2d4c5e8f9a0b1c2d3e4f50/configuration?region=eu-west-1',
    );
    expect(regionOfArn(TASK_ARN)).toBe('eu-west-1');
  });
});
