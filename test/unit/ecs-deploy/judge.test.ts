import { describe, expect, it } from '@jest/globals';
import {
  judge,
  progressLine,
  revisionName,
  type Judgement,
} from '../../../src/ecs-deploy/rolling/judge.js';
import {
  NEW,
  OLD,
  OLDER,
  THEIRS,
  deployment,
  previousDeployment,
  service,
  td,
  tracking,
} from './fixtures.js';

const verdict = (j: Judgement): string => j.verdict;

describe('judge: rolling deployments with a rolloutState', () => {
  it('is in progress while our deployment is PRIMARY and IN_PROGRESS', () => {
    const j = judge(service([deployment(), previousDeployment()]), tracking);
    expect(j).toEqual({
      verdict: 'in-progress',
      progress: { running: 0, pending: 2, desired: 2, failedTasks: 0, rolloutState: 'IN_PROGRESS' },
    });
  });

  it('succeeds only when our deployment is COMPLETED', () => {
    const done = deployment({ rolloutState: 'COMPLETED', runningCount: 2, pendingCount: 0 });
    const j = judge(service([done]), tracking);
    expect(j.verdict).toBe('succeeded');
    expect(j.verdict === 'succeeded' && j.message).toContain('cbi-api:42');
  });

  it('does not call all tasks running a success while the rollout is still IN_PROGRESS', () => {
    const running = deployment({ runningCount: 2, pendingCount: 0 });
    expect(verdict(judge(service([running]), tracking))).toBe('in-progress');
  });

  it('fails at once on rolloutState FAILED, naming the reason, while ECS rolls back', () => {
    const failed = deployment({
      status: 'ACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      failedTasks: 3,
    });
    const rollback = deployment({
      id: THEIRS,
      status: 'PRIMARY',
      taskDefinition: OLD,
      rolloutState: 'IN_PROGRESS',
    });
    const j = judge(service([rollback, failed]), tracking);
    expect(j).toMatchObject({
      verdict: 'failed',
      kind: 'rollout-failed',
      ecsRollingBack: true,
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      progress: { failedTasks: 3 },
    });
    expect(j.verdict === 'failed' && j.message).toMatch(
      /FAILED: ECS deployment circuit breaker.*rolling back to cbi-api:41/,
    );
  });

  it('fails on FAILED before ECS has created the rollback deployment (still PRIMARY)', () => {
    const failed = deployment({ rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker' });
    const j = judge(service([failed, previousDeployment()]), tracking);
    expect(j).toMatchObject({ verdict: 'failed', kind: 'rollout-failed', ecsRollingBack: true });
  });

  it('says ECS is not rolling back when the circuit breaker has rollback off', () => {
    const failed = deployment({ rolloutState: 'FAILED', rolloutStateReason: 'circuit breaker' });
    const j = judge(
      service([failed, previousDeployment()], {
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      }),
      tracking,
    );
    expect(j).toMatchObject({ verdict: 'failed', ecsRollingBack: false });
    expect(j.verdict === 'failed' && j.message).toContain('not rolling back');
  });

  it('counts an alarm-based rollback as ECS rolling back', () => {
    const failed = deployment({ rolloutState: 'FAILED', rolloutStateReason: undefined });
    const j = judge(
      service([failed], {
        deploymentConfiguration: {
          deploymentCircuitBreaker: { enable: false, rollback: false },
          alarms: { alarmNames: ['cbi-api-5xx'], enable: true, rollback: true },
        },
      }),
      tracking,
    );
    expect(j).toMatchObject({ verdict: 'failed', ecsRollingBack: true });
    expect(j.verdict === 'failed' && j.message).toContain('no reason given');
  });
});

describe('judge: rollbacks and other deployments', () => {
  it('is rolled-back when the rollback deployment is PRIMARY and ours is ACTIVE (not FAILED)', () => {
    const ours = deployment({ status: 'ACTIVE', rolloutState: 'IN_PROGRESS' });
    const back = deployment({ id: THEIRS, taskDefinition: OLD, status: 'PRIMARY' });
    const j = judge(service([back, ours]), tracking);
    expect(j).toMatchObject({ verdict: 'rolled-back', restoredTaskDefinitionArn: OLD });
  });

  it('is rolled-back when our deployment is gone and PRIMARY runs the previous revision', () => {
    const back = deployment({ id: THEIRS, taskDefinition: OLD, rolloutState: 'COMPLETED' });
    const j = judge(service([back]), tracking);
    expect(j).toMatchObject({ verdict: 'rolled-back', restoredTaskDefinitionArn: OLD });
    expect(j.verdict === 'rolled-back' && j.message).toContain('rolled back to cbi-api:41');
  });

  it('is rolled-back to any revision the service ran before ours, not only the last one', () => {
    const back = deployment({ id: THEIRS, taskDefinition: OLDER, rolloutState: 'COMPLETED' });
    const j = judge(service([back]), { ...tracking, priorTaskDefinitionArns: [OLD, OLDER] });
    expect(j).toMatchObject({ verdict: 'rolled-back', restoredTaskDefinitionArn: OLDER });
  });

  it('never reports a rolled-back service as success even when it is stable', () => {
    const back = deployment({
      id: THEIRS,
      taskDefinition: OLD,
      rolloutState: 'COMPLETED',
      runningCount: 2,
      pendingCount: 0,
    });
    expect(verdict(judge(service([back]), tracking))).toBe('rolled-back');
  });

  it('fails, naming the other deployment, when someone else deployed a new revision', () => {
    const theirs = deployment({ id: THEIRS, taskDefinition: td('cbi-api', 43) });
    const ours = deployment({ status: 'ACTIVE' });
    const j = judge(service([theirs, ours]), tracking);
    expect(j).toMatchObject({ verdict: 'failed', kind: 'superseded', ecsRollingBack: false });
    expect(j.verdict === 'failed' && j.message).toContain(THEIRS);
    expect(j.verdict === 'failed' && j.message).toContain('cbi-api:43');
    expect(j.verdict === 'failed' && j.message).toContain('someone else');
  });

  it('fails as superseded when someone forced a new deployment of our own revision', () => {
    const theirs = deployment({ id: THEIRS, taskDefinition: NEW });
    expect(judge(service([theirs]), tracking)).toMatchObject({
      verdict: 'failed',
      kind: 'superseded',
    });
  });

  it('keeps waiting when our deployment is not PRIMARY but nothing else is either', () => {
    const ours = deployment({ status: 'ACTIVE' });
    expect(verdict(judge(service([ours]), tracking))).toBe('in-progress');
  });
});

describe('judge: deployments without rolloutState', () => {
  const classic = (overrides = {}) =>
    deployment({ rolloutState: undefined, rolloutStateReason: undefined, ...overrides });

  it('waits while the old deployment is still listed', () => {
    const ours = classic({ runningCount: 2, pendingCount: 0 });
    const old = previousDeployment({ rolloutState: undefined, runningCount: 1 });
    expect(verdict(judge(service([ours, old], { runningCount: 3 }), tracking))).toBe('in-progress');
  });

  it('waits while tasks are pending or below desired', () => {
    expect(verdict(judge(service([classic({ runningCount: 1, pendingCount: 1 })]), tracking))).toBe(
      'in-progress',
    );
    expect(verdict(judge(service([classic({ runningCount: 1, pendingCount: 0 })]), tracking))).toBe(
      'in-progress',
    );
  });

  it('waits while the service as a whole is not at its desired count', () => {
    const ours = classic({ runningCount: 2, pendingCount: 0 });
    expect(verdict(judge(service([ours], { runningCount: 3 }), tracking))).toBe('in-progress');
  });

  it('waits when the service desired count differs from the deployment (a scale in flight)', () => {
    const ours = classic({ runningCount: 2, pendingCount: 0, desiredCount: 2 });
    expect(verdict(judge(service([ours], { desiredCount: 4, runningCount: 2 }), tracking))).toBe(
      'in-progress',
    );
  });

  it('succeeds when PRIMARY, alone and at desired count with every task running', () => {
    const ours = classic({ runningCount: 2, pendingCount: 0 });
    const j = judge(service([ours]), tracking);
    expect(j.verdict).toBe('succeeded');
    expect(j.verdict === 'succeeded' && j.message).toContain('only one and stable at 2/2');
  });

  it('succeeds for a service scaled to zero', () => {
    const ours = classic({ runningCount: 0, pendingCount: 0, desiredCount: 0 });
    expect(verdict(judge(service([ours], { desiredCount: 0, runningCount: 0 }), tracking))).toBe(
      'succeeded',
    );
  });

  it('reads a rollback the same way without rolloutState', () => {
    const back = classic({ id: THEIRS, taskDefinition: OLD, runningCount: 2, pendingCount: 0 });
    expect(verdict(judge(service([back]), tracking))).toBe('rolled-back');
  });
});

describe('judge: the service itself', () => {
  it('fails when the service is missing from DescribeServices', () => {
    expect(judge(undefined, tracking)).toMatchObject({ verdict: 'failed', kind: 'service-gone' });
  });
  it('fails when the service is DRAINING or INACTIVE', () => {
    for (const status of ['DRAINING', 'INACTIVE']) {
      const j = judge(service([deployment()], { status }), tracking);
      expect(j).toMatchObject({ verdict: 'failed', kind: 'service-gone' });
      expect(j.verdict === 'failed' && j.message).toContain(status);
    }
  });
  it('fails when no deployment is listed at all', () => {
    expect(judge(service([]), tracking)).toMatchObject({ verdict: 'failed', kind: 'service-gone' });
  });
});

describe('progress lines and names', () => {
  it('shows counts, failed tasks and the rollout state', () => {
    expect(
      progressLine('cbi-api', {
        running: 1,
        pending: 1,
        desired: 2,
        failedTasks: 2,
        rolloutState: 'IN_PROGRESS',
      }),
    ).toBe('cbi-api: 1/2 running, 1 pending, 2 failed, rollout IN_PROGRESS');
    expect(
      progressLine('rule-updater', { running: 1, pending: 0, desired: 1, failedTasks: 0 }),
    ).toBe('rule-updater: 1/1 running, 0 pending, no rollout state');
  });
  it('shortens task definition ARNs to family:revision', () => {
    expect(revisionName(NEW)).toBe('cbi-api:42');
    expect(revisionName('cbi-api:7')).toBe('cbi-api:7');
    expect(revisionName(undefined)).toBe('(unknown)');
  });
});
