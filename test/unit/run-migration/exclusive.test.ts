import { describe, expect, it } from '@jest/globals';
import { DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  activeMigrationTasks,
  classifyActiveTasks,
  familyOfArn,
} from '../../../src/run-migration/exclusive.js';
import { CLIENT_TOKEN_TAG } from '../../../src/run-migration/identity.js';

const td = (family: string, rev = 1) => `arn:aws:ecs:eu-west-1:1:task-definition/${family}:${rev}`;

describe('classifyActiveTasks', () => {
  it('blocks on a PENDING or RUNNING task of the same family, not on stopped or other families', () => {
    const result = classifyActiveTasks(
      [
        { taskArn: 'a', lastStatus: 'RUNNING', taskDefinitionArn: td('cbi-api', 41) },
        { taskArn: 'b', lastStatus: 'PENDING', taskDefinitionArn: td('cbi-api', 42) },
        { taskArn: 'c', lastStatus: 'STOPPED', taskDefinitionArn: td('cbi-api') },
        { taskArn: 'd', lastStatus: 'RUNNING', taskDefinitionArn: td('cbi-worker') },
      ],
      'cbi-api',
      'token-1',
    );
    expect(result.others.map((t) => t.taskArn)).toEqual(['a', 'b']);
    expect(result.own).toBeUndefined();
  });

  it('recognises the task this run already started by its client-token tag', () => {
    const result = classifyActiveTasks(
      [
        {
          taskArn: 'mine',
          lastStatus: 'RUNNING',
          taskDefinitionArn: td('cbi-api'),
          tags: [{ key: CLIENT_TOKEN_TAG, value: 'token-1' }],
        },
      ],
      'cbi-api',
      'token-1',
    );
    expect(result.own?.taskArn).toBe('mine');
    expect(result.others).toEqual([]);
  });

  it('reads the family from an ARN or family:revision', () => {
    expect(familyOfArn(td('cbi-api', 7))).toBe('cbi-api');
    expect(familyOfArn('cbi-api:7')).toBe('cbi-api');
  });
});

describe('activeMigrationTasks', () => {
  it('lists by startedBy alone (ECS allows no other filter with it), pages, and describes with tags', async () => {
    const ecs = mockClient(ECSClient);
    // The SDK's paginator reuses one input object, so each request is copied as it is sent.
    const sent: object[] = [];
    ecs.on(ListTasksCommand).callsFake((input: { nextToken?: string }) => {
      sent.push(JSON.parse(JSON.stringify(input)));
      return input.nextToken === 'n' ? { taskArns: ['t2'] } : { taskArns: ['t1'], nextToken: 'n' };
    });
    ecs.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn: 't1' }, { taskArn: 't2' }] });
    const tasks = await activeMigrationTasks(
      new ECSClient({ region: 'eu-west-1' }),
      'cbi-prod',
      'migrate/cbi-api',
    );
    expect(tasks.map((t) => t.taskArn)).toEqual(['t1', 't2']);
    expect(sent).toEqual([
      { cluster: 'cbi-prod', startedBy: 'migrate/cbi-api' },
      { cluster: 'cbi-prod', startedBy: 'migrate/cbi-api', nextToken: 'n' },
    ]);
    expect(ecs.commandCalls(DescribeTasksCommand)[0]!.args[0].input).toEqual({
      cluster: 'cbi-prod',
      tasks: ['t1', 't2'],
      include: ['TAGS'],
    });
    ecs.restore();
  });
});
