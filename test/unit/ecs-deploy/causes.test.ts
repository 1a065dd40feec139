import { describe, expect, it } from '@jest/globals';
import type { Task } from '@aws-sdk/client-ecs';
import {
  buildCauses,
  describeStoppedTask,
  eventsSince,
  newestStoppedTasks,
} from '../../../src/ecs-deploy/causes.js';
import { NEW, OLD, OURS, T0, deployment, service } from './fixtures.js';

const at = (s: number): Date => new Date(T0.getTime() + s * 1000);
const task = (id: string, stoppedAt: number, extra: Partial<Task> = {}): Task => ({
  taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/cbi-production/${id}`,
  taskDefinitionArn: NEW,
  startedBy: OURS,
  lastStatus: 'STOPPED',
  desiredStatus: 'STOPPED',
  stoppedAt: at(stoppedAt),
  stopCode: 'EssentialContainerExited',
  stoppedReason: 'Essential container in task exited',
  containers: [{ name: 'api', exitCode: 1 }],
  ...extra,
});

describe('describeStoppedTask', () => {
  it("names the task, stop code, reason and every container's exit", () => {
    expect(
      describeStoppedTask(
        task('0a1b', 10, {
          containers: [
            {
              name: 'api',
              exitCode: 137,
              reason: 'OutOfMemoryError: Container killed due to memory usage',
            },
            { name: 'log-router', exitCode: 0 },
          ],
        }),
      ),
    ).toBe(
      'Task 0a1b stopped at 2026-11-23T09:00:10.000Z [EssentialContainerExited]: Essential container in task exited; api: exit code 137 (OutOfMemoryError: Container killed due to memory usage); log-router: exit code 0',
    );
  });
  it('says when a container has no exit code (it never ran)', () => {
    expect(
      describeStoppedTask(
        task('0c0d', 5, {
          stopCode: 'TaskFailedToStart',
          stoppedReason: 'CannotPullContainerError: not found',
          containers: [{ name: 'api' }],
        }),
      ),
    ).toContain('[TaskFailedToStart]: CannotPullContainerError: not found; api: no exit code');
  });
});

describe('newestStoppedTasks', () => {
  it('keeps our deployment, newest first, at most three', () => {
    const tasks = [
      task('a', 1),
      task('b', 4),
      task('c', 3),
      task('d', 2),
      task('old', 9, { startedBy: 'ecs-svc/0000000000000000000', taskDefinitionArn: OLD }),
      task('running', 0, { lastStatus: 'RUNNING', desiredStatus: 'RUNNING', stoppedAt: undefined }),
    ];
    expect(newestStoppedTasks(tasks, OURS, NEW).map((t) => t.taskArn!.split('/').pop())).toEqual([
      'b',
      'c',
      'd',
    ]);
  });
  it('falls back to the revision when tasks carry no startedBy', () => {
    const tasks = [
      task('x', 1, { startedBy: undefined }),
      task('y', 2, { startedBy: undefined, taskDefinitionArn: OLD }),
    ];
    expect(newestStoppedTasks(tasks, OURS, NEW)).toHaveLength(1);
  });
});

describe('eventsSince', () => {
  it('keeps events since the deploy began, oldest first, the newest ten', () => {
    const events = Array.from({ length: 14 }, (_, i) => ({
      id: String(i),
      createdAt: at(i - 2),
      message: `(service cbi-api) event ${i}`,
    })).reverse();
    const lines = eventsSince(service([deployment()], { events }), T0.getTime());
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('09:00:02 (service cbi-api) event 4');
    expect(lines[9]).toBe('09:00:11 (service cbi-api) event 13');
    expect(eventsSince(undefined, 0)).toEqual([]);
  });
});

describe('buildCauses', () => {
  it('lists verdict, failed tasks, stopped tasks and events, without repeating the reason', () => {
    const causes = buildCauses({
      service: 'cbi-api',
      verdict: 'cbi-api: ... FAILED: ECS deployment circuit breaker: tasks failed to start.',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      failedTasks: 3,
      stoppedTasks: [task('a', 1)],
      events: ['09:00:01 one', '09:00:02 two'],
    });
    expect(causes.map((c) => c.title)).toEqual([
      'cbi-api: deployment failed',
      'cbi-api: failed tasks',
      'cbi-api: task stopped',
      'cbi-api: service events since the deploy began',
    ]);
    expect(causes[1]!.message).toBe('3 tasks of the new revision failed to start or stay healthy.');
    expect(causes[3]!.message).toBe('09:00:01 one\n09:00:02 two');
  });
  it('adds the rollout reason when the verdict does not carry it', () => {
    const causes = buildCauses({
      service: 'cbi-api',
      verdict: 'cbi-api: did not finish within 600s.',
      rolloutStateReason: 'ECS deployment ecs-svc/1 in progress.',
      stoppedTasks: [],
      events: [],
    });
    expect(causes.map((c) => c.title)).toEqual(['cbi-api: deployment failed', 'cbi-api: rollout']);
  });
});
