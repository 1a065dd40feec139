import { afterEach, describe, expect, it } from '@jest/globals';
import { DescribeTasksCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { JobSummary } from '../../../src/lib/summary.js';
import { followTask } from '../../../src/run-migration/follow-task.js';
import { commandText, renderSummary, taskPhases } from '../../../src/run-migration/report.js';
import { stoppedTaskVerdict } from '../../../src/run-migration/verdict.js';
import { container, stoppedTask, TASK_ARN, TD_ARN } from './fixtures.js';

const ecs = mockClient(ECSClient);
afterEach(() => {
  ecs.reset();
});

describe('followTask', () => {
  it('keeps polling through MISSING right after RunTask and reports each status once', async () => {
    ecs
      .on(DescribeTasksCommand)
      .resolvesOnce({ tasks: [], failures: [{ arn: TASK_ARN, reason: 'MISSING' }] })
      .resolvesOnce({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'PENDING' }] })
      .resolvesOnce({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'PENDING' }] })
      .resolves({ tasks: [stoppedTask([container('api', 0)])] });
    const seen: string[] = [];
    const result = await followTask(new ECSClient({ region: 'eu-west-1' }), {
      cluster: 'cbi-prod',
      taskArn: TASK_ARN,
      intervalMs: 1,
      deadline: Date.now() + 60_000,
      sleep: async () => {},
      onStatus: (t) => seen.push(String(t.lastStatus)),
    });
    expect(result.outcome).toBe('stopped');
    expect(result.polls).toBe(4);
    expect(seen).toEqual(['PENDING', 'STOPPED']);
  });

  it('times out with the last task seen', async () => {
    ecs
      .on(DescribeTasksCommand)
      .resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'RUNNING' }] });
    let now = 0;
    const result = await followTask(new ECSClient({ region: 'eu-west-1' }), {
      cluster: 'cbi-prod',
      taskArn: TASK_ARN,
      intervalMs: 1000,
      deadline: 3000,
      clock: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    expect(result.outcome).toBe('timed-out');
    expect(result.task?.lastStatus).toBe('RUNNING');
  });
});

describe('report', () => {
  it('quotes only the words that need it', () => {
    expect(commandText(['bundle', 'exec', 'rails', 'db:migrate'])).toBe(
      'bundle exec rails db:migrate',
    );
    expect(commandText(['sh', '-c', "echo 'hi' && run"])).toBe(`sh -c 'echo '\\''hi'\\'' && run'`);
  });

  it('draws provisioning, running and stopping phases from the task times', () => {
    expect(taskPhases(stoppedTask([container('api', 0)])).map((p) => p.name)).toEqual([
      'provisioning and pull',
      'migration running',
      'stopping',
    ]);
    expect(taskPhases(undefined)).toEqual([]);
  });

  it('renders task, revision, command, exit codes, log link and last lines', () => {
    const task = stoppedTask([
      container('api', 1, { reason: 'CommandError' }),
      container('otel-collector', 0),
    ]);
    const summary = new JobSummary();
    renderSummary(summary, {
      migrationName: 'cbi-api',
      cluster: 'cbi-prod',
      region: 'eu-west-1',
      taskDefinitionArn: TD_ARN,
      container: 'api',
      command: ['alembic', 'upgrade', 'head'],
      environmentNames: ['ALEMBIC_CONFIG'],
      taskArn: TASK_ARN,
      task,
      roles: [
        { name: 'api', essential: true },
        { name: 'otel-collector', essential: false },
      ],
      verdict: stoppedTaskVerdict(task, 'api', [{ name: 'api', essential: true }]),
      duration: '50s',
      logTarget: { group: '/ecs/cbi-api', stream: 'ecs/api/0f3c' },
      lastLines: ['FAILED: Multiple head revisions are present'],
      actions: [],
    });
    const md = summary.toMarkdown();
    expect(md).toContain('## ❌ Migration cbi-api: failed');
    expect(md).toContain('`alembic upgrade head`');
    expect(md).toContain('| Exit code | 1 |');
    expect(md).toContain('| otel-collector | no | STOPPED | 0 |  |');
    expect(md).toContain(
      '#logsV2:log-groups/log-group/$252Fecs$252Fcbi-api/log-events/ecs$252Fapi$252F0f3c',
    );
    expect(md).toContain('FAILED: Multiple head revisions are present');
    expect(md).toContain('```mermaid');
  });
});
