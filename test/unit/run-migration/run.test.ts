/** The orchestration with exact AWS calls (aws-sdk-client-mock): order, request shapes, no RunTask on bad input. */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { CancelledError } from '../../../src/lib/cancellation.js';
import { currentActionDeadline, setActionDeadline } from '../../../src/lib/deadline.js';
import { JobSummary } from '../../../src/lib/summary.js';
import type { ActionContext } from '../../../src/lib/run.js';
import { main } from '../../../src/run-migration/run.js';
import { apiDefinition, container, stoppedTask, TASK_ARN, TD_ARN } from './fixtures.js';

const ecs = mockClient(ECSClient);
const logs = mockClient(CloudWatchLogsClient);
const savedEnv = { ...process.env };
let printed: string[];

function setInputs(inputs: Record<string, string>): void {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
}

function context(controller = new AbortController()): ActionContext {
  return {
    signal: controller.signal,
    cancellation: {
      signal: controller.signal,
      reason: () => (controller.signal.aborted ? 'SIGINT' : undefined),
      dispose: () => {},
    },
    summary: new JobSummary(),
  };
}

beforeEach(() => {
  printed = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  process.env.AWS_REGION = 'eu-west-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  Object.assign(process.env, {
    GITHUB_REPOSITORY: 'cbi-sudan/cbi',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'migrate',
  });
  delete process.env.GITHUB_OUTPUT;
  setInputs({
    cluster: 'cbi-prod',
    'task-definition': 'cbi-api',
    subnets: 'subnet-a',
    command: 'alembic upgrade head',
    'poll-interval-seconds': '0.01',
    'timeout-minutes': '30',
    logs: 'true',
    'stop-on-timeout': 'true',
    exclusive: 'true',
  });
  ecs.on(DescribeTaskDefinitionCommand).resolves({
    taskDefinition: { ...apiDefinition(), taskDefinitionArn: TD_ARN, revision: 42 } as never,
    tags: [],
  });
  ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  ecs
    .on(RunTaskCommand)
    .resolves({ tasks: [{ taskArn: TASK_ARN, lastStatus: 'PROVISIONING' }], failures: [] });
  ecs
    .on(DescribeTasksCommand)
    .resolves({ tasks: [stoppedTask([container('api', 0), container('otel-collector', 0)])] });
  logs.on(GetLogEventsCommand).resolves({ events: [], nextForwardToken: 'f/0' });
});

afterEach(() => {
  // main() starts the step's deadline; runAction() disposes it in a real run.
  currentActionDeadline()?.dispose();
  setActionDeadline(undefined);
  jest.restoreAllMocks();
  ecs.reset();
  logs.reset();
  process.env = { ...savedEnv };
});

describe('main', () => {
  it('describes, checks the lock, runs once with token, startedBy and tag, then follows', async () => {
    await main(context());
    const ops = ecs
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(ops).toEqual([
      'DescribeTaskDefinitionCommand',
      'ListTasksCommand',
      'RunTaskCommand',
      'DescribeTasksCommand',
    ]);
    const run = ecs.commandCalls(RunTaskCommand)[0]!.args[0].input;
    expect(run).toEqual({
      cluster: 'cbi-prod',
      taskDefinition: TD_ARN,
      count: 1,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
      overrides: { containerOverrides: [{ name: 'api', command: ['alembic', 'upgrade', 'head'] }] },
      startedBy: 'migrate/cbi-api',
      clientToken: expect.stringMatching(/^[a-f0-9]{64}$/),
      tags: [{ key: 'ecs-delivery-pack:client-token', value: run.clientToken }],
    });
    expect(printed.join('')).toContain('succeeded');
  });

  it('gives the same client token to a retried step and a new one to a re-run attempt', async () => {
    await main(context());
    await main(context());
    process.env.GITHUB_RUN_ATTEMPT = '2';
    await main(context());
    const tokens = ecs.commandCalls(RunTaskCommand).map((c) => c.args[0].input.clientToken);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[0]);
  });

  it('registers a revision for new images before RunTask, and runs that revision', async () => {
    setInputs({ images: 'api=123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi/api:1.5.0' });
    ecs.on(RegisterTaskDefinitionCommand).resolves({
      taskDefinition: {
        ...apiDefinition(),
        taskDefinitionArn: `${TD_ARN.slice(0, -2)}43`,
        revision: 43,
      } as never,
    });
    await main(context());
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(1);
    expect(ecs.commandCalls(RunTaskCommand)[0]!.args[0].input.taskDefinition).toBe(
      `${TD_ARN.slice(0, -2)}43`,
    );
  });

  it('makes no mutating call when the container input is wrong', async () => {
    setInputs({ container: 'worker' });
    await expect(main(context())).rejects.toThrow(
      "Input 'container' names 'worker', which is not in task definition 'cbi-api'",
    );
    expect(ecs.commandCalls(RunTaskCommand)).toHaveLength(0);
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);
  });

  it('does not start a task when the run was cancelled before RunTask', async () => {
    const controller = new AbortController();
    controller.abort(new CancelledError('SIGINT'));
    // The requests before RunTask are bound to the cancellation: none waits, none mutates.
    await expect(main(context(controller))).rejects.toThrow('The run was cancelled (SIGINT).');
    expect(ecs.commandCalls(RunTaskCommand)).toHaveLength(0);
    expect(ecs.commandCalls(RegisterTaskDefinitionCommand)).toHaveLength(0);
  });

  it('stops the task it started when the run is cancelled while it runs', async () => {
    const controller = new AbortController();
    const running = {
      tasks: [
        {
          taskArn: TASK_ARN,
          lastStatus: 'RUNNING',
          containers: [container('api', undefined, { lastStatus: 'RUNNING' })],
        },
      ],
    };
    // The first poll sees it RUNNING; the run is cancelled while the next one is in flight.
    ecs
      .on(DescribeTasksCommand)
      .resolvesOnce(running)
      .callsFake(async () => {
        controller.abort();
        return running;
      });
    ecs.on(StopTaskCommand).resolves({ task: { taskArn: TASK_ARN, desiredStatus: 'STOPPED' } });
    await expect(main(context(controller))).rejects.toThrow(
      `Migration task ${TASK_ARN} was still RUNNING when the run was cancelled (SIGINT); it was stopped (StopTask).`,
    );
    expect(ecs.commandCalls(StopTaskCommand)[0]!.args[0].input).toEqual({
      cluster: 'cbi-prod',
      task: TASK_ARN,
      reason: 'run-migration: workflow run cancelled',
    });
  });
});
