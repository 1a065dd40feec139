/**
 * The exclusive check: another task of the same migration (same startedBy, same family) that is
 * PENDING or RUNNING blocks a new start. A task carrying this run's own client token is not
 * another migration: it is this step's task from an earlier attempt, and RunTask with the same
 * token returns it instead of starting a second one.
 */
import {
  DescribeTasksCommand,
  paginateListTasks,
  type ECSClient,
  type Task,
} from '@aws-sdk/client-ecs';
import { chunks } from '../lib/chunks.js';
import { CLIENT_TOKEN_TAG } from './identity.js';
import { arnTail } from '../lib/arn.js';

export const familyOfArn = (taskDefinitionArn: string): string =>
  arnTail(taskDefinitionArn).split(':')[0] ?? '';

export interface ActiveTasks {
  own?: Task;
  others: Task[];
}

/** Pure: which of the listed tasks block this start. */
export function classifyActiveTasks(
  tasks: readonly Task[],
  family: string,
  clientToken: string,
): ActiveTasks {
  const result: ActiveTasks = { others: [] };
  for (const task of tasks) {
    if (task.lastStatus === 'STOPPED' || task.lastStatus === 'DELETED') continue;
    if (familyOfArn(task.taskDefinitionArn ?? '') !== family) continue;
    const token = task.tags?.find((t) => t.key === CLIENT_TOKEN_TAG)?.value;
    if (token === clientToken) result.own = task;
    else result.others.push(task);
  }
  return result;
}

export async function activeMigrationTasks(
  ecs: ECSClient,
  cluster: string,
  startedBy: string,
): Promise<Task[]> {
  // ECS allows no other filter next to startedBy; the family is checked on the described tasks.
  const arns: string[] = [];
  for await (const page of paginateListTasks({ client: ecs }, { cluster, startedBy })) {
    arns.push(...(page.taskArns ?? []));
  }
  const tasks: Task[] = [];
  for (const batch of chunks(arns, 100)) {
    const out = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: batch, include: ['TAGS'] }),
    );
    tasks.push(...(out.tasks ?? []));
  }
  return tasks;
}
