/**
 * The native strategies' timelines in the sandbox, read through the real @aws-sdk/client-ecs on a
 * frozen clock: BLUE_GREEN with bake, CANARY, LINEAR with AWS's defaults, alarms in the canary
 * bake and in BAKE_TIME, ROLLBACK_FAILED, the circuit breaker (native and rolling), Lambda hooks.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { nativeSeconds } from '../../../sandbox/scenarios/native-deploy.js';
import { line, nativeSandbox, timeline, type Native } from './native-helpers.js';

let n: Native | undefined;
afterEach(async () => {
  await n?.sb.close();
  n = undefined;
});

const START = [
  '0 IN_PROGRESS PRE_SCALE_UP p0 t0',
  '1 IN_PROGRESS SCALE_UP p0 t0',
  '7 IN_PROGRESS POST_SCALE_UP p0 t0',
  '8 IN_PROGRESS TEST_TRAFFIC_SHIFT p0 t100',
  '10 IN_PROGRESS POST_TEST_TRAFFIC_SHIFT p0 t100',
];

describe('native timelines', () => {
  it('BLUE_GREEN: green up, test traffic, production 0 -> 100 at once, 5-minute bake, clean up, SUCCESSFUL at 316 s', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-bluegreen', '1.5.0');
    expect(nativeSeconds('langgraph-api-bluegreen')).toBe(316);
    expect(await timeline(n, arn, 320)).toEqual([
      ...START,
      '11 IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p100 t100',
      '13 IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT p100 t100',
      '14 IN_PROGRESS BAKE_TIME p100 t100',
      '314 IN_PROGRESS CLEAN_UP p100 t100',
      '316 SUCCESSFUL CLEAN_UP p100 t100',
    ]);
    const done = await n.describe(arn);
    expect(done.finishedAt!.getTime() - done.createdAt!.getTime()).toBe(316_000);
    expect(done.alarms).toEqual({
      status: 'MONITORING_COMPLETE',
      alarmNames: ['alb-5xx-errors', 'alb-response-time'],
    });
    expect(done.deploymentConfiguration).toMatchObject({
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 5,
    });
    expect(done.sourceServiceRevisions![0]).toMatchObject({
      requestedProductionTrafficWeight: 0,
      requestedTestTrafficWeight: 0,
    });
    const svc = await n.service('langgraph-api-bluegreen');
    expect(svc.deployments!.map((d) => `${d.status} ${d.rolloutState}`)).toEqual([
      'PRIMARY COMPLETED',
    ]);
    expect(svc.currentServiceDeployment).toBe(arn);
  });

  it('BAKE_TIME keeps the blue revision running; it is scaled down only in CLEAN_UP', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-bluegreen', '1.5.0');
    n.at(200);
    const baking = await n.describe(arn);
    expect(line(baking)).toBe('IN_PROGRESS BAKE_TIME p100 t100');
    expect(baking.sourceServiceRevisions![0]).toMatchObject({
      runningTaskCount: 2,
      requestedTaskCount: 2,
    });
    expect(baking.targetServiceRevision).toMatchObject({ runningTaskCount: 2 });
    expect((await n.service('langgraph-api-bluegreen')).deployments).toHaveLength(2);
  });

  it('CANARY 10 % for 5 minutes, then 100 %, 5-minute bake', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-canary', '1.5.0');
    expect(await timeline(n, arn, 620, 1)).toEqual([
      ...START,
      '11 IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p10 t100',
      '313 IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p100 t100',
      '315 IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT p100 t100',
      '316 IN_PROGRESS BAKE_TIME p100 t100',
      '616 IN_PROGRESS CLEAN_UP p100 t100',
      `${nativeSeconds('langgraph-api-canary')} SUCCESSFUL CLEAN_UP p100 t100`,
    ]);
  });

  it('LINEAR with the defaults: ten 10 % shifts 6 minutes apart (54 minutes of stepping)', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-linear', '1.5.0');
    expect((await n.describe(arn)).deploymentConfiguration!.linearConfiguration).toEqual({
      stepPercent: 10,
      stepBakeTimeInMinutes: 6,
    });
    const total = nativeSeconds('langgraph-api-linear');
    expect(total).toBe(11 + 362 * 9 + 2 + 1 + 2);
    // Probe each side of every shift: the second before it and the second it happens.
    let now = 0;
    const probe = async (t: number) => {
      n!.at(t - now);
      now = t;
      return line(await n!.describe(arn));
    };
    const seen: string[] = [];
    for (let k = 0; k < 10; k++) {
      const shift = 11 + 362 * k;
      seen.push(`${shift - 1} ${await probe(shift - 1)}`, `${shift} ${await probe(shift)}`);
    }
    const last = 11 + 362 * 9;
    for (const t of [last + 2, last + 3, total - 1, total]) seen.push(`${t} ${await probe(t)}`);
    const shifting = (t: number, weight: number) =>
      `${t} IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p${weight} t100`;
    const expected = ['10 IN_PROGRESS POST_TEST_TRAFFIC_SHIFT p0 t100', shifting(11, 10)];
    for (let k = 1; k < 10; k++)
      expected.push(shifting(10 + 362 * k, 10 * k), shifting(11 + 362 * k, 10 * (k + 1)));
    expect(seen).toEqual([
      ...expected,
      `${last + 2} IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT p100 t100`,
      `${last + 3} IN_PROGRESS CLEAN_UP p100 t100`,
      `${total - 1} IN_PROGRESS CLEAN_UP p100 t100`,
      `${total} SUCCESSFUL CLEAN_UP p100 t100`,
    ]);
  });

  it('an alarm in the canary bake rolls back at once and names the alarm', async () => {
    n = await nativeSandbox();
    const before = await n.service('langgraph-api-canary');
    const arn = await n.deploy('langgraph-api-canary', 'alarm');
    n.at(119);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p10 t100');
    n.at(1);
    const rolling = await n.describe(arn);
    expect(line(rolling)).toBe('ROLLBACK_IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p0 t0');
    expect(rolling.alarms).toEqual({
      status: 'TRIGGERED',
      alarmNames: ['alb-5xx-errors', 'alb-response-time'],
      triggeredAlarmNames: ['alb-5xx-errors'],
    });
    expect(rolling.rollback).toEqual({
      reason: 'CloudWatch alarm(s) in ALARM state: alb-5xx-errors.',
      startedAt: new Date(rolling.createdAt!.getTime() + 120_000),
      serviceRevisionArn: rolling.sourceServiceRevisions![0]!.arn,
    });
    const record = n.sb.state.ecsServices.services
      .find((s) => s.name === 'langgraph-api-canary')!
      .history.find((d) => d.serviceDeploymentArn === arn)!;
    expect(record.failedAt! - record.createdAt).toBe(120_000);
    n.at(10);
    expect(line(await n.describe(arn))).toBe('ROLLBACK_SUCCESSFUL CLEAN_UP p0 t0');
    const after = await n.service('langgraph-api-canary');
    expect(after.deployments!.map((d) => `${d.status} ${d.taskDefinition}`)).toEqual([
      `PRIMARY ${before.taskDefinition}`,
    ]);
  });

  it('an alarm in BAKE_TIME rolls back from 100 %', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-canary', 'late-alarm');
    n.at(399);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS BAKE_TIME p100 t100');
    n.at(1);
    const rolled = await n.describe(arn);
    expect(line(rolled)).toBe('ROLLBACK_IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p0 t0');
    expect(rolled.alarms!.triggeredAlarmNames).toEqual(['alb-response-time']);
  });

  it('ROLLBACK_FAILED leaves traffic and both revisions where they were', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-canary', 'rollback-fails');
    n.at(120);
    expect((await n.describe(arn)).status).toBe('ROLLBACK_IN_PROGRESS');
    n.at(10);
    const failed = await n.describe(arn);
    expect(line(failed)).toBe('ROLLBACK_FAILED PRODUCTION_TRAFFIC_SHIFT p10 t100');
    expect(failed.statusReason).toMatch(
      /^CloudWatch alarm\(s\) in ALARM state: alb-5xx-errors\. Rollback failed: /,
    );
    expect(failed.finishedAt).toBeDefined();
    expect((await n.service('langgraph-api-canary')).deployments).toHaveLength(2);
  });

  it('crashing green tasks never finish SCALE_UP; the circuit breaker trips and rolls back', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-bluegreen', 'crash');
    const seen = await timeline(n, arn, 40);
    expect(seen).toEqual([
      '0 IN_PROGRESS PRE_SCALE_UP p0 t0',
      '1 IN_PROGRESS SCALE_UP p0 t0',
      '21 ROLLBACK_IN_PROGRESS SCALE_UP p0 t0',
      '31 ROLLBACK_SUCCESSFUL CLEAN_UP p0 t0',
    ]);
    const d = await n.describe(arn);
    expect(d.deploymentCircuitBreaker).toEqual({
      status: 'TRIGGERED',
      failureCount: 3,
      threshold: 3,
    });
    expect(d.rollback!.reason).toBe('ECS deployment circuit breaker: tasks failed to start.');
  });

  it('a rolling deployment has a service deployment whose circuit breaker trips', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-worker', 'crash');
    n.at(19);
    const watching = await n.describe(arn);
    expect(watching.status).toBe('IN_PROGRESS');
    expect(watching.lifecycleStage).toBeUndefined();
    expect(watching.deploymentCircuitBreaker).toEqual({
      status: 'MONITORING',
      failureCount: 2,
      threshold: 3,
    });
    n.at(1);
    const tripped = await n.describe(arn);
    expect(tripped.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(tripped.deploymentCircuitBreaker).toEqual({
      status: 'TRIGGERED',
      failureCount: 3,
      threshold: 3,
    });
    expect(tripped.rollback!.serviceRevisionArn).toBe(tripped.sourceServiceRevisions![0]!.arn);
    n.at(40);
    expect((await n.describe(arn)).status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('a Lambda hook runs at its stage: SUCCEEDED moves on, FAILED rolls back and stays named', async () => {
    n = await nativeSandbox();
    const good = await n.deploy('langgraph-api-smoke', '1.5.0');
    n.at(11);
    const running = await n.describe(good);
    expect(line(running)).toBe('IN_PROGRESS POST_TEST_TRAFFIC_SHIFT p0 t100');
    expect(running.lifecycleHookDetails).toEqual([
      {
        hookId: expect.stringMatching(/^ecs-hook-/),
        targetType: 'AWS_LAMBDA',
        targetArn: 'arn:aws:lambda:us-east-1:123456789012:function:langgraph-smoke-test',
        status: 'IN_PROGRESS',
        expiresAt: new Date(running.createdAt!.getTime() + 11_000 + 3_600_000),
        timeoutAction: 'ROLLBACK',
      },
    ]);
    n.at(1);
    expect((await n.describe(good)).lifecycleHookDetails![0]!.status).toBe('IN_PROGRESS');
    n.at(1);
    expect(line(await n.describe(good))).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p100 t100');
    expect((await n.describe(good)).lifecycleHookDetails![0]!.status).toBe('SUCCEEDED');
    n.at(nativeSeconds('langgraph-api-smoke'));
    expect((await n.describe(good)).status).toBe('SUCCESSFUL');

    const bad = await n.deploy('langgraph-api-smoke', 'hook-fails');
    n.at(13);
    const failed = await n.describe(bad);
    expect(failed.status).toBe('ROLLBACK_IN_PROGRESS');
    expect(failed.lifecycleHookDetails![0]!.status).toBe('FAILED');
    expect(failed.rollback!.reason).toBe(
      'Lifecycle hook arn:aws:lambda:us-east-1:123456789012:function:langgraph-smoke-test returned hookStatus FAILED at POST_TEST_TRAFFIC_SHIFT.',
    );
  });

  it('behind a Network Load Balancer, test and production traffic shifts take 10 minutes more', async () => {
    n = await nativeSandbox();
    const arn = await n.deploy('langgraph-api-nlb', '1.5.0');
    expect(nativeSeconds('langgraph-api-nlb')).toBe(16 + 1200);
    expect(await timeline(n, arn, 1220)).toEqual([
      '0 IN_PROGRESS PRE_SCALE_UP p0 t0',
      '1 IN_PROGRESS SCALE_UP p0 t0',
      '7 IN_PROGRESS POST_SCALE_UP p0 t0',
      '8 IN_PROGRESS TEST_TRAFFIC_SHIFT p0 t100',
      '610 IN_PROGRESS POST_TEST_TRAFFIC_SHIFT p0 t100',
      '611 IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p100 t100',
      '1213 IN_PROGRESS POST_PRODUCTION_TRAFFIC_SHIFT p100 t100',
      '1214 IN_PROGRESS CLEAN_UP p100 t100',
      '1216 SUCCESSFUL CLEAN_UP p100 t100',
    ]);
  });

  it('an Express Mode service deploys as CANARY with the API defaults', async () => {
    n = await nativeSandbox();
    const svc = await n.service('langgraph-express');
    expect(svc.resourceManagementType).toBe('ECS');
    expect(svc.deploymentConfiguration).toMatchObject({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 5, canaryBakeTimeInMinutes: 10 },
    });
    const arn = await n.deploy('langgraph-express', '1.5.0');
    n.at(11);
    expect(line(await n.describe(arn))).toBe('IN_PROGRESS PRODUCTION_TRAFFIC_SHIFT p5 t100');
  });
});
