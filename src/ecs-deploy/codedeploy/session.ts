/**
 * The shared state of one CodeDeploy blue/green deployment after CreateDeployment, and the two
 * ways it can end badly: a failure (cause, CodeDeploy's rollback, verdict) and our timeout or a
 * cancellation (StopDeployment with rollback, followed to its end).
 */
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { sleep as realSleep } from '../../lib/cancellation.js';
import type { BlueGreenRequest, Cause, DeployStatus, Restore, ServiceResult } from '../types.js';
import type { BlueGreenDeps } from './deploy.js';
import {
  DeploymentReader,
  follow,
  followRollbackDeployment,
  stopDeployment,
  type FollowResult,
} from './follow.js';
import {
  failureCauses,
  interruptionReason,
  restoreOf,
  rollbackPhase,
  rollbackSucceeded,
  type RollbackOutcome,
} from './outcome.js';
import type { BlueGreenPlan } from './plan.js';
import { phasesOf, ProgressTracker, type Snapshot } from './progress.js';
import type { WaitBudget } from './traffic.js';
import { expectsAutoRollback, failureCause, stateOf } from './verdict.js';

/** How long a cancelled run spends stopping and following the rollback (GitHub kills at 10 s). */
export const CANCEL_BUDGET_MS = 6_000;
/** The least time given to a rollback after a failure or a timeout. */
export const MIN_ROLLBACK_BUDGET_MS = 5 * 60_000;

export interface Session {
  request: BlueGreenRequest;
  plan: BlueGreenPlan;
  deps: BlueGreenDeps;
  client: CodeDeployClient;
  clock: () => number;
  service: string;
  deploymentId: string;
  budget: WaitBudget;
  rollbackOnFailure: boolean;
  tracker: ProgressTracker;
  reader: DeploymentReader;
  log: (line: string) => void;
  signal: AbortSignal;
  base: (status: DeployStatus, deploymentId: string, message: string) => ServiceResult;
  emit: (
    result: ServiceResult,
    snapshot: Snapshot | undefined,
    tracker: ProgressTracker,
    rollback?: RollbackOutcome,
  ) => Promise<ServiceResult>;
}

export function phasesFor(s: Session, snapshot: Snapshot | undefined, rollback?: RollbackOutcome) {
  return [
    ...phasesOf(s.service, snapshot, s.tracker.trafficChanges, s.clock()),
    ...rollbackPhase(s.service, rollback, s.clock()),
  ];
}

function followRollback(s: Session, id: string, budgetMs: number, pollMs: number) {
  return followRollbackDeployment(s.client, id, {
    intervalMs: pollMs,
    deadline: s.clock() + budgetMs,
    log: s.log,
    clock: s.clock,
    ...(s.deps.sleep ? { sleep: s.deps.sleep } : {}),
  });
}

/** The end of a deployment that failed or stopped: cause, CodeDeploy's rollback, verdict. */
export async function judgeFailure(
  s: Session,
  snapshot: Snapshot,
  budgetMs: number,
  pollMs: number,
  extra: Cause[],
  status?: DeployStatus,
  restore?: (r: RollbackOutcome | undefined) => Restore,
): Promise<ServiceResult> {
  const { deps, reader, deploymentId, service, base, log, emit, tracker } = s;
  let latest = snapshot;
  const expected = expectsAutoRollback(latest.deployment);
  if (expected && !latest.deployment.rollbackInfo?.rollbackDeploymentId) {
    // CodeDeploy may name the rollback deployment a moment after the failure.
    for (let i = 0; i < 3 && !latest.deployment.rollbackInfo?.rollbackDeploymentId; i++) {
      await (deps.sleep ?? realSleep)(Math.min(pollMs, 1000));
      latest = await reader.read();
    }
  }
  const rollbackId = latest.deployment.rollbackInfo?.rollbackDeploymentId;
  const rollback = rollbackId ? await followRollback(s, rollbackId, budgetMs, pollMs) : undefined;
  const cause = failureCause(latest.deployment, latest.target);
  const verdict: DeployStatus = status ?? (rollbackSucceeded(rollback) ? 'rolled-back' : 'failed');
  const what =
    cause.errorCode === 'ALARM_ACTIVE'
      ? 'stopped by an alarm'
      : cause.failedEvent !== undefined
        ? `${cause.failedEvent.name} failed`
        : (cause.status ?? 'failed').toLowerCase();
  const result = base(
    verdict,
    deploymentId,
    `CodeDeploy deployment ${deploymentId} ${what}${rollbackSucceeded(rollback) ? `; rolled back by ${rollback!.deploymentId}` : ''}`,
  );
  result.causes.push(...extra, ...failureCauses(service, cause, rollback, expected));
  result.phases = phasesFor(s, latest, rollback);
  if (restore) result.restore = restore(rollback);
  for (const c of result.causes) log(c.message);
  return emit(result, latest, tracker, rollback);
}

/** Our timeout or a cancellation: stop the deployment ourselves, follow the stop and the rollback. */
export async function interrupted(s: Session, followed: FollowResult): Promise<ServiceResult> {
  const { request, deps, client, clock, service, deploymentId, budget, tracker, reader } = s;
  const { rollbackOnFailure, base, emit, log, signal } = s;
  const intervalMs = request.options.pollIntervalMs;
  const cancelled = followed.outcome === 'cancelled';
  const signalName =
    (signal.reason as { signalName?: string } | undefined)?.signalName ?? 'cancelled';
  const latest = followed.snapshot;
  const why = interruptionReason({ cancelled, signalName, deploymentId, snapshot: latest, budget });
  log(why);
  const status: DeployStatus = cancelled ? 'failed' : 'timed-out';
  const title = `${service}: ${cancelled ? 'cancelled' : 'timed out'}`;
  if (!cancelled && !rollbackOnFailure) {
    const result = base(
      status,
      deploymentId,
      `timed out; deployment ${deploymentId} left running (rollback-on-failure: false)`,
    );
    result.causes.push({
      title,
      message: `${why} rollback-on-failure is false, so it was left to CodeDeploy's own settings and is still running.`,
    });
    result.phases = phasesFor(s, latest);
    return emit(result, latest, tracker);
  }
  const budgetMs = cancelled
    ? CANCEL_BUDGET_MS
    : Math.max(budget.timeoutMs, MIN_ROLLBACK_BUDGET_MS);
  const pollMs = cancelled ? Math.min(intervalMs, 500) : intervalMs;
  const endBy = clock() + budgetMs;
  const stop = await stopDeployment(client, deploymentId, rollbackOnFailure ? true : undefined);
  log(stop.message);
  // Follow the stop to its end (Stopped, or the outcome it reached first), then the rollback.
  const ended = await follow(reader, tracker, {
    intervalMs: pollMs,
    deadline: endBy,
    log,
    clock,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const final = ended.snapshot ?? latest;
  if (!final || ended.outcome !== 'ended') {
    const result = base(
      status,
      deploymentId,
      `${cancelled ? 'cancelled' : 'timed out'}; StopDeployment sent, deployment ${deploymentId} not yet stopped`,
    );
    result.causes.push({
      title,
      message: `${why} ${stop.message}; it had not stopped when the step ended. Check it in the CodeDeploy console.`,
    });
    result.restore = {
      taskDefinitionArn: request.previousTaskDefinitionArn,
      deploymentId,
      outcome: 'timed-out',
      message: stop.message,
    };
    result.phases = phasesFor(s, final);
    return emit(result, final, tracker);
  }
  if (stateOf(final.deployment) === 'succeeded') {
    // It finished before the stop landed: the outcome is real.
    const result = base(
      cancelled ? 'failed' : 'succeeded',
      deploymentId,
      `CodeDeploy deployment ${deploymentId} succeeded before it could be stopped`,
    );
    if (cancelled)
      result.causes.push({ title, message: `${why} It succeeded before the stop took effect.` });
    result.phases = phasesFor(s, final);
    return emit(result, final, tracker);
  }
  const restore = (rollback: RollbackOutcome | undefined): Restore =>
    restoreOf(request.previousTaskDefinitionArn, deploymentId, stop.message, rollback);
  return judgeFailure(
    s,
    final,
    Math.max(0, endBy - clock()),
    pollMs,
    [{ title, message: `${why} Stopped it${rollbackOnFailure ? ' with rollback' : ''}.` }],
    status,
    restore,
  );
}
