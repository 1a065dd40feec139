/**
 * The verdict on a migration task, as pure functions over what ECS returned: RunTask failures,
 * a task that failed to start, a target container without an exit code, or any essential
 * container exiting non-zero fail the step, each naming its cause.
 */
import type { Container, Failure, Task } from '@aws-sdk/client-ecs';

export type MigrationStatus = 'succeeded' | 'failed' | 'timed-out';

export interface Verdict {
  status: MigrationStatus;
  /** Exit code of the target container, when it has one. */
  exitCode?: number;
  /** One line: what happened. */
  headline: string;
  /** Each cause on its own line (also annotated). */
  causes: string[];
  /** Noteworthy but not failing (a non-essential container exiting non-zero). */
  notes: string[];
}

export interface ContainerRole {
  name: string;
  essential: boolean;
}

export const taskIdOf = (taskArn: string): string => taskArn.split('/').pop() ?? taskArn;

function describeContainer(c: Container): string {
  const parts = [`exit code ${c.exitCode ?? 'none'}`];
  if (c.reason) parts.push(`reason: ${c.reason}`);
  if (c.lastStatus && c.lastStatus !== 'STOPPED') parts.push(`last status ${c.lastStatus}`);
  return `container '${c.name}' (${parts.join(', ')})`;
}

const capitalise = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** RunTask answered with failures[] and no task. */
export function runTaskFailureVerdict(failures: readonly Failure[]): Verdict {
  const causes = failures.map((f) => {
    const parts = [f.reason ?? 'unknown reason'];
    if (f.detail) parts.push(f.detail);
    if (f.arn) parts.push(`(${f.arn})`);
    return `RunTask failure: ${parts.join(': ')}`;
  });
  if (causes.length === 0) causes.push('RunTask returned no task and no failure.');
  return {
    status: 'failed',
    headline: `ECS did not start the migration task: ${
      failures
        .map((f) => f.reason)
        .filter(Boolean)
        .join(', ') || 'no reason given'
    }.`,
    causes,
    notes: [],
  };
}

/** Judges a STOPPED task. `target` is the container the migration ran in. */
export function stoppedTaskVerdict(
  task: Task,
  target: string,
  roles: readonly ContainerRole[],
): Verdict {
  const containers = task.containers ?? [];
  const essential = (name: string | undefined): boolean =>
    roles.find((r) => r.name === name)?.essential ?? true;
  const targetContainer = containers.find((c) => c.name === target);
  const exitCode = targetContainer?.exitCode ?? undefined;
  const causes: string[] = [];
  const notes: string[] = [];
  const stopped = task.stoppedReason
    ? `stopped reason: ${task.stoppedReason}`
    : 'no stopped reason';
  const id = taskIdOf(task.taskArn ?? '');

  if (task.stopCode === 'TaskFailedToStart') {
    causes.push(`Task ${id} failed to start (${stopped}).`);
    for (const c of containers) if (c.reason) causes.push(`${capitalise(describeContainer(c))}.`);
  }
  if (!targetContainer) {
    causes.push(`Task ${id} has no container '${target}' (${stopped}).`);
  } else if (targetContainer.exitCode === undefined || targetContainer.exitCode === null) {
    if (task.stopCode !== 'TaskFailedToStart') {
      causes.push(
        `Migration ${describeContainer(targetContainer)} has no exit code: it did not run to completion (${stopped}).`,
      );
    }
  }
  for (const c of containers) {
    if (c.exitCode === undefined || c.exitCode === null || c.exitCode === 0) continue;
    const line = `${c.name === target ? 'Migration ' : ''}${describeContainer(c)} exited non-zero`;
    if (essential(c.name)) causes.push(`${capitalise(line)} (${stopped}).`);
    else notes.push(`Non-essential ${line}; it does not fail the migration.`);
  }

  if (causes.length === 0) {
    return {
      status: 'succeeded',
      exitCode: exitCode ?? 0,
      headline: `Migration task ${id} succeeded: container '${target}' exited 0.`,
      causes,
      notes,
    };
  }
  const verdict: Verdict = {
    status: 'failed',
    headline: `Migration task ${id} failed: ${causes[0]}`,
    causes,
    notes,
  };
  if (exitCode !== undefined) verdict.exitCode = exitCode;
  return verdict;
}
