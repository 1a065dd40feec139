/**
 * What a failure summary says about stopped tasks, for any action that starts tasks (ecs-deploy's
 * failed deployments, run-migration): the causes, each told once with how many tasks share it
 * (six tasks failing with the same CannotPullContainerError make one line, not six), and the last
 * log lines of each stopped essential container, read from awslogs (bounded: a few tasks, one
 * GetLogEvents per container).
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Task } from '@aws-sdk/client-ecs';
import { arnTail } from './arn.js';
import { lastLogLines, logTargetFor, type LogTarget } from './awslogs.js';
import type { TaskDefinitionDoc } from './task-definition.js';

export interface CountedCause {
  /** The first text seen for this cause, as it was. */
  text: string;
  count: number;
}

/** What differs between tasks with the same cause: ids, ARNs, times, addresses. */
export function causeKey(text: string): string {
  return text
    .replace(/arn:aws[a-z-]*:[^\s,;)"']+/g, '<arn>')
    .replace(/\b[0-9a-f]{32}\b/g, '<id>')
    .replace(/\b\d{4}-\d\d-\d\dT[\d:.]+Z\b/g, '<time>')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Causes in first-seen order, each once, with how often it occurred. */
export function dedupeCauses(causes: readonly string[]): CountedCause[] {
  const byKey = new Map<string, CountedCause>();
  for (const text of causes) {
    const key = causeKey(text);
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { text, count: 1 });
  }
  return [...byKey.values()];
}

/** `text` or `text (6 tasks)`. */
export function formatCountedCause(cause: CountedCause, unit = 'tasks'): string {
  return cause.count > 1 ? `${cause.text} (${cause.count} ${unit})` : cause.text;
}

export interface ContainerTail {
  taskArn: string;
  container: string;
  exitCode?: number;
  target?: LogTarget;
  lines: string[];
  /** Why there are no lines (no awslogs, or the read failed). */
  note?: string;
}

/**
 * The last lines of every essential container of the given stopped tasks that has an exit code
 * or a reason, at most `maxTasks` tasks. A read that fails gives a note, never an exception: a
 * failure summary must not fail for want of logs.
 */
export async function stoppedContainerTails(
  logs: Pick<CloudWatchLogsClient, 'send'>,
  tasks: readonly Task[],
  definition: TaskDefinitionDoc,
  options: { lines?: number; maxTasks?: number } = {},
): Promise<ContainerTail[]> {
  const tails: ContainerTail[] = [];
  for (const task of tasks.slice(0, options.maxTasks ?? 3)) {
    for (const doc of definition.containerDefinitions ?? []) {
      if (doc.essential === false) continue;
      const name = String(doc.name);
      const state = task.containers?.find((c) => c.name === name);
      const tail: ContainerTail = { taskArn: task.taskArn ?? '', container: name, lines: [] };
      if (state?.exitCode !== undefined && state.exitCode !== null) tail.exitCode = state.exitCode;
      const found = logTargetFor(doc, task.taskArn ?? '');
      if ('unavailable' in found) {
        tail.note = found.unavailable;
      } else {
        tail.target = found.target;
        try {
          tail.lines = await lastLogLines(logs, found.target, options.lines ?? 20);
          if (tail.lines.length === 0) tail.note = 'the log stream has no lines.';
        } catch (error) {
          tail.note = `its log stream could not be read (${(error as Error).name ?? 'error'}: ${(error as Error).message}).`;
        }
      }
      tails.push(tail);
    }
  }
  return tails;
}

/** A heading for a tail in a summary: `api in task 1a2b… (exit 3)`. */
export function tailTitle(tail: ContainerTail): string {
  const exit = tail.exitCode === undefined ? '' : ` (exit ${tail.exitCode})`;
  return `${tail.container} in task ${arnTail(tail.taskArn)}${exit}`;
}
