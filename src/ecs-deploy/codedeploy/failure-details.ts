/**
 * What a failed CodeDeploy blue/green deployment's summary adds, as the rolling and native ones
 * do: the replacement task set's stopped tasks (each cause told once, with how many tasks), the
 * last log lines of their stopped essential containers, and console links to the CodeDeploy
 * deployment and the ECS service. The reads are bounded (`detailsBudgetMs`); a cancelled run gets
 * the links only. Never throws: a summary must not fail for want of details.
 */
import * as core from '@actions/core';
import type { ECSClient, Service, Task } from '@aws-sdk/client-ecs';
import { regionOfArn } from '../../lib/awslogs.js';
import { timedSignal, untilAborted } from '../../lib/deadline.js';
import { messageOf } from '../../lib/errors.js';
import { formatSeconds } from '../../lib/summary.js';
import { dedupeCauses, formatCountedCause } from '../../lib/stopped-tasks.js';
import type { TaskDefinitionDoc } from '../../lib/task-definition.js';
import { collectStoppedTasks, describeStoppedTask, MAX_STOPPED_TASKS } from '../causes.js';
import { consoleCause, lazyTailReader, tailCauses, type TailReader } from '../container-tails.js';
import type { Cause } from '../types.js';

/** The reads get what is left of the wait, but at least the first and at most the second. */
export const DETAILS_MIN_MS = 5_000;
export const DETAILS_MAX_MS = 15_000;

/** How long the reads may take: none when the run was cancelled (it must end before SIGTERM). */
export function detailsBudgetMs(cancelled: boolean, deadline: number, now: number): number {
  if (cancelled) return 0;
  return Math.min(DETAILS_MAX_MS, Math.max(DETAILS_MIN_MS, deadline - now));
}

export function codeDeployConsoleUrl(deploymentId: string, region: string): string {
  return (
    `https://${region}.console.aws.amazon.com/codesuite/codedeploy/deployments/` +
    `${encodeURIComponent(deploymentId)}?region=${region}`
  );
}

export interface DetailsRequest {
  service: Service;
  cluster: string;
  deploymentId: string;
  /**
   * The replacement task set (its tasks' `startedBy`), when a snapshot showed it; otherwise the
   * service's stopped tasks of the deployed revision are the replacement's (the original task
   * set runs the previous one).
   */
  taskSetId?: string;
  taskDefinitionArn: string;
  /** The deployed revision's definition: where its containers log. */
  definition?: TaskDefinitionDoc;
  budgetMs: number;
  ecs?: Pick<ECSClient, 'send'>;
  readTails?: TailReader;
}

const defaultTails = lazyTailReader();

async function bounded<T>(
  what: string,
  work: Promise<T>,
  signal: AbortSignal,
  budgetMs: number,
  fallback: T,
): Promise<T> {
  try {
    return await untilAborted(work, signal);
  } catch (error) {
    const why = signal.aborted ? `no answer within ${formatSeconds(budgetMs)}` : messageOf(error);
    core.warning(`${what}: ${why}; the summary goes without it.`);
    return fallback;
  }
}

/** The stopped replacement tasks' causes and containers' last lines, within the budget. */
async function taskCauses(r: DetailsRequest, name: string): Promise<[Cause[], Task[]]> {
  if (!r.ecs || r.budgetMs <= 0) return [[], []];
  const bound = timedSignal(r.budgetMs);
  try {
    const stopped = await bounded(
      `${name}: could not read the replacement task set's stopped tasks`,
      collectStoppedTasks(r.ecs, r.cluster, name, r.taskSetId ?? '', r.taskDefinitionArn),
      bound.signal,
      r.budgetMs,
      [],
    );
    const causes: Cause[] = dedupeCauses(stopped.map(describeStoppedTask)).map((c) => ({
      title: `${name}: task stopped`,
      message: formatCountedCause(c),
    }));
    const newest = stopped.slice(0, MAX_STOPPED_TASKS);
    if (r.definition && newest.length > 0) {
      const tails = await bounded(
        `${name}: could not read the stopped containers' logs`,
        (r.readTails ?? defaultTails)(newest, r.definition),
        bound.signal,
        r.budgetMs,
        [],
      );
      causes.push(...tailCauses(name, tails));
    }
    return [causes, newest];
  } finally {
    bound.dispose();
  }
}

export async function failureDetails(r: DetailsRequest): Promise<Cause[]> {
  const name = r.service.serviceName ?? '';
  const [causes, tasks] = await taskCauses(r, name);
  const region = regionOfArn(r.service.serviceArn ?? '') ?? regionOfArn(r.taskDefinitionArn);
  if (region)
    causes.push({
      title: `${name}: in the CodeDeploy console`,
      message: `In the CodeDeploy console: [deployment ${r.deploymentId}](${codeDeployConsoleUrl(r.deploymentId, region)}).`,
    });
  const links = consoleCause(name, r.service.serviceArn, r.cluster, tasks);
  if (links) causes.push(links);
  return causes;
}
