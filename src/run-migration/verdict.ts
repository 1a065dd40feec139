/**
 * The verdict on a migration task, as pure functions over what ECS returned: RunTask failures,
 * a task that failed to start, a target container without an exit code, or any essential
 * container exiting non-zero fail the step, each naming its cause.
 */
import type { Container, Failure, Task } from '@aws-sdk/client-ecs';
import { arnTail } from '../lib/arn.js';

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

export const taskIdOf = arnTail;

const reasonOf = (c: Container): string => (c.reason ? ` (reason: ${c.reason})` : '');

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

/**
 * RunTask got no definite answer and no task with this step's token exists: nothing is known to
 * run. Not a refusal: ECS did not say no.
 */
export function unknownStartVerdict(detail: string, cluster: string, startedBy: string): Verdict {
  const message = `The migration task may not have started: ${detail}. Check for a task started by ${startedBy} with 'aws ecs list-tasks --cluster ${cluster} --started-by ${startedBy}' before re-running the step (a re-run of the same attempt sends the same client token, so it cannot start a second task).`;
  return { status: 'failed', headline: message, causes: [message], notes: [] };
}

/**
 * Stop codes that mean the task was stopped from outside before it could finish: its exit code
 * (often 0 after SIGTERM) says nothing about the migration. Any code but EssentialContainerExited
 * (and TaskFailedToStart, judged on its own) counts, including codes newer than this list.
 */
export const INTERRUPTION_STOP_CODES = [
  'SpotInterruption',
  'TerminationNotice',
  'UserInitiated',
  'ServiceSchedulerInitiated',
  'InfrastructureHealth',
] as const;

function interruption(task: Task): string | undefined {
  const stopCode = task.stopCode;
  if (stopCode === undefined || stopCode === 'EssentialContainerExited') return undefined;
  if (stopCode === 'TaskFailedToStart') return undefined;
  const why: Record<string, string> = {
    SpotInterruption: 'Fargate Spot or EC2 Spot reclaimed the capacity',
    TerminationNotice: 'the container instance was being terminated',
    UserInitiated: 'someone or something called StopTask',
    ServiceSchedulerInitiated: 'the service scheduler stopped it',
    InfrastructureHealth: 'ECS stopped it for an infrastructure health problem',
  };
  return `was interrupted (stop code ${stopCode}: ${why[stopCode] ?? 'stopped from outside the task'}${task.stoppedReason ? `; ${task.stoppedReason}` : ''})`;
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
  const stopped = `task stopped reason: ${task.stoppedReason ?? 'none given'}`;
  const id = taskIdOf(task.taskArn ?? '');

  const interrupted = interruption(task);
  if (interrupted) {
    causes.push(
      `Task ${id} ${interrupted}: the migration may not have run to its end, whatever the exit code (${exitCode === undefined ? 'none' : exitCode}). Check the database state and the logs, then re-run the step.`,
    );
  }
  if (task.stopCode === 'TaskFailedToStart') {
    causes.push(`Task ${id} failed to start: ${task.stoppedReason ?? 'no reason given'}.`);
    for (const c of containers) {
      if (c.reason && c.reason !== task.stoppedReason)
        causes.push(`Container '${c.name}': ${c.reason}.`);
    }
  }
  if (!targetContainer) {
    causes.push(`Task ${id} has no container '${target}'; ${stopped}.`);
  } else if (targetContainer.exitCode === undefined || targetContainer.exitCode === null) {
    if (task.stopCode !== 'TaskFailedToStart') {
      causes.push(
        `Migration container '${target}' has no exit code: it did not run to completion${reasonOf(targetContainer)}; ${stopped}.`,
      );
    }
  }
  for (const c of containers) {
    if (c.exitCode === undefined || c.exitCode === null || c.exitCode === 0) continue;
    if (!essential(c.name)) {
      notes.push(
        `Non-essential container '${c.name}' exited ${c.exitCode}${reasonOf(c)}; it does not fail the migration.`,
      );
      continue;
    }
    const who = c.name === target ? 'Migration container' : 'Essential container';
    causes.push(`${who} '${c.name}' exited ${c.exitCode}${reasonOf(c)}; ${stopped}.`);
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
