import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  alreadySettled,
  deployRolling,
  priorRevisions,
} from '../../../src/ecs-deploy/rolling/deploy.js';
import type { ServicePlan } from '../../../src/ecs-deploy/render.js';
import type { Inputs } from '../../../src/ecs-deploy/types.js';
import { NEW, OLD, OURS, THEIRS, deployment, previousDeployment, service } from './fixtures.js';

const ecsMock = mockClient(ECSClient);
const inputs: Inputs = {
  cluster: 'cbi-production',
  services: ['cbi-api'],
  images: new Map(),
  strategy: 'auto',
  wait: true,
  timeoutMs: 60_000,
  pollIntervalMs: 5_000,
  'rollback-on-failure': true,
  'on-pause': 'stop',
  'force-new-deployment': false,
  'dry-run': false,
  'allow-family-change': false,
};

const before = service([previousDeployment({ status: 'PRIMARY' })]);
const plan = (svc: Service = before): ServicePlan => ({
  name: 'cbi-api',
  service: svc,
  strategy: 'rolling',
  previousTaskDefinitionArn: OLD,
  live: { arn: OLD, family: 'cbi-api', revision: 41, definition: {}, tags: [] },
  target: {
    arn: NEW,
    family: 'cbi-api',
    revision: 42,
    definition: { family: 'cbi-api', containerDefinitions: [{ name: 'api', image: 'cbi:42' }] },
    tags: [],
  },
});

let now = 0;
const lines: string[] = [];
const ctx = (over: Partial<Inputs> = {}) => ({
  ecs: new ECSClient({}),
  inputs: { ...inputs, ...over },
  log: (line: string) => lines.push(line),
  clock: () => now,
  sleep: async (ms: number) => {
    now += ms;
  },
});

const snapshot = (...deployments: ReturnType<typeof deployment>[]) => ({
  services: [service(deployments)],
});

beforeEach(() => {
  ecsMock.reset();
  now = 0;
  lines.length = 0;
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
  ecsMock.on(DescribeTasksCommand).resolves({ tasks: [] });
});

describe('deployRolling', () => {
  it('updates the service once, follows its deployment id, and succeeds on COMPLETED', async () => {
    ecsMock
      .on(UpdateServiceCommand)
      .resolves({ service: service([deployment(), previousDeployment()]) });
    const progressing = snapshot(deployment(), previousDeployment());
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(progressing)
      .resolvesOnce(progressing)
      .resolvesOnce(
        snapshot(deployment({ runningCount: 2, pendingCount: 0 }), previousDeployment()),
      )
      .resolves(
        snapshot(deployment({ runningCount: 2, pendingCount: 0, rolloutState: 'COMPLETED' })),
      );
    const [result] = await deployRolling([plan()], ctx());
    expect(ecsMock.commandCalls(UpdateServiceCommand).map((c) => c.args[0].input)).toEqual([
      {
        cluster: 'cbi-production',
        service: 'cbi-api',
        taskDefinition: NEW,
        forceNewDeployment: false,
      },
    ]);
    expect(ecsMock.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input)).toEqual(
      Array(4).fill({ cluster: 'cbi-production', services: ['cbi-api'] }),
    );
    expect(result).toMatchObject({
      service: 'cbi-api',
      status: 'succeeded',
      deploymentId: OURS,
      taskDefinitionArn: NEW,
      previousTaskDefinitionArn: OLD,
      seconds: 15,
      causes: [],
      images: ['api=cbi:42'],
    });
    // Four polls, three distinct progress states: three lines.
    expect(lines.filter((l) => l.includes(' running, '))).toEqual([
      'cbi-api: 0/2 running, 2 pending, rollout IN_PROGRESS',
      'cbi-api: 2/2 running, 0 pending, rollout IN_PROGRESS',
      'cbi-api: 2/2 running, 0 pending, rollout COMPLETED',
    ]);
    expect(ecsMock.commandCalls(ListTasksCommand)).toHaveLength(0);
  });

  it('passes desired-count and force-new-deployment only when asked', async () => {
    ecsMock.on(UpdateServiceCommand).resolves({ service: service([deployment()]) });
    ecsMock
      .on(DescribeServicesCommand)
      .resolves(snapshot(deployment({ rolloutState: 'COMPLETED' })));
    await deployRolling([plan()], ctx({ 'desired-count': 3, 'force-new-deployment': true }));
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]!.args[0].input).toEqual({
      cluster: 'cbi-production',
      service: 'cbi-api',
      taskDefinition: NEW,
      forceNewDeployment: true,
      desiredCount: 3,
    });
  });

  it('fails on the first poll that shows FAILED, reads the causes, and leaves the rollback to ECS', async () => {
    ecsMock
      .on(UpdateServiceCommand)
      .resolves({ service: service([deployment(), previousDeployment()]) });
    ecsMock
      .on(DescribeServicesCommand)
      .resolvesOnce(snapshot(deployment(), previousDeployment()))
      .resolves(
        snapshot(
          deployment({ id: THEIRS, taskDefinition: OLD }),
          deployment({
            status: 'ACTIVE',
            rolloutState: 'FAILED',
            failedTasks: 3,
            rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
          }),
        ),
      );
    ecsMock
      .on(ListTasksCommand)
      .resolves({ taskArns: ['arn:aws:ecs:eu-west-1:123456789012:task/cbi-production/0a1b'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/cbi-production/0a1b',
          startedBy: OURS,
          lastStatus: 'STOPPED',
          stoppedAt: new Date(),
          stoppedReason: 'Essential container in task exited',
          containers: [{ name: 'api', exitCode: 1 }],
        },
      ],
    });
    const [result] = await deployRolling([plan()], ctx());
    expect(ecsMock.commandCalls(DescribeServicesCommand)).toHaveLength(2);
    expect(ecsMock.commandCalls(ListTasksCommand)[0]!.args[0].input).toEqual({
      cluster: 'cbi-production',
      serviceName: 'cbi-api',
      desiredStatus: 'STOPPED',
      maxResults: 100,
    });
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(1);
    expect(result!.status).toBe('failed');
    expect(result!.restore).toBeUndefined();
    expect(result!.causes.map((c) => c.message).join('\n')).toMatch(
      /3 tasks of the new revision failed[\s\S]*Task 0a1b stopped.*api: exit code 1/,
    );
  });

  it('times out, restores the previous revision, waits for it, and still reports timed-out', async () => {
    ecsMock
      .on(UpdateServiceCommand)
      .resolvesOnce({ service: service([deployment(), previousDeployment()]) })
      .resolves({
        service: service([
          deployment({ id: THEIRS, taskDefinition: OLD }),
          deployment({ status: 'ACTIVE' }),
        ]),
      });
    const stuck = snapshot(deployment(), previousDeployment());
    const restored = snapshot(
      deployment({ id: THEIRS, taskDefinition: OLD, rolloutState: 'COMPLETED' }),
    );
    const restoring = snapshot(
      deployment({ id: THEIRS, taskDefinition: OLD }),
      deployment({ status: 'ACTIVE' }),
    );
    ecsMock.on(DescribeServicesCommand).callsFake(() => {
      if (ecsMock.commandCalls(UpdateServiceCommand).length < 2) return stuck;
      return now < 20_000 ? restoring : restored;
    });
    const [result] = await deployRolling([plan()], ctx({ timeoutMs: 10_000 }));
    expect(result!.status).toBe('timed-out');
    expect(ecsMock.commandCalls(UpdateServiceCommand)[1]!.args[0].input).toEqual({
      cluster: 'cbi-production',
      service: 'cbi-api',
      taskDefinition: OLD,
    });
    expect(result!.restore).toMatchObject({
      taskDefinitionArn: OLD,
      deploymentId: THEIRS,
      outcome: 'restored',
    });
    expect(result!.message).toMatch(
      /did not finish within 10s.*rollback-on-failure restored cbi-api:41/,
    );
    expect(result!.phases.map((p) => p.name)).toEqual([
      'rolling out cbi-api:42',
      'restoring cbi-api:41',
    ]);
  });

  it('does not restore when rollback-on-failure is off', async () => {
    ecsMock
      .on(UpdateServiceCommand)
      .resolves({ service: service([deployment(), previousDeployment()]) });
    ecsMock.on(DescribeServicesCommand).resolves(snapshot(deployment(), previousDeployment()));
    const [result] = await deployRolling(
      [plan()],
      ctx({ timeoutMs: 10_000, 'rollback-on-failure': false }),
    );
    expect(result!.status).toBe('timed-out');
    expect(ecsMock.commandCalls(UpdateServiceCommand)).toHaveLength(1);
  });

  it('follows the services it could update when UpdateService fails for another', async () => {
    const worker = { ...plan(), name: 'cbi-worker' };
    ecsMock
      .on(UpdateServiceCommand, { service: 'cbi-api' })
      .resolves({ service: service([deployment(), previousDeployment()]) })
      .on(UpdateServiceCommand, { service: 'cbi-worker' })
      .rejects(
        Object.assign(new Error('User is not authorized to perform: ecs:UpdateService'), {
          name: 'AccessDeniedException',
        }),
      );
    ecsMock
      .on(DescribeServicesCommand)
      .resolves(snapshot(deployment({ rolloutState: 'COMPLETED' })));
    const [api, failed] = await deployRolling([plan(), worker], ctx());
    expect(api).toMatchObject({ service: 'cbi-api', status: 'succeeded' });
    expect(failed).toMatchObject({ service: 'cbi-worker', status: 'failed', deploymentId: '' });
    expect(failed!.message).toBe(
      "cbi-worker: UpdateService to cbi-api:42 failed: AWS denied ecs:UpdateService during a call. Add ecs:UpdateService to the deploying role's policy (docs/iam/ lists what each action needs). Nothing after this call was done. Production was not changed for cbi-worker: it still runs cbi-api:41.",
    );
    expect(failed!.causes).toHaveLength(1);
  });

  it('makes no call at all when the service already runs the revision, settled: unchanged', async () => {
    const settled = service([
      deployment({ rolloutState: 'COMPLETED', runningCount: 2, pendingCount: 0 }),
    ]);
    const [result] = await deployRolling([plan(settled)], ctx());
    expect(ecsMock.calls()).toHaveLength(0);
    expect(result).toMatchObject({ status: 'unchanged', deploymentId: OURS });
    expect(result!.message).toContain('nothing was deployed');
  });
});

describe('alreadySettled and priorRevisions', () => {
  const settled = service([deployment({ rolloutState: 'COMPLETED' })]);
  it('is false when forced, scaled, in progress, or another deployment is listed', () => {
    expect(alreadySettled(plan(settled), { forceNewDeployment: false })).toBe(true);
    expect(alreadySettled(plan(settled), { forceNewDeployment: true })).toBe(false);
    expect(alreadySettled(plan(settled), { forceNewDeployment: false, desiredCount: 5 })).toBe(
      false,
    );
    expect(alreadySettled(plan(service([deployment()])), { forceNewDeployment: false })).toBe(
      false,
    );
    expect(
      alreadySettled(
        plan(service([deployment({ rolloutState: 'COMPLETED' }), previousDeployment()])),
        { forceNewDeployment: false },
      ),
    ).toBe(false);
    expect(alreadySettled(plan(before), { forceNewDeployment: false })).toBe(false);
  });
  it('collects every revision the service ran before the deploy, current first', () => {
    expect(
      priorRevisions(
        plan(
          service([
            previousDeployment({ status: 'PRIMARY' }),
            deployment({ status: 'ACTIVE', taskDefinition: 'x:1' }),
          ]),
        ),
      ),
    ).toEqual([OLD, 'x:1']);
  });
});
