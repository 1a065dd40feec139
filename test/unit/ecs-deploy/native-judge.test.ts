import { describe, expect, it } from '@jest/globals';
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import {
  awaitingHooks,
  judgeServiceDeployment,
  reasonsOf,
} from '../../../src/ecs-deploy/native/judge.js';
import { judgeRolling } from '../../../src/ecs-deploy/rolling/judge.js';
import { NEW, OLD, OURS, deployment, previousDeployment, service, tracking } from './fixtures.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/abc123';
const TARGET_REV = 'arn:aws:ecs:us-east-1:123456789012:service-revision/prod/api/222';
const SOURCE_REV = 'arn:aws:ecs:us-east-1:123456789012:service-revision/prod/api/111';
const revisions = new Map([
  [TARGET_REV, NEW],
  [SOURCE_REV, OLD],
]);
const ctx = { service: 'api', taskDefinitionArn: NEW, revisions };

const sd = (over: Partial<ServiceDeployment> = {}): ServiceDeployment => ({
  serviceDeploymentArn: ARN,
  status: 'IN_PROGRESS',
  lifecycleStage: 'SCALE_UP',
  targetServiceRevision: { arn: TARGET_REV },
  sourceServiceRevisions: [{ arn: SOURCE_REV }],
  ...over,
});

describe('judgeServiceDeployment', () => {
  it.each(['PENDING', 'IN_PROGRESS'] as const)('%s is in progress', (status) => {
    expect(judgeServiceDeployment(sd({ status }), ctx).verdict).toBe('in-progress');
  });

  it.each(['BAKE_TIME', 'CLEAN_UP', 'POST_PRODUCTION_TRAFFIC_SHIFT'] as const)(
    'is never a success during %s while IN_PROGRESS',
    (lifecycleStage) => {
      expect(judgeServiceDeployment(sd({ lifecycleStage }), ctx).verdict).toBe('in-progress');
    },
  );

  it('succeeds only at SUCCESSFUL', () => {
    const v = judgeServiceDeployment(sd({ status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP' }), ctx);
    expect(v).toEqual({
      verdict: 'succeeded',
      message: 'api: service deployment abc123 of cbi-api:42 is SUCCESSFUL.',
    });
  });

  it.each(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'] as const)(
    '%s fails at once, naming the alarm and the revision ECS rolls back to',
    (status) => {
      const v = judgeServiceDeployment(
        sd({
          status,
          alarms: { status: 'TRIGGERED', alarmNames: ['a', 'b'], triggeredAlarmNames: ['b'] },
          rollback: { reason: 'Alarm b in ALARM', serviceRevisionArn: SOURCE_REV },
        }),
        ctx,
      );
      expect(v).toMatchObject({ verdict: 'failed', kind: 'rolling-back', rollbackTo: OLD });
      expect(v.verdict !== 'in-progress' && v.verdict !== 'succeeded' && v.message).toBe(
        `api: service deployment abc123 of cbi-api:42 failed: alarm b triggered; rollback reason: Alarm b in ALARM. ECS is rolling back to cbi-api:41 (${status}).`,
      );
    },
  );

  it('names the circuit breaker count and threshold', () => {
    const v = judgeServiceDeployment(
      sd({
        status: 'ROLLBACK_IN_PROGRESS',
        deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 },
      }),
      ctx,
    );
    expect(v.verdict !== 'in-progress' && v.verdict !== 'succeeded' && v.reasons).toEqual([
      'the circuit breaker tripped: 3 failed tasks (threshold 3)',
    ]);
  });

  it('names a failed or timed-out hook', () => {
    const reasons = reasonsOf(
      sd({
        lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
        lifecycleHookDetails: [
          { hookId: 'h1', status: 'FAILED', targetArn: 'arn:aws:lambda:x:function:smoke' },
          { hookId: 'h2', status: 'TIMED_OUT' },
          { hookId: 'h3', status: 'SUCCEEDED' },
        ],
      }),
    );
    expect(reasons).toEqual([
      'lifecycle hook h1 (arn:aws:lambda:x:function:smoke) failed in POST_TEST_TRAFFIC_SHIFT',
      'lifecycle hook h2 timed out in POST_TEST_TRAFFIC_SHIFT',
    ]);
  });

  it('ROLLBACK_SUCCESSFUL is rolled-back', () => {
    const v = judgeServiceDeployment(
      sd({ status: 'ROLLBACK_SUCCESSFUL', rollback: { serviceRevisionArn: SOURCE_REV } }),
      ctx,
    );
    expect(v).toMatchObject({ verdict: 'rolled-back', kind: 'rolled-back', rollbackTo: OLD });
  });

  it('ROLLBACK_FAILED says production may run both revisions and what to do', () => {
    const v = judgeServiceDeployment(
      sd({ status: 'ROLLBACK_FAILED', statusReason: 'Rollback failed: target group busy.' }),
      ctx,
    );
    expect(v).toMatchObject({ verdict: 'failed', kind: 'rollback-failed' });
    const message = v.verdict === 'failed' ? v.message : '';
    expect(message).toContain('Rollback failed: target group busy');
    expect(message).toContain(
      'production may be running both cbi-api:42 and the previous revision',
    );
    expect(message).toContain('deploy the revision you want');
  });

  it.each(['STOPPED', 'STOP_REQUESTED'] as const)('%s by someone else, or by us', (status) => {
    const theirs = judgeServiceDeployment(sd({ status }), ctx);
    expect(theirs.verdict === 'failed' && theirs.message).toContain('stopped by someone else');
    const ours = judgeServiceDeployment(sd({ status }), { ...ctx, stoppedByUs: true });
    expect(ours.verdict === 'failed' && ours.message).toContain('stopped by this run');
  });

  it('reports hooks awaiting action while in progress', () => {
    const v = judgeServiceDeployment(
      sd({ lifecycleHookDetails: [{ hookId: 'ecs-pause-1', status: 'AWAITING_ACTION' }] }),
      ctx,
    );
    expect(v).toEqual({
      verdict: 'in-progress',
      awaiting: [{ hookId: 'ecs-pause-1', status: 'AWAITING_ACTION' }],
    });
    expect(awaitingHooks(sd())).toEqual([]);
  });
});

describe('judgeRolling: DescribeServices and the service deployment together', () => {
  const t = { ...tracking, serviceDeploymentArn: ARN };
  const completed = service([deployment({ rolloutState: 'COMPLETED' })]);

  it('is no success while the service deployment is not SUCCESSFUL', () => {
    expect(judgeRolling(completed, sd(), t, revisions).verdict).toBe('in-progress');
    expect(judgeRolling(completed, sd({ status: 'SUCCESSFUL' }), t, revisions).verdict).toBe(
      'succeeded',
    );
  });

  it('without a service deployment, judges DescribeServices alone', () => {
    expect(judgeRolling(completed, undefined, t).verdict).toBe('succeeded');
  });

  it('fails when the service deployment rolls back before DescribeServices shows it', () => {
    const inProgress = service([deployment({ rolloutState: 'IN_PROGRESS' }), previousDeployment()]);
    const j = judgeRolling(
      inProgress,
      sd({ status: 'ROLLBACK_IN_PROGRESS', alarms: { triggeredAlarmNames: ['cpu'] } }),
      t,
      revisions,
    );
    expect(j).toMatchObject({ verdict: 'failed', kind: 'rollout-failed', ecsRollingBack: true });
  });

  it("tells the breaker's failed-task count when the same poll's DescribeServices is older", () => {
    /** A poll whose DescribeServices counted `failedTasks` and whose breaker tripped at 3. */
    const breakerPoll = (failedTasks: number) =>
      judgeRolling(
        service([deployment({ rolloutState: 'IN_PROGRESS', failedTasks }), previousDeployment()]),
        sd({
          status: 'ROLLBACK_IN_PROGRESS',
          deploymentCircuitBreaker: { status: 'TRIGGERED', failureCount: 3, threshold: 3 },
        }),
        t,
        revisions,
      );
    // DescribeServices answered before the third task failed; the service deployment after.
    const j = breakerPoll(2);
    expect(j.verdict).toBe('failed');
    expect('message' in j && j.message).toContain('3 failed tasks (threshold 3)');
    expect(j.verdict === 'failed' && j.progress?.failedTasks).toBe(3);
    // A newer DescribeServices count (more than the breaker's) is kept.
    const k = breakerPoll(4);
    expect(k.verdict === 'failed' && k.progress?.failedTasks).toBe(4);
  });

  it('adds the alarm to a failure DescribeServices shows', () => {
    const failed = service([
      deployment({ rolloutState: 'FAILED', rolloutStateReason: 'alarm' }),
      previousDeployment({ status: 'PRIMARY' }),
    ]);
    const j = judgeRolling(
      failed,
      sd({ status: 'ROLLBACK_IN_PROGRESS', alarms: { triggeredAlarmNames: ['cpu-high'] } }),
      t,
      revisions,
    );
    expect(j.verdict).toBe('failed');
    expect('message' in j && j.message).toContain('alarm cpu-high triggered');
  });

  it('says when the old revision is still draining (early success, DEFERRED)', () => {
    const early = service([deployment({ rolloutState: 'COMPLETED' })], {
      deploymentConfiguration: {
        earlySuccessCriteria: { enable: true, sourceServiceRevisionCleanup: 'DEFERRED' },
      },
    });
    const j = judgeRolling(early, sd({ status: 'SUCCESSFUL' }), t, revisions);
    expect('message' in j && j.message).toContain('still draining');
    expect(OURS).toBeTruthy();
  });
});
