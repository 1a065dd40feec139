import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ConflictException,
  DescribeTasksCommand,
  ECSClient,
  InvalidParameterException,
  ListTasksCommand,
  RunTaskCommand,
  StopTaskCommand,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { FARGATE_NETWORK, ecsClient } from './clients.js';

let sandbox: Sandbox;
let ecs: ECSClient;

beforeEach(async () => {
  sandbox = await startSandbox('one-off-tasks');
  ecs = ecsClient(sandbox);
  sandbox.clock.freeze();
});
afterEach(async () => {
  ecs.destroy();
  await sandbox.close();
});

const run = (command: string[], extra: Partial<RunTaskCommandInput> = {}) =>
  ecs.send(
    new RunTaskCommand({
      cluster: 'cbi-production',
      taskDefinition: 'cbi-migrate',
      ...FARGATE_NETWORK,
      overrides: { containerOverrides: [{ name: 'migrate', command }] },
      ...extra,
    }),
  );

async function describe1(arn: string): Promise<Task> {
  const out = await ecs.send(new DescribeTasksCommand({ cluster: 'cbi-production', tasks: [arn] }));
  return out.tasks![0]!;
}

describe('one-off tasks through the SDK', () => {
  it('walks PROVISIONING -> PENDING -> RUNNING -> DEPROVISIONING -> STOPPED with exit codes', async () => {
    const started = await run(['alembic', 'upgrade', 'head'], { startedBy: 'run-migration' });
    const task = started.tasks![0]!;
    expect(task.taskArn).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/cbi-production\/[0-9a-f]{32}$/,
    );
    expect(task.lastStatus).toBe('PROVISIONING');
    expect(task.desiredStatus).toBe('RUNNING');
    expect(task.createdAt).toBeInstanceOf(Date);
    expect(task.overrides?.containerOverrides?.[0]?.command).toEqual([
      'alembic',
      'upgrade',
      'head',
    ]);
    const seen: string[] = [];
    for (const step of [2, 3, 2]) {
      sandbox.clock.advance(step);
      seen.push((await describe1(task.taskArn!)).lastStatus!);
    }
    expect(seen).toEqual(['PENDING', 'RUNNING', 'RUNNING']);
    sandbox.clock.advance(2);
    const stopping = await describe1(task.taskArn!);
    expect([stopping.lastStatus, stopping.desiredStatus]).toEqual(['DEPROVISIONING', 'STOPPED']);
    sandbox.clock.advance(1);
    const stopped = await describe1(task.taskArn!);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.stopCode).toBe('EssentialContainerExited');
    expect(stopped.stoppedReason).toBe('Essential container in task exited');
    expect(stopped.containers?.map((c) => [c.name, c.lastStatus, c.exitCode])).toEqual([
      ['migrate', 'STOPPED', 0],
      ['log-router', 'STOPPED', 0],
    ]);
    expect(stopped.startedAt!.getTime()).toBeLessThan(stopped.stoppedAt!.getTime());
    expect(stopped.startedBy).toBe('run-migration');
    expect(stopped.launchType).toBe('FARGATE');
    const eni = stopped.attachments?.[0];
    expect(eni?.type).toBe('ElasticNetworkInterface');
    expect(eni?.status).toBe('DELETED');
    expect(eni?.details?.find((d) => d.name === 'subnetId')?.value).toBe('subnet-0a1b2c3d');
    expect(task.attachments?.[0]?.status).toBe('PRECREATED');
  });

  it('reports a failing container, a task that failed to start, and OOM as ECS does', async () => {
    const [fail, pull, secrets, oom] = await Promise.all(
      [['fail'], ['pull'], ['secrets'], ['oom']].map(
        async (c) => (await run(c)).tasks![0]!.taskArn!,
      ),
    );
    sandbox.clock.advance(60);
    const failed = await describe1(fail!);
    expect(failed.containers?.find((c) => c.name === 'migrate')?.exitCode).toBe(1);
    const pulled = await describe1(pull!);
    expect(pulled.stopCode).toBe('TaskFailedToStart');
    expect(pulled.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(pulled.startedAt).toBeUndefined();
    expect(pulled.containers?.[0]?.exitCode).toBeUndefined();
    expect(pulled.containers?.[0]?.reason).toMatch(/^CannotPullContainerError/);
    expect((await describe1(secrets!)).stoppedReason).toMatch(
      /^ResourceInitializationError: unable to pull secrets/,
    );
    const killed = (await describe1(oom!)).containers?.find((c) => c.name === 'migrate');
    expect([killed?.exitCode, killed?.reason]).toEqual([
      137,
      'OutOfMemoryError: Container killed due to memory usage',
    ]);
  });

  it('answers scripted capacity failures in failures[] and starts nothing', async () => {
    const out = await run(['capacity']);
    expect(out.tasks).toEqual([]);
    expect(out.failures?.[0]?.reason).toBe('RESOURCE:MEMORY');
    expect(out.failures?.[0]?.arn).toMatch(/:container-instance\/cbi-production\//);
    expect(sandbox.state.ecs.tasks.size).toBe(0);
  });

  it('honours clientToken: same token, same task; other parameters: ConflictException', async () => {
    const first = await run(['alembic', 'upgrade', 'head'], {
      clientToken: 'migrate-7311892045-1',
    });
    const again = await run(['alembic', 'upgrade', 'head'], {
      clientToken: 'migrate-7311892045-1',
    });
    expect(again.tasks?.map((t) => t.taskArn)).toEqual(first.tasks?.map((t) => t.taskArn));
    expect(sandbox.state.ecs.tasks.size).toBe(1);
    await expect(
      run(['alembic', 'downgrade', '-1'], { clientToken: 'migrate-7311892045-1' }),
    ).rejects.toThrow(ConflictException);
    // Scoped per cluster, and forgotten after its time to live.
    await run(['alembic', 'upgrade', 'head'], {
      clientToken: 'migrate-7311892045-1',
      cluster: 'default',
    });
    sandbox.clock.advance(86_401);
    const later = await run(['alembic', 'upgrade', 'head'], {
      clientToken: 'migrate-7311892045-1',
    });
    expect(later.tasks?.[0]?.taskArn).not.toBe(first.tasks?.[0]?.taskArn);
    expect(sandbox.state.ecs.tasks.size).toBe(3);
  });

  it('lists tasks by family, startedBy and desired status; stops a task as the user asked', async () => {
    const long = (await run(['long'], { startedBy: 'run-migration' })).tasks![0]!;
    await run(['alembic', 'upgrade', 'head']);
    sandbox.clock.advance(6);
    const running = await ecs.send(
      new ListTasksCommand({
        cluster: 'cbi-production',
        family: 'cbi-migrate',
        startedBy: 'run-migration',
      }),
    );
    expect(running.taskArns).toEqual([long.taskArn]);
    const stop = await ecs.send(
      new StopTaskCommand({
        cluster: 'cbi-production',
        task: long.taskArn,
        reason: 'Step cancelled',
      }),
    );
    expect(stop.task?.desiredStatus).toBe('STOPPED');
    sandbox.clock.advance(5);
    const stopped = await describe1(long.taskArn!);
    expect([stopped.lastStatus, stopped.stopCode, stopped.stoppedReason]).toEqual([
      'STOPPED',
      'UserInitiated',
      'Step cancelled',
    ]);
    expect(stopped.containers?.find((c) => c.name === 'migrate')?.exitCode).toBe(143);
    const listed = await ecs.send(
      new ListTasksCommand({ cluster: 'cbi-production', desiredStatus: 'STOPPED' }),
    );
    expect(listed.taskArns).toHaveLength(2);
    await expect(
      ecs.send(new StopTaskCommand({ cluster: 'cbi-production', task: 'f'.repeat(32) })),
    ).rejects.toThrow(InvalidParameterException);
  });

  it('reports unknown tasks in failures with reason MISSING', async () => {
    const out = await ecs.send(
      new DescribeTasksCommand({
        cluster: 'cbi-production',
        tasks: ['0123456789abcdef0123456789abcdef'],
      }),
    );
    expect(out.tasks).toEqual([]);
    expect(out.failures).toEqual([
      {
        arn: 'arn:aws:ecs:us-east-1:123456789012:task/cbi-production/0123456789abcdef0123456789abcdef',
        reason: 'MISSING',
      },
    ]);
  });

  it('rejects an awsvpc task without a network configuration', async () => {
    await expect(
      ecs.send(new RunTaskCommand({ cluster: 'cbi-production', taskDefinition: 'cbi-migrate' })),
    ).rejects.toThrow(
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
    expect(sandbox.calls.of('RunTask')[0]?.status).toBe(400);
  });
});
