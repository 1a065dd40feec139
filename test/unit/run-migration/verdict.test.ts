import { describe, expect, it } from '@jest/globals';
import {
  runTaskFailureVerdict,
  stoppedTaskVerdict,
  type ContainerRole,
} from '../../../src/run-migration/verdict.js';
import { container, stoppedTask } from './fixtures.js';

const roles: ContainerRole[] = [
  { name: 'api', essential: true },
  { name: 'otel-collector', essential: false },
];
const withSidecar: ContainerRole[] = [
  { name: 'api', essential: true },
  { name: 'cloud-sql-proxy', essential: true },
];

describe('stoppedTaskVerdict', () => {
  it('succeeds when the target exits 0 and no essential container failed', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', 0), container('otel-collector', 0)]),
      'api',
      roles,
    );
    expect(v.status).toBe('succeeded');
    expect(v.exitCode).toBe(0);
    expect(v.causes).toEqual([]);
  });

  it('fails on a non-zero exit of the target, naming container, code, reason and stoppedReason', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([
        container('api', 1, { reason: 'alembic.util.exc.CommandError' }),
        container('otel-collector', 0),
      ]),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
    expect(v.exitCode).toBe(1);
    expect(v.headline).toContain(
      "Migration container 'api' exited 1 (reason: alembic.util.exc.CommandError)",
    );
    expect(v.headline).toContain('Essential container in task exited');
  });

  it('fails when an essential sidecar exits non-zero even though the target exited 0', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([
        container('api', 0),
        container('cloud-sql-proxy', 2, { reason: 'connection refused' }),
      ]),
      'api',
      withSidecar,
    );
    expect(v.status).toBe('failed');
    expect(v.exitCode).toBe(0);
    expect(v.causes.join('\n')).toContain(
      "Essential container 'cloud-sql-proxy' exited 2 (reason: connection refused)",
    );
  });

  it('only notes a non-essential container exiting non-zero', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', 0), container('otel-collector', 137)]),
      'api',
      roles,
    );
    expect(v.status).toBe('succeeded');
    expect(v.notes.join()).toContain("Non-essential container 'otel-collector' exited 137");
  });

  it('fails TaskFailedToStart with CannotPullContainerError', () => {
    const reason =
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): 123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi/api:9.9.9: not found';
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', undefined, { reason, lastStatus: 'STOPPED' })], {
        stopCode: 'TaskFailedToStart',
        stoppedReason: reason,
        startedAt: undefined,
      }),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
    expect(v.exitCode).toBeUndefined();
    expect(v.headline).toContain('failed to start');
    expect(v.headline).toContain('CannotPullContainerError');
  });

  it('fails TaskFailedToStart with ResourceInitializationError for a missing secret', () => {
    const reason =
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: ResourceNotFoundException';
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', undefined)], {
        stopCode: 'TaskFailedToStart',
        stoppedReason: reason,
      }),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
    expect(v.causes[0]).toContain('ResourceInitializationError');
  });

  it('fails an OutOfMemory kill with exit code 137 and its reason', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([
        container('api', 137, { reason: 'OutOfMemoryError: Container killed due to memory usage' }),
      ]),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
    expect(v.exitCode).toBe(137);
    expect(v.headline).toContain('OutOfMemoryError');
  });

  it('fails when the target has no exit code, even if the task did not fail to start', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', undefined)], {
        stopCode: 'UserInitiated',
        stoppedReason: 'Task stopped by user',
      }),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
    expect(v.causes.join('\n')).toContain('has no exit code');
    expect(v.headline).toContain('Task stopped by user');
  });

  it.each([
    'SpotInterruption',
    'TerminationNotice',
    'UserInitiated',
    'ServiceSchedulerInitiated',
    'InfrastructureHealth',
    'SomeFutureStopCode',
  ])('fails an interrupted task (%s) whose container exited 0 after SIGTERM', (stopCode) => {
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', 0), container('otel-collector', 0)], {
        stopCode: stopCode as never,
        stoppedReason: 'Your Spot Task was interrupted.',
      }),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
    expect(v.exitCode).toBe(0);
    expect(v.headline).toContain(`was interrupted (stop code ${stopCode}`);
    expect(v.headline).toContain('whatever the exit code (0)');
  });

  it('still succeeds when the essential container exited 0 on its own', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', 0), container('otel-collector', 0)], {
        stopCode: 'EssentialContainerExited',
      }),
      'api',
      roles,
    );
    expect(v.status).toBe('succeeded');
  });

  it('fails when the target container is absent from the task', () => {
    const v = stoppedTaskVerdict(stoppedTask([container('worker', 0)]), 'api', roles);
    expect(v.status).toBe('failed');
    expect(v.headline).toContain("no container 'api'");
  });

  it('treats a container missing from the roles as essential', () => {
    const v = stoppedTaskVerdict(
      stoppedTask([container('api', 0), container('unknown', 3)]),
      'api',
      roles,
    );
    expect(v.status).toBe('failed');
  });
});

describe('runTaskFailureVerdict', () => {
  it('names every failure with reason, detail and ARN', () => {
    const v = runTaskFailureVerdict([
      { reason: 'RESOURCE:MEMORY', arn: 'arn:aws:ecs:eu-west-1:1:container-instance/cbi-prod/abc' },
      { reason: 'AGENT', detail: 'agent disconnected' },
    ]);
    expect(v.status).toBe('failed');
    expect(v.headline).toContain('RESOURCE:MEMORY, AGENT');
    expect(v.causes).toEqual([
      'RunTask failure: RESOURCE:MEMORY: (arn:aws:ecs:eu-west-1:1:container-instance/cbi-prod/abc)',
      'RunTask failure: AGENT: agent disconnected',
    ]);
  });

  it('still fails with a cause when RunTask returned neither task nor failure', () => {
    const v = runTaskFailureVerdict([]);
    expect(v.status).toBe('failed');
    expect(v.causes).toHaveLength(1);
  });
});

describe('stop codes from the ECS model', () => {
  it('counts every stop code but EssentialContainerExited and TaskFailedToStart as an interruption', async () => {
    const { TaskStopCode } = await import('@aws-sdk/client-ecs');
    const { INTERRUPTION_STOP_CODES } = await import('../../../src/run-migration/verdict.js');
    const model = Object.values(TaskStopCode).filter(
      (c) => c !== 'EssentialContainerExited' && c !== 'TaskFailedToStart',
    );
    expect([...INTERRUPTION_STOP_CODES].sort()).toEqual([...model].sort());
  });
});
