import { describe, expect, it } from '@jest/globals';
import type { DeploymentInfo, ECSTarget, LifecycleEvent } from '@aws-sdk/client-codedeploy';
import {
  describeCause,
  expectsAutoRollback,
  failureCause,
  stateOf,
  trafficOf,
} from '../../../src/ecs-deploy/codedeploy/verdict.js';
import {
  phasesOf,
  ProgressTracker,
  progressLines,
} from '../../../src/ecs-deploy/codedeploy/progress.js';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s));
const event = (
  name: string,
  status: LifecycleEvent['status'],
  start?: number,
  end?: number,
  extra: Partial<LifecycleEvent> = {},
): LifecycleEvent => ({
  lifecycleEventName: name,
  status,
  ...(start !== undefined ? { startTime: t(start) } : {}),
  ...(end !== undefined ? { endTime: t(end) } : {}),
  ...extra,
});
const target = (events: LifecycleEvent[], green?: number): ECSTarget => ({
  lifecycleEvents: events,
  ...(green !== undefined
    ? {
        taskSetsInfo: [
          { taskSetLabel: 'Blue', trafficWeight: 100 - green },
          { taskSetLabel: 'Green', trafficWeight: green },
        ],
      }
    : {}),
});

describe('verdict', () => {
  it('maps every CodeDeploy status', () => {
    expect(stateOf({ status: 'Succeeded' })).toBe('succeeded');
    expect(stateOf({ status: 'Failed' })).toBe('failed');
    expect(stateOf({ status: 'Stopped' })).toBe('failed');
    for (const status of ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'] as const)
      expect(stateOf({ status })).toBe('running');
    expect(stateOf(undefined)).toBe('running');
  });

  it('names errorInformation, the failed lifecycle event and its hook diagnostics', () => {
    const deployment: DeploymentInfo = {
      deploymentId: 'd-ABC',
      status: 'Failed',
      errorInformation: {
        code: 'HOOK_EXECUTION_FAILURE',
        message: 'a lifecycle event hook failed',
      },
      rollbackInfo: { rollbackDeploymentId: 'd-RB', rollbackMessage: 'rolled back' },
    };
    const tgt = target([
      event('BeforeInstall', 'Succeeded', 0, 1),
      event('AfterAllowTestTraffic', 'Failed', 30, 40, {
        diagnostics: {
          errorCode: 'ScriptFailed',
          scriptName: 'smoke',
          message: 'GET /health returned 503',
          logTail: 'line1\nline2',
        },
      }),
      event('BeforeAllowTraffic', 'Skipped'),
    ]);
    const cause = failureCause(deployment, tgt);
    expect(cause).toEqual({
      deploymentId: 'd-ABC',
      status: 'Failed',
      errorCode: 'HOOK_EXECUTION_FAILURE',
      errorMessage: 'a lifecycle event hook failed',
      failedEvent: {
        name: 'AfterAllowTestTraffic',
        errorCode: 'ScriptFailed',
        scriptName: 'smoke',
        message: 'GET /health returned 503',
        logTail: 'line1\nline2',
      },
      rollbackDeploymentId: 'd-RB',
      rollbackMessage: 'rolled back',
    });
    expect(describeCause(cause)).toBe(
      'CodeDeploy deployment d-ABC Failed (HOOK_EXECUTION_FAILURE: a lifecycle event hook failed); lifecycle event AfterAllowTestTraffic failed: ScriptFailed, hook smoke, GET /health returned 503',
    );
  });

  it('an alarm stop has no failed hook', () => {
    const cause = failureCause(
      {
        deploymentId: 'd-1',
        status: 'Stopped',
        errorInformation: { code: 'ALARM_ACTIVE', message: 'Activated alarms: <alb-5xx-errors>' },
      },
      target([event('AllowTraffic', 'InProgress', 0)]),
    );
    expect(cause.failedEvent).toBeUndefined();
    expect(describeCause(cause)).toBe(
      'CodeDeploy deployment d-1 Stopped (ALARM_ACTIVE: Activated alarms: <alb-5xx-errors>)',
    );
  });

  it('knows which failures the deployment rolls back itself', () => {
    const rb = (events: string[]) => ({ enabled: true, events: events as never });
    expect(
      expectsAutoRollback({
        status: 'Failed',
        autoRollbackConfiguration: rb(['DEPLOYMENT_FAILURE']),
      }),
    ).toBe(true);
    expect(
      expectsAutoRollback({
        status: 'Stopped',
        errorInformation: { code: 'ALARM_ACTIVE' },
        autoRollbackConfiguration: rb(['DEPLOYMENT_FAILURE']),
      }),
    ).toBe(false);
    expect(
      expectsAutoRollback({
        status: 'Stopped',
        errorInformation: { code: 'ALARM_ACTIVE' },
        autoRollbackConfiguration: rb(['DEPLOYMENT_STOP_ON_ALARM']),
      }),
    ).toBe(true);
    expect(
      expectsAutoRollback({
        status: 'Stopped',
        autoRollbackConfiguration: rb(['DEPLOYMENT_STOP_ON_REQUEST']),
      }),
    ).toBe(true);
    expect(
      expectsAutoRollback({
        status: 'Failed',
        autoRollbackConfiguration: { enabled: false, events: ['DEPLOYMENT_FAILURE'] },
      }),
    ).toBe(false);
  });

  it('reads the traffic split from the task sets', () => {
    expect(trafficOf(target([], 10))).toEqual({ green: 10, blue: 90 });
    expect(trafficOf(target([]))).toBeUndefined();
  });
});

describe('progress', () => {
  it('says what changed between polls: status, events with durations, traffic, termination wait', () => {
    const a = {
      deployment: { deploymentId: 'd-1', status: 'InProgress' as const },
      target: target([event('Install', 'InProgress', 0)], 0),
      at: 0,
    };
    const b = {
      deployment: { deploymentId: 'd-1', status: 'InProgress' as const },
      target: target(
        [event('Install', 'Succeeded', 0, 12), event('AllowTraffic', 'InProgress', 12)],
        10,
      ),
      at: 1,
    };
    expect(progressLines(undefined, a)).toEqual([
      'deployment d-1 is InProgress',
      'Install started',
    ]);
    expect(progressLines(a, b)).toEqual([
      'Install succeeded in 12s',
      'AllowTraffic started',
      'production traffic 10% replacement / 90% original',
    ]);
    const c = { ...b, deployment: { ...b.deployment, instanceTerminationWaitTimeStarted: true } };
    expect(progressLines(b, c, 'api')).toEqual([
      'api: traffic shifted; waiting to terminate the original task set',
    ]);
    const failed = {
      ...b,
      target: target(
        [
          event('Install', 'Succeeded', 0, 12),
          event('AllowTraffic', 'Failed', 12, 20, {
            diagnostics: { errorCode: 'ScriptFailed', message: 'boom' },
          }),
        ],
        10,
      ),
    };
    expect(progressLines(b, failed)).toEqual(['AllowTraffic FAILED in 8s (ScriptFailed: boom)']);
  });

  it('turns events, traffic steps and the termination wait into timeline phases', () => {
    const tracker = new ProgressTracker();
    const ms = (s: number) => t(s).getTime();
    tracker.observe({
      deployment: { status: 'InProgress' },
      target: target(
        [event('Install', 'Succeeded', 0, 10), event('AllowTraffic', 'InProgress', 10)],
        10,
      ),
      at: ms(11),
    });
    tracker.observe({
      deployment: { status: 'InProgress' },
      target: target(
        [event('Install', 'Succeeded', 0, 10), event('AllowTraffic', 'InProgress', 10)],
        10,
      ),
      at: ms(20),
    });
    const last = {
      deployment: {
        status: 'Succeeded' as const,
        instanceTerminationWaitTimeStarted: true,
        completeTime: t(60),
      },
      target: target(
        [
          event('Install', 'Succeeded', 0, 10),
          event('AllowTraffic', 'Succeeded', 10, 40),
          event('AfterAllowTraffic', 'Skipped'),
        ],
        100,
      ),
      at: ms(41),
    };
    tracker.observe(last);
    expect(tracker.trafficChanges.map((c) => c.green)).toEqual([10, 100]);
    expect(phasesOf('api', tracker.latest(), tracker.trafficChanges, ms(70))).toEqual([
      { section: 'api', name: 'Install', start: ms(0), end: ms(10), state: 'done' },
      { section: 'api', name: 'AllowTraffic', start: ms(10), end: ms(40), state: 'done' },
      { section: 'api', name: 'traffic 10%', start: ms(11), end: ms(41), state: 'done' },
      { section: 'api', name: 'traffic 100%', start: ms(41), end: ms(60), state: 'done' },
      { section: 'api', name: 'termination wait', start: ms(40), end: ms(60), state: 'done' },
    ]);
    expect(tracker.lifecycle()).toEqual([
      { name: 'Install', status: 'Succeeded', seconds: 10 },
      { name: 'AllowTraffic', status: 'Succeeded', seconds: 30 },
      { name: 'AfterAllowTraffic', status: 'Skipped' },
    ]);
  });
});

describe('traffic steps', () => {
  it('start with the first shift, and include the return to the original after a rollback', () => {
    const tracker = new ProgressTracker();
    const snap = (green: number, at: number) => ({
      deployment: { status: 'InProgress' as const },
      target: target([], green),
      at,
    });
    tracker.observe(snap(0, 1));
    tracker.observe(snap(10, 2));
    tracker.observe(snap(10, 3));
    tracker.observe(snap(0, 4));
    expect(tracker.trafficChanges).toEqual([
      { green: 10, blue: 90, at: 2 },
      { green: 0, blue: 100, at: 4 },
    ]);
  });
});
