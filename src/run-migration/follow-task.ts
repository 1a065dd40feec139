/**
 * Follows one task until it is STOPPED by polling DescribeTasks (never the SDK waiter, which
 * may sleep minutes between polls and succeeds whatever the exit code). A task that starts and
 * stops between two polls is simply seen STOPPED and judged by its exit codes.
 */
import {
  DescribeTasksCommand,
  StopTaskCommand,
  type ECSClient,
  type Task,
} from '@aws-sdk/client-ecs';
import { graceSignal } from '../lib/deadline.js';
import { messageOf } from '../lib/errors.js';
import { poll, type PollOptions } from '../lib/poller.js';
import { formatSeconds } from '../lib/summary.js';

type EcsLike = Pick<ECSClient, 'send'>;

export type FollowResult =
  | { outcome: 'stopped'; task: Task; polls: number }
  | { outcome: 'timed-out' | 'cancelled'; task?: Task; polls: number };

export interface FollowOptions extends Pick<
  PollOptions,
  'intervalMs' | 'deadline' | 'signal' | 'clock' | 'sleep'
> {
  cluster: string;
  taskArn: string;
  /** Called with each new lastStatus, e.g. to print `PENDING -> RUNNING`. */
  onStatus?: (task: Task) => void;
  /** Where the one warning per episode of faults goes (default core.warning). */
  warn?: (message: string) => void;
  info?: (message: string) => void;
}

export async function describeTask(
  ecs: EcsLike,
  cluster: string,
  taskArn: string,
  signal?: AbortSignal,
): Promise<Task | undefined> {
  const out = await ecs.send(
    new DescribeTasksCommand({ cluster, tasks: [taskArn] }),
    signal ? { abortSignal: signal } : {},
  );
  return out.tasks?.find((t) => t.taskArn === taskArn) ?? out.tasks?.[0];
}

export async function followTask(ecs: EcsLike, options: FollowOptions): Promise<FollowResult> {
  let last: Task | undefined;
  let lastStatus: string | undefined;
  const pollOptions: PollOptions = {
    intervalMs: options.intervalMs,
    deadline: options.deadline,
    what: `DescribeTasks ${options.taskArn}`,
    ...(options.warn ? { warn: options.warn } : {}),
    ...(options.info ? { info: options.info } : {}),
  };
  if (options.signal) pollOptions.signal = options.signal;
  if (options.clock) pollOptions.clock = options.clock;
  if (options.sleep) pollOptions.sleep = options.sleep;
  const result = await poll<Task>(async (_poll, signal) => {
    // Right after RunTask a task may not be visible yet (failures: MISSING): keep polling.
    const task = await describeTask(ecs, options.cluster, options.taskArn, signal);
    if (!task) return { done: false };
    last = task;
    if (task.lastStatus !== lastStatus) {
      lastStatus = task.lastStatus;
      options.onStatus?.(task);
    }
    return task.lastStatus === 'STOPPED' ? { done: true, value: task } : { done: false };
  }, pollOptions);
  if (result.outcome === 'done')
    return { outcome: 'stopped', task: result.value, polls: result.polls };
  return last
    ? { outcome: result.outcome, task: last, polls: result.polls }
    : { outcome: result.outcome, polls: result.polls };
}

/**
 * Stops the task, bounded in time so it fits in GitHub's cancellation window (SIGTERM 7.5 s
 * after SIGINT, the kill 2.5 s after that). It runs after the deadline or the cancellation has
 * fired, so its bound is its own (`graceSignal`), not theirs. Returns an error message instead
 * of throwing.
 */
export async function stopTask(
  ecs: EcsLike,
  cluster: string,
  taskArn: string,
  reason: string,
  timeoutMs = 5000,
): Promise<{ stopped: true; task?: Task } | { stopped: false; error: string }> {
  try {
    const out = await ecs.send(
      new StopTaskCommand({ cluster, task: taskArn, reason: reason.slice(0, 255) }),
      { abortSignal: graceSignal(timeoutMs) },
    );
    return out.task ? { stopped: true, task: out.task } : { stopped: true };
  } catch (error) {
    return { stopped: false, error: messageOf(error) };
  }
}

export function describeDuration(task: Task | undefined, fallbackMs: number): string {
  const start = task?.startedAt ?? task?.createdAt;
  const end = task?.stoppedAt;
  if (start && end) return formatSeconds(end.getTime() - start.getTime());
  return formatSeconds(fallbackMs);
}
