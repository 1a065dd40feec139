/**
 * The last log lines of a failed deployment's stopped essential containers, and the console
 * links that go with them. The CloudWatch Logs client is loaded only here, on failure, so a
 * deployment that succeeds loads no extra chunk.
 */
import * as core from '@actions/core';
import type { Task } from '@aws-sdk/client-ecs';
import { createClient } from '../lib/aws.js';
import { messageOf } from '../lib/errors.js';
import { regionOfArn, serviceDeploymentsConsoleUrl, taskConsoleUrl } from '../lib/awslogs.js';
import { stoppedContainerTails, tailTitle, type ContainerTail } from '../lib/stopped-tasks.js';
import type { TaskDefinitionDoc } from '../lib/task-definition.js';
import { MAX_STOPPED_TASKS } from './causes.js';
import type { ServicePlan } from './render.js';
import type { Cause } from './types.js';

export const TAIL_LINES = 20;

export type TailReader = (
  tasks: readonly Task[],
  definition: TaskDefinitionDoc,
) => Promise<ContainerTail[]>;

/** Reads the tails through a CloudWatch Logs client created on the first call. */
export function lazyTailReader(): TailReader {
  let client: Promise<Parameters<typeof stoppedContainerTails>[0]> | undefined;
  return async (tasks, definition) => {
    if (tasks.length === 0) return [];
    const region = regionOfArn(tasks[0]!.taskArn ?? '');
    client ??= import('@aws-sdk/client-cloudwatch-logs').then(({ CloudWatchLogsClient }) =>
      createClient(CloudWatchLogsClient, {}, region ? { region } : {}),
    );
    return stoppedContainerTails(await client, tasks, definition, { lines: TAIL_LINES });
  };
}

/** One details cause per tail: its last lines, or why there are none. */
export function tailCauses(service: string, tails: readonly ContainerTail[]): Cause[] {
  return tails.map((tail) => ({
    title: `${service}: last lines of ${tailTitle(tail)}`,
    message: tail.lines.length > 0 ? tail.lines.join('\n') : `(no lines: ${tail.note ?? 'none'})`,
    details: true,
  }));
}

/** The service's deployments tab and each stopped task, in the ECS console. */
export function consoleCause(
  service: string,
  serviceArn: string | undefined,
  cluster: string,
  tasks: readonly Task[],
): Cause | undefined {
  const region = regionOfArn(serviceArn ?? '') ?? regionOfArn(tasks[0]?.taskArn ?? '');
  if (!region) return undefined;
  const links = [
    `[deployments of ${service}](${serviceDeploymentsConsoleUrl(cluster, service, region)})`,
    ...tasks
      .filter((t) => t.taskArn)
      .map(
        (t) =>
          `[task ${t.taskArn!.split('/').pop()}](${taskConsoleUrl(t.taskArn!, cluster, region)})`,
      ),
  ];
  return {
    title: `${service}: in the ECS console`,
    message: `In the ECS console: ${links.join(', ')}.`,
  };
}

const defaultTails = lazyTailReader();

/**
 * What a failed deployment's summary adds to its causes: the last log lines of the newest
 * stopped tasks' essential containers, and the console links. Never throws.
 */
export async function failureDetails(
  plan: Pick<ServicePlan, 'name' | 'service' | 'target'>,
  cluster: string,
  stopped: readonly Task[],
  readTails: TailReader = defaultTails,
): Promise<Cause[]> {
  const newest = stopped.slice(0, MAX_STOPPED_TASKS);
  const causes: Cause[] = [];
  const definition = plan.target?.definition;
  if (definition && newest.length > 0) {
    const tails = await readTails(newest, definition).catch((error: unknown) => {
      core.warning(
        `${plan.name}: could not read the stopped containers' logs: ${messageOf(error)}`,
      );
      return [];
    });
    causes.push(...tailCauses(plan.name, tails));
  }
  const links = consoleCause(plan.name, plan.service.serviceArn, cluster, newest);
  if (links) causes.push(links);
  return causes;
}
