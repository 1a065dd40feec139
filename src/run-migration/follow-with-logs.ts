/**
 * Follows the started task until it is STOPPED (or the step times out or is cancelled) while
 * streaming the target container's awslogs output. Both are bounded by the action's deadline.
 * After STOPPED the follower drains what is left for at most DRAIN_MS (a stream that never
 * answers cannot hold the verdict); on timeout or cancellation it is halted at once (its read
 * in flight aborted), so StopTask is not delayed.
 */
import { info, safeAnnotation } from '../lib/log.js';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient, Task } from '@aws-sdk/client-ecs';
import * as core from '@actions/core';
import { createClient } from '../lib/aws.js';
import { settlesWithin, type Deadline } from '../lib/deadline.js';
import type { ActionContext } from '../lib/run.js';
import { formatSeconds } from '../lib/summary.js';
import type { ContainerDoc } from '../lib/task-definition.js';
import { followTask } from './follow-task.js';
import type { Inputs } from './inputs.js';
import { LogFollower } from './log-follower.js';
import { logTargetFor } from './log-target.js';
import type { MigrationReport } from './report.js';
import { taskIdOf } from './verdict.js';

/** Longest drain of the log stream after STOPPED, and the least it gets near the deadline. */
export const DRAIN_MS = 30_000;
const MIN_DRAIN_MS = 2_000;

export type Followed =
  | { outcome: 'stopped'; task: Task; logs: Partial<MigrationReport> }
  | { outcome: 'timed-out' | 'cancelled'; task?: Task; logs: Partial<MigrationReport> };

export async function followWithLogs(
  ctx: ActionContext,
  ecs: ECSClient,
  inputs: Inputs,
  run: {
    taskArn: string;
    container: ContainerDoc;
    started: number;
    deadline: Deadline;
  },
): Promise<Followed> {
  const intervalMs = inputs['poll-interval-seconds'];
  let follower: LogFollower | undefined;
  let logs: Partial<MigrationReport> = {};
  if (inputs.logs) {
    const found = logTargetFor(run.container, run.taskArn);
    if ('target' in found) {
      const region = found.target.region;
      const client = createClient(CloudWatchLogsClient, {}, region ? { region } : {});
      const name = String(run.container.name);
      follower = new LogFollower(client, found.target, {
        intervalMs,
        print: (line) => info(`${name} | ${line}`),
        warn: (message) => core.warning(safeAnnotation(message)),
        info,
        // No retry of a log fault begins after the deadline.
        deadline: run.deadline,
        // Cancellation halts it; the deadline does through followTask, and the drain has its own bound.
        signal: ctx.signal,
      });
      info(`Streaming ${found.target.group} / ${found.target.stream}`);
      logs = { logTarget: found.target };
    } else {
      info(`No live logs: ${found.unavailable}`);
      logs = { logNote: found.unavailable };
    }
  } else {
    logs = { logNote: "not streamed ('logs: false')" };
  }
  const streaming = follower?.run();
  const result = await followTask(ecs, {
    cluster: inputs.cluster,
    taskArn: run.taskArn,
    intervalMs,
    deadline: run.deadline,
    signal: ctx.signal,
    onStatus: (t) =>
      info(
        `Task ${taskIdOf(run.taskArn)} is ${t.lastStatus}${t.lastStatus === 'STOPPED' && t.stoppedReason ? ` (${t.stoppedReason})` : ''}.`,
      ),
    // Throttling is told by the poller: one warning per episode of faults, one line after it.
    info,
  });
  if (follower && streaming) {
    if (result.outcome === 'stopped') {
      follower.taskStopped();
      const drainMs = Math.min(DRAIN_MS, Math.max(MIN_DRAIN_MS, run.deadline.remaining()));
      if (!(await settlesWithin(streaming, drainMs))) {
        follower.halt();
        core.warning(
          `The log stream ${follower.target.group}/${follower.target.stream} was not read to its end within ${formatSeconds(drainMs)} after the task stopped; the verdict does not depend on it.`,
        );
      }
    } else {
      // Timed out or cancelled: the task must be stopped first; halt() aborts the read in flight.
      follower.halt();
    }
    await streaming;
  }
  if (follower) logs = { ...logs, lastLines: follower.lastLines };
  return result.outcome === 'stopped'
    ? { outcome: 'stopped', task: result.task, logs }
    : { outcome: result.outcome, ...(result.task ? { task: result.task } : {}), logs };
}
