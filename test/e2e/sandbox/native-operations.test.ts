/**
 * Operations on service deployments in the sandbox, through the real @aws-sdk/client-ecs:
 * StopServiceDeployment (ROLLBACK, ABORT, refusals), ContinueServiceDeployment on a PAUSE hook,
 * someone else's stop, a stuck deployment, UpdateService during a native deployment,
 * ListServiceDeployments filters and pages, and AccessDeniedException for a role without the
 * service deployments permissions.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { NATIVE_CLUSTER } from '../../../sandbox/scenarios/native-deploy.js';
import { line, nativeSandbox, type Native } from './native-helpers.js';

let n: Native | undefined;
afterEach(async () => {
  await n?.sb.close();
  n = undefined;
});

const stop = (arn: string, stopType?: 'ROLLBACK' | 'ABORT') =>
  n!.ecs.send(
    new StopServiceDeploymentCommand({
      serviceDeploymentArn: arn,
      ...(stopType ? { stopType } : {}),
    }),
  );
const resume = (arn: string, hookId: string, action?: 'CONTINUE' | 'ROLLBACK') =>
  n!.ecs.send(
    new ContinueServiceDeploymentCommand({
      serviceDeploymentArn: arn,
      hookId,
      ...(action ? { action } : {}),
    }),
  );

describe('StopServiceDeployment', () => {
  it('a stuck deployment (tasks never start) stays in SCALE_UP until stopped with ROLLBACK', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-bluegreen', 'hang');
    n.at(86_400);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS SCALE_UP p0 t0');
    expect(await stop(arn, 'ROLLBACK')).toMatchObject({ serviceDeploymentArn: arn });
    expect((await n.describe(arn)).status).toBe('ROLLBACK_REQUESTED');
    n.at(1);
    const rolling = await n.describe(arn);
    expect(rolling.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(rolling.rollback!.reason).toBe(
      'Service deployment rolled back by a StopServiceDeployment request.',
    );
    n.at(10);
    expect((await n.describe(arn)).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(n.sb.calls.count('UpdateService')).toBe(1);
    expect(n.sb.calls.mutating().map((c) => c.operation)).toEqual([
      'RegisterTaskDefinition',
      'UpdateService',
      'StopServiceDeployment',
    ]);
  });

  it('ROLLBACK mid-shift shifts production traffic back to the source revision', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-linear', '1.5.0');
    n.at(11 + 362 * 3);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p40 t100');
    await stop(arn);
    n.at(1);
    const back = await n.describe(arn);
    expect(line(back)).toBe('ROLLBACK_IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p0 t0');
    expect(back.sourceServiceRevisions![0]).toMatchObject({
      requestedProductionTrafficWeight: 100,
    });
  });

  it('ABORT stops where it stands; someone else stopping it reads the same', async () => {
    n = await nativeSandbox();
    const theirs = await n.deploy('langgraph-api-canary', 'stopped');
    n.at(30);
    expect((await n.describe(theirs)).status).toBe('STOP_REQUESTED');
    n.at(1);
    const stopped = await n.describe(theirs);
    expect(line(stopped)).toBe('STOPPED PRODUCTION_TRAFFIC_SHIFT p10 t100');
    expect(stopped.statusReason).toBe(
      'Service deployment stopped by a StopServiceDeployment request.',
    );
    expect(stopped.stoppedAt!.getTime() - stopped.createdAt!.getTime()).toBe(31_000);
    expect(stopped.rollback).toBeUndefined();
    expect(n.sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('a second stop continues what the first started', async () => {
    n = await nativeSandbox();
    const aborted = await n.deploy('langgraph-api-canary', '1.5.0');
    n.at(20);
    await stop(aborted, 'ABORT');
    await stop(aborted, 'ROLLBACK');
    n.at(1);
    expect((await n.describe(aborted)).status).toBe('STOPPED');
    const rolled = await n.deploy('langgraph-api-bluegreen', '1.5.0');
    n.at(20);
    await stop(rolled, 'ROLLBACK');
    await stop(rolled, 'ABORT');
    n.at(1);
    expect((await n.describe(rolled)).status).toBe('ROLLBACK_IN_PROGRESS');
  });

  it('refuses finished and unknown deployments', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-bluegreen', '1.5.0');
    n.at(316);
    await expect(stop(arn)).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(stop(`${arn.slice(0, -4)}XXXX`)).rejects.toMatchObject({
      name: 'ServiceDeploymentNotFoundException',
    });
  });

  it('a rolling service deployment rolls back to the last completed revision', async () => {
    n = await nativeSandbox();
    const before = (await n.service('langgraph-worker')).taskDefinition;
    const arn = await n.deploy('langgraph-worker', 'hang');
    n.at(5);
    await stop(arn, 'ROLLBACK');
    n.at(1);
    const rolling = await n.describe(arn);
    expect(rolling.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(rolling.rollback!.serviceRevisionArn).toBe(rolling.sourceServiceRevisions![0]!.arn);
    n.at(40);
    expect((await n.describe(arn)).status).toBe('ROLLBACK_SUCCESSFUL');
    const svc = await n.service('langgraph-worker');
    expect(svc.deployments!.map((d) => `${d.status} ${d.taskDefinition}`)).toEqual([
      `PRIMARY ${before}`,
    ]);
  });
});

const awaiting = (d: { lifecycleHookDetails?: { status?: string }[] }) =>
  (d.lifecycleHookDetails ?? []).filter((h) => h.status === 'AWAITING_ACTION');

describe('PAUSE hooks and ContinueServiceDeployment', () => {
  async function paused() {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-gated', '1.5.0');
    n.at(11);
    const d = await n.describe(arn);
    return { arn, d, hook: d.lifecycleHookDetails![0]! };
  }

  it('waits AWAITING_ACTION before production traffic, with hookId and expiry, until continued', async () => {
    const { arn, d, hook } = await paused();
    expect(line(d)).toBe('IN_PROGRESS POST_TEST_TRAFFIC_SHIFT p0 t100');
    expect(hook).toEqual({
      hookId: expect.stringMatching(/^ecs-pause-[A-Za-z0-9_-]{43}$/),
      targetType: 'PAUSE',
      status: 'AWAITING_ACTION',
      expiresAt: new Date(d.createdAt!.getTime() + 11_000 + 1440 * 60_000),
      timeoutAction: 'ROLLBACK',
    });
    n!.at(3600);
    expect(line(await n!.describe(arn))).toBe('IN_PROGRESS POST_TEST_TRAFFIC_SHIFT p0 t100');
    await expect(resume(arn, 'ecs-pause-not-this-one')).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(await resume(arn, hook.hookId!)).toMatchObject({ serviceDeploymentArn: arn });
    const moving = await n!.describe(arn);
    expect(line(moving)).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p10 t100');
    expect(moving.lifecycleHookDetails![0]!.status).toBe('SUCCEEDED');
    // The same request again (a retry) is answered as done; the opposite action is refused.
    await expect(resume(arn, hook.hookId!, 'CONTINUE')).resolves.toBeDefined();
    await expect(resume(arn, hook.hookId!, 'ROLLBACK')).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    n!.at(607);
    expect((await n!.describe(arn)).status).toBe('SUCCESSFUL');
  });

  it('ROLLBACK on the hook rolls the deployment back', async () => {
    const { arn, hook } = await paused();
    await resume(arn, hook.hookId!, 'ROLLBACK');
    const d = await n!.describe(arn);
    expect(d.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(d.lifecycleHookDetails![0]!.status).toBe('FAILED');
    expect(d.rollback!.reason).toMatch(/^ContinueServiceDeployment rolled the deployment back/);
  });

  it('an alarm during the pause rolls back; the pause hook, which decided nothing, leaves the list', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-gated', 'alarm');
    n.at(119);
    expect(awaiting(await n.describe(arn))).toHaveLength(1);
    n.at(1);
    const d = await n.describe(arn);
    expect(d.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(d.lifecycleHookDetails).toEqual([]);
    expect(d.alarms!.triggeredAlarmNames).toEqual(['alb-5xx-errors']);
  });

  it('an expired pause hook is TIMED_OUT and takes its timeout action', async () => {
    const { arn } = await paused();
    n!.at(1440 * 60);
    const d = await n!.describe(arn);
    expect(d.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(d.lifecycleHookDetails![0]!.status).toBe('TIMED_OUT');
  });
});

describe('UpdateService during a native deployment', () => {
  it('replaces it: the in-flight one is STOPPED, the new one reconciles first', async () => {
    n = await nativeSandbox();
    const first = await n.deploy('langgraph-api-canary', '1.5.0');
    n.at(20);
    const second = await n.deploy('langgraph-api-canary', '1.5.1');
    expect(second).not.toBe(first);
    const old = await n.describe(first);
    expect(old.status).toBe('STOPPED');
    expect(old.statusReason).toBe(
      `Service deployment stopped: a newer service deployment (${second}) started.`,
    );
    const next = await n.describe(second);
    expect(line(next)).toBe('IN_PROGRESS RECONCILE_SERVICE p0 t0');
    expect(next.sourceServiceRevisions).toHaveLength(2);
  });
});

describe('UpdateService deploymentConfiguration', () => {
  const update = (deploymentConfiguration: Record<string, unknown>, forceNewDeployment = false) =>
    n!.ecs.send(
      new UpdateServiceCommand({
        cluster: NATIVE_CLUSTER,
        service: 'langgraph-api-bluegreen',
        forceNewDeployment,
        deploymentConfiguration,
      }),
    );

  it('refuses limits the API reference states, before changing anything', async () => {
    n = await nativeSandbox();
    const before = await n.service('langgraph-api-bluegreen');
    for (const [config, field] of [
      [{ strategy: 'LINEAR', linearConfiguration: { stepPercent: 2.5 } }, 'stepPercent'],
      [{ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10.05 } }, 'canaryPercent'],
      [{ linearConfiguration: { stepBakeTimeInMinutes: 1441 } }, 'stepBakeTimeInMinutes'],
      [{ lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['BAKE_TIME'] }] }, 'BAKE_TIME'],
      [
        {
          lifecycleHooks: [
            {
              hookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
              lifecycleStages: ['POST_SCALE_UP'],
            },
          ],
        },
        'roleArn',
      ],
      [
        {
          lifecycleHooks: [
            {
              targetType: 'PAUSE',
              lifecycleStages: ['POST_SCALE_UP'],
              timeoutConfiguration: { timeoutInMinutes: 0 },
            },
          ],
        },
        'timeoutInMinutes',
      ],
    ] as const)
      await expect(update(config, true)).rejects.toMatchObject({
        name: 'InvalidParameterException',
        message: expect.stringContaining(field),
      });
    const after = await n.service('langgraph-api-bluegreen');
    expect(after.deploymentConfiguration).toEqual(before.deploymentConfiguration);
    expect(after.currentServiceDeployment).toBe(before.currentServiceDeployment);
  });

  it('a new strategy applies to the deployment it starts', async () => {
    n = await nativeSandbox();
    const out = await update(
      { strategy: 'LINEAR', linearConfiguration: { stepPercent: 20 } },
      true,
    );
    expect(out.service!.deploymentConfiguration).toMatchObject({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 20, stepBakeTimeInMinutes: 6 },
      bakeTimeInMinutes: 5,
    });
    const arn = out.service!.currentServiceDeployment!;
    n.at(11);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p20 t100');
    n.at(362);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p40 t100');
  });
});

describe('ListServiceDeployments and DescribeServiceDeployments', () => {
  it('filters by status and createdAt and pages with nextToken', async () => {
    n = await nativeSandbox();
    const list = (input: Record<string, unknown>) =>
      n!.ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: NATIVE_CLUSTER,
          service: 'langgraph-api-bluegreen',
          ...input,
        }),
      );
    const seeded = (await list({})).serviceDeployments!;
    const a = await n.deploy('langgraph-api-bluegreen', '1.5.0');
    n.at(400);
    const b = await n.deploy('langgraph-api-bluegreen', '1.5.1');
    const all = (await list({})).serviceDeployments!.map((d) => d.serviceDeploymentArn);
    expect(all.slice(0, 2)).toEqual([b, a]);
    expect(all).toHaveLength(seeded.length + 2);
    expect((await list({ status: ['IN_PROGRESS'] })).serviceDeployments).toEqual([
      expect.objectContaining({ serviceDeploymentArn: b, status: 'IN_PROGRESS' }),
    ]);
    const bStart = (await n.describe(b)).createdAt!;
    expect(
      (await list({ createdAt: { after: new Date(bStart.getTime() - 1) } })).serviceDeployments!,
    ).toHaveLength(1);
    const page1 = await list({ maxResults: 1 });
    expect(page1.serviceDeployments!.map((d) => d.serviceDeploymentArn)).toEqual([b]);
    const page2 = await list({ maxResults: 1, nextToken: page1.nextToken });
    expect(page2.serviceDeployments!.map((d) => d.serviceDeploymentArn)).toEqual([a]);
    await expect(list({ maxResults: 101 })).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    const described = await n.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [a, `${a}-gone`] }),
    );
    expect(described.serviceDeployments!.map((d) => d.serviceDeploymentArn)).toEqual([a]);
    expect(described.failures).toEqual([{ arn: `${a}-gone`, reason: 'MISSING' }]);
  });

  it('AccessDeniedException where the role lacks the permissions; DescribeServices still answers', async () => {
    n = await nativeSandbox({
      deniedOperations: ['ListServiceDeployments', 'DescribeServiceDeployments'],
    });
    const arn = await n.deploy('langgraph-api-canary', '1.5.0');
    expect(arn).toMatch(
      /:service-deployment\/langgraph-production-cluster\/langgraph-api-canary\//,
    );
    await expect(
      n.ecs.send(
        new ListServiceDeploymentsCommand({
          cluster: NATIVE_CLUSTER,
          service: 'langgraph-api-canary',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: ecs:ListServiceDeployments'),
    });
    await expect(n.describe(arn)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const svc = await n.service('langgraph-api-canary');
    expect(svc.deployments).toHaveLength(2);
  });
});
