/**
 * Native deployments on services added to the `native-deploy` scenario: a PAUSE hook at another
 * stage, alarms and a circuit breaker without rollback, a Lambda hook that never answers and
 * times out with CONTINUE. Through the real @aws-sdk/client-ecs on a frozen clock.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ContinueServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import {
  NATIVE_ALARMS,
  NATIVE_SERVICES,
  SMOKE_TEST_HOOK,
  nativeSeconds,
  nativeService,
} from '../../../sandbox/scenarios/native-deploy.js';
import { line, nativeSandbox, type Native } from './native-helpers.js';

let n: Native | undefined;
afterEach(async () => {
  await n?.sb.close();
  n = undefined;
});

const EXTRA = [
  nativeService('langgraph-api-prescale', {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 0,
    lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_SCALE_UP'] }],
  }),
  nativeService('langgraph-api-watch-only', {
    strategy: 'CANARY',
    alarms: { alarmNames: NATIVE_ALARMS, enable: true, rollback: false },
    circuitBreaker: { enable: true, rollback: false },
  }),
  nativeService('langgraph-api-slow-hook', {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 0,
    lifecycleHooks: [
      {
        hookTargetArn: SMOKE_TEST_HOOK,
        lifecycleStages: ['POST_SCALE_UP'],
        timeoutConfiguration: { timeoutInMinutes: 1, action: 'CONTINUE' },
      },
    ],
    rollouts: [
      {
        image: ':slow',
        rollout: { tasks: 'healthy', native: { hookResults: [{ status: 'IN_PROGRESS' }] } },
      },
    ],
  }),
  nativeService('langgraph-api-contested', {
    strategy: 'CANARY',
    interloper: { afterSeconds: 30, taskDefinition: 'langgraph-api-contested:1' },
  }),
];
const services = [...NATIVE_SERVICES, ...EXTRA];

describe('native deployments on added services', () => {
  it('a PAUSE hook at PRE_SCALE_UP holds the green revision at 0 tasks until continued', async () => {
    n = await nativeSandbox({ services });
    const arn = await n.deploy('langgraph-api-prescale', '1.5.0');
    n.at(1);
    const held = await n.describe(arn);
    expect(line(held)).toBe('IN_PROGRESS PRE_SCALE_UP p0 t0');
    expect(held.targetServiceRevision).toMatchObject({ runningTaskCount: 0, pendingTaskCount: 0 });
    const hook = held.lifecycleHookDetails![0]!;
    expect(hook).toMatchObject({
      targetType: 'PAUSE',
      status: 'AWAITING_ACTION',
      timeoutAction: 'ROLLBACK',
    });
    // No timeoutConfiguration: the sandbox's 60 minutes.
    expect(hook.expiresAt!.getTime() - held.createdAt!.getTime()).toBe(1_000 + 3_600_000);
    n.at(600);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS PRE_SCALE_UP p0 t0');
    await n.ecs.send(
      new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: hook.hookId }),
    );
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS SCALE_UP p0 t0');
    n.at(nativeSeconds('langgraph-api-prescale', services) - 1);
    expect((await n.describe(arn)).status).toBe('SUCCESSFUL');
  });

  it('an alarm without rollback stops the deployment where it stands', async () => {
    n = await nativeSandbox({ services });
    const arn = await n.deploy('langgraph-api-watch-only', 'alarm');
    n.at(120);
    const d = await n.describe(arn);
    expect(line(d)).toBe('STOPPED PRODUCTION_TRAFFIC_SHIFT p5 t100');
    expect(d.alarms).toMatchObject({
      status: 'TRIGGERED',
      triggeredAlarmNames: ['alb-5xx-errors'],
    });
    expect(d.stoppedAt).toEqual(d.finishedAt);
    expect(d.rollback).toBeUndefined();
  });

  it('a circuit breaker without rollback stops the deployment in SCALE_UP', async () => {
    n = await nativeSandbox({ services });
    const arn = await n.deploy('langgraph-api-watch-only', 'crash');
    n.at(21);
    const d = await n.describe(arn);
    expect(line(d)).toBe('STOPPED SCALE_UP p0 t0');
    expect(d.deploymentCircuitBreaker).toEqual({
      status: 'TRIGGERED',
      failureCount: 3,
      threshold: 3,
    });
    expect(d.statusReason).toBe('ECS deployment circuit breaker: tasks failed to start.');
  });

  it("someone else's UpdateService replaces ours: STOPPED, naming the newer deployment", async () => {
    n = await nativeSandbox({ services });
    const ours = await n.deploy('langgraph-api-contested', '1.5.0');
    n.at(30);
    const stopped = await n.describe(ours);
    const theirs = (await n.service('langgraph-api-contested')).currentServiceDeployment!;
    expect(theirs).not.toBe(ours);
    expect(stopped.status).toBe('STOPPED');
    expect(stopped.statusReason).toBe(
      `Service deployment stopped: a newer service deployment (${theirs}) started.`,
    );
    expect(line(await n.describe(theirs))).toBe('IN_PROGRESS RECONCILE_SERVICE p0 t0');
  });

  it('a Lambda hook that never answers times out and takes its CONTINUE action', async () => {
    n = await nativeSandbox({ services });
    const arn = await n.deploy('langgraph-api-slow-hook', 'slow');
    n.at(8 + 59);
    expect((await n.describe(arn)).lifecycleHookDetails![0]!.status).toBe('IN_PROGRESS');
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS POST_SCALE_UP p0 t0');
    n.at(1);
    const d = await n.describe(arn);
    expect(d.lifecycleHookDetails![0]).toMatchObject({
      status: 'TIMED_OUT',
      timeoutAction: 'CONTINUE',
    });
    expect(line(d)).toBe('IN_PROGRESS TEST_TRAFFIC_SHIFT p0 t100');
  });
});
