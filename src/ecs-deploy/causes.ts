/**
 * Why a deployment failed, in words: the rollout reason, the failed-task count, the newest stopped
 * tasks of the new revision (stoppedReason and each container's exit code and reason) and the
 * service events since the deploy began. Formatting is pure; `collectStoppedTasks` does the reads.
 */
import {
  DescribeTasksCommand,
  ListTasksCommand,
  type ECSClient,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import type { Cause } from './types.js';
import { arnTail } from '../lib/arn.js';
import { dedupeCauses, formatCountedCause } from '../lib/stopped-tasks.js';

export const MAX_STOPPED_TASKS = 3;
export const MAX_EVENTS = 10;

const taskId = (arn: string | undefined): string => (arn ? arnTail(arn) : '(unknown task)');

/** One line per stopped task: why it stopped and how each container ended. */
export function describeStoppedTask(task: Task): string {
  const containers = (task.containers ?? []).map((c) => {
    const exit =
      c.exitCode === undefined || c.exitCode === null ? 'no exit code' : `exit code ${c.exitCode}`;
    return `${c.name}: ${exit}${c.reason ? ` (${c.reason})` : ''}`;
  });
  const when = task.stoppedAt ? ` at ${task.stoppedAt.toISOString()}` : '';
  const code = task.stopCode ? ` [${task.stopCode}]` : '';
  return `Task ${taskId(task.taskArn)} stopped${when}${code}: ${task.stoppedReason ?? 'no reason given'}${containers.length ? `; ${containers.join('; ')}` : ''}`;
}

/**
 * The newest stopped tasks that belong to our deployment: by startedBy, else (a task without it,
 * or no `deploymentId` known) by revision.
 */
export function newestStoppedTasks(
  tasks: readonly Task[],
  deploymentId: string,
  taskDefinitionArn: string,
  limit = MAX_STOPPED_TASKS,
): Task[] {
  return tasks
    .filter(
      (t) =>
        t.lastStatus === 'STOPPED' || t.desiredStatus === 'STOPPED' || t.stoppedAt !== undefined,
    )
    .filter((t) =>
      t.startedBy && deploymentId
        ? t.startedBy === deploymentId
        : t.taskDefinitionArn === taskDefinitionArn,
    )
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
    .slice(0, limit);
}

/** Service events since `since` (epoch ms), oldest first, at most `limit` of the newest. */
export function eventsSince(
  service: Service | undefined,
  since: number,
  limit = MAX_EVENTS,
): string[] {
  // ECS lists events newest first: reverse, so a stable sort keeps events of the same second in order.
  return [...(service?.events ?? [])]
    .reverse()
    .filter((e) => (e.createdAt?.getTime() ?? 0) >= since - 1000)
    .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
    .slice(-limit)
    .map(
      (e) =>
        `${e.createdAt ? e.createdAt.toISOString().slice(11, 19) : '--:--:--'} ${e.message ?? ''}`,
    );
}

export interface CauseInput {
  service: string;
  /** The judge's message (the verdict in words). */
  verdict: string;
  rolloutStateReason?: string;
  failedTasks?: number;
  stoppedTasks: readonly Task[];
  events: readonly string[];
}

export function buildCauses(input: CauseInput): Cause[] {
  const causes: Cause[] = [
    { title: `${input.service}: deployment failed`, message: input.verdict },
  ];
  if (
    input.rolloutStateReason &&
    !input.verdict.includes(input.rolloutStateReason.replace(/\.+$/, ''))
  ) {
    causes.push({ title: `${input.service}: rollout`, message: input.rolloutStateReason });
  }
  if (input.failedTasks && input.failedTasks > 0) {
    causes.push({
      title: `${input.service}: failed tasks`,
      message: `${input.failedTasks} task${input.failedTasks === 1 ? '' : 's'} of the new revision failed to start or stay healthy.`,
    });
  }
  // Tasks that stopped for the same reason make one line, with how many did.
  for (const cause of dedupeCauses(input.stoppedTasks.map(describeStoppedTask))) {
    causes.push({ title: `${input.service}: task stopped`, message: formatCountedCause(cause) });
  }
  if (input.events.length > 0) {
    causes.push({
      title: `${input.service}: service events since the deploy began`,
      message: input.events.join('\n'),
    });
  }
  return causes;
}

/** Reads the newest stopped tasks of the service (ListTasks STOPPED, then DescribeTasks). */
export async function collectStoppedTasks(
  ecs: Pick<ECSClient, 'send'>,
  cluster: string,
  service: string,
  deploymentId: string,
  taskDefinitionArn: string,
): Promise<Task[]> {
  const listed = await ecs.send(
    new ListTasksCommand({
      cluster,
      serviceName: service,
      desiredStatus: 'STOPPED',
      maxResults: 100,
    }),
  );
  const arns = listed.taskArns ?? [];
  if (arns.length === 0) return [];
  const described = await ecs.send(
    new DescribeTasksCommand({ cluster, tasks: arns.slice(0, 100) }),
  );
  // All of ours, newest first: the causes count every one; only the first few get their logs read.
  return newestStoppedTasks(described.tasks ?? [], deploymentId, taskDefinitionArn, 100);
}
