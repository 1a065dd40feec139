/**
 * Follows the started task until it is STOPPED (or the step times out or is cancelled) while
 * streaming the target container's awslogs output; the log follower drains after STOPPED and
 * is halted at once on timeout or cancellation, so StopTask is not delayed.
 */
import { info } from '../lib/log.js';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient, Task } from '@aws-sdk/client-ecs';
import * as core from '@actions/core';
import { createClient } from '../lib/aws.js';
import { sleep } from '../lib/cancellation.js';
import type { ActionContext } from '../lib/run.js';
import { formatSeconds } from '../lib/summary.js';
import type { ContainerDoc } from '../lib/task-definition.js';
import { followTask } from './follow-task.js';
import type { Inputs } from './inputs.js';
import { LogFollower } from './log-follower.js';
import { logTargetFor } from './log-target.js';
import type { MigrationReport } from './report.js';
import { taskIdOf } from './verdict.js';

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
        warn: (message) => core.warning(message),
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
  const onAbort = (): void => follower?.halt();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const streaming = follower?.run();
  const result = await followTask(ecs, {
    cluster: inputs.cluster,
    taskArn: run.taskArn,
    intervalMs,
    deadline: run.started + inputs['timeout-minutes'],
    signal: ctx.signal,
    onStatus: (t) =>
      info(
        `Task ${taskIdOf(run.taskArn)} is ${t.lastStatus}${t.lastStatus === 'STOPPED' && t.stoppedReason ? ` (${t.stoppedReason})` : ''}.`,
      ),
    onThrottle: (delay) =>
      info(`DescribeTasks is throttled; next poll in ${formatSeconds(delay)}.`),
  });
  if (result.outcome === 'stopped') {
    follower?.taskStopped();
    await streaming;
  } else {
    // Timed out or cancelled: the task must be stopped first; a read in flight is not awaited long.
    follower?.halt();
    await Promise.race([streaming, sleep(1000)]);
  }
  ctx.signal.removeEventListener('abort', onAbort);
  if (follower) logs = { ...logs, lastLines: follower.lastLines };
  return result.outcome === 'stopped'
    ? { outcome: 'stopped', task: result.task, logs }
    : { outcome: result.outcome, ...(result.task ? { task: result.task } : {}), logs };
}
