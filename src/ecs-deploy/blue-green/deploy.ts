/**
 * One service's blue/green deployment: CreateDeployment with the rendered AppSpec, then follow it
 * to its outcome within the wait budget. On failure, report the cause and CodeDeploy's rollback;
 * on our timeout or on cancellation, StopDeployment with rollback (a cancelled run never leaves a
 * deployment shifting traffic unattended), follow the rollback, and report it.
 */
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { sleep as realSleep } from '../../lib/cancellation.js';
import { formatSeconds } from '../../lib/summary.js';
import type { BlueGreenRequest, Cause, DeployStatus, Restore, ServiceResult } from '../types.js';
import { renderAppSpec } from './appspec.js';
import { createDeployment } from './create.js';
import { DeploymentReader, follow, followRollbackDeployment, stopDeployment } from './follow.js';
import {
  failureCauses,
  interruptionReason,
  restoreOf,
  resultEntry,
  rollbackPhase,
  rollbackSucceeded,
  type CodeDeployOutputEntry,
  type RollbackOutcome,
} from './outcome.js';
import type { BlueGreenPlan } from './plan.js';
import { phasesOf, ProgressTracker, type Snapshot } from './progress.js';
import { describeShape, waitBudget } from './traffic.js';
import { expectsAutoRollback, failureCause, stateOf } from './verdict.js';

/** How long a cancelled run spends stopping and following the rollback (GitHub kills at 10 s). */
export const CANCEL_BUDGET_MS = 6_000;
/** The least time given to a rollback after a failure or a timeout. */
export const MIN_ROLLBACK_BUDGET_MS = 5 * 60_000;

export interface BlueGreenDeps {
  /** The run's CodeDeploy client (the one its plan was prepared with). */
  client: CodeDeployClient;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Receives the `codedeploy-deployments` entry of this service. */
  onOutput?: (entry: CodeDeployOutputEntry) => void;
}

/** `plan` comes from `prepareBlueGreen`, run before the task definition was registered. */
export async function deployBlueGreen(
  request: BlueGreenRequest,
  plan: BlueGreenPlan,
  deps: BlueGreenDeps,
): Promise<ServiceResult> {
  const { client } = deps;
  const clock = deps.clock ?? Date.now;
  const { inputs, signal, log } = request;
  const service = request.service.serviceName ?? '';
  const revision = renderAppSpec(plan.appspec, request.taskDefinitionArn, plan.loadBalancer);
  const budget = waitBudget(inputs.timeoutMs, plan.shape, plan.group);
  const rollbackOnFailure = inputs['rollback-on-failure'];
  const started = clock();

  const base = (status: DeployStatus, deploymentId: string, message: string): ServiceResult => ({
    service,
    strategy: 'blue-green',
    taskDefinitionArn: request.taskDefinitionArn,
    previousTaskDefinitionArn: request.previousTaskDefinitionArn,
    deploymentId,
    status,
    seconds: Math.round((clock() - started) / 1000),
    phases: [],
    causes: [],
    message,
  });

  log(
    `CodeDeploy ${plan.application}/${plan.groupName}, config ${plan.configName} (${describeShape(plan.shape)})` +
      (revision.hooks.length ? `, hooks: ${revision.hooks.map((h) => h.event).join(', ')}` : ''),
  );
  if (signal.aborted) {
    const result = base('failed', '', 'cancelled before the deployment was created');
    result.causes.push({
      title: `${service}: cancelled`,
      message: 'The run was cancelled before CodeDeploy was asked to deploy; nothing was started.',
    });
    return result;
  }

  const created = await createDeployment(client, {
    plan,
    revision,
    overrideConfig: inputs['codedeploy-deployment-config'] !== undefined,
    rollbackOnFailure,
    description: `ecs-deploy: ${service} to ${request.taskDefinitionArn}`,
  });
  if (!created.ok) {
    const result = base('failed', '', `CodeDeploy refused the deployment (${created.code})`);
    result.causes.push({
      title: `${service}: CreateDeployment ${created.code}`,
      message: created.message,
    });
    return result;
  }
  const deploymentId = created.deploymentId;
  if (created.adopted)
    log(
      `CreateDeployment's answer was lost; following ${deploymentId}, which carries this revision`,
    );
  log(
    `created CodeDeploy deployment ${deploymentId} (wait budget ${formatSeconds(budget.totalMs)})`,
  );
  const emit = (
    result: ServiceResult,
    snapshot: Snapshot | undefined,
    tracker: ProgressTracker,
    rollback?: RollbackOutcome,
  ) => {
    deps.onOutput?.(
      resultEntry(
        plan,
        service,
        deploymentId,
        result.status,
        snapshot,
        tracker.trafficChanges,
        rollback,
      ),
    );
    return result;
  };
  const tracker = new ProgressTracker();
  if (!inputs.wait) {
    return emit(
      base(
        'started',
        deploymentId,
        `started CodeDeploy deployment ${deploymentId}; not waiting (wait: false)`,
      ),
      undefined,
      tracker,
    );
  }

  const reader = new DeploymentReader(client, deploymentId, clock);
  const deadline = request.deadline + budget.totalMs - budget.timeoutMs;
  const followed = await follow(reader, tracker, {
    intervalMs: inputs.pollIntervalMs,
    deadline,
    signal,
    log,
    clock,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const intervalMs = inputs.pollIntervalMs;

  const followRollback = (id: string, budgetMs: number, pollMs: number) =>
    followRollbackDeployment(client, id, {
      intervalMs: pollMs,
      deadline: clock() + budgetMs,
      log,
      clock,
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
  const phases = (snapshot: Snapshot | undefined, rollback?: RollbackOutcome) => [
    ...phasesOf(service, snapshot, tracker.trafficChanges, clock()),
    ...rollbackPhase(service, rollback, clock()),
  ];

  /** The end of a deployment that failed or stopped: cause, CodeDeploy's rollback, verdict. */
  const judgeFailure = async (
    snapshot: Snapshot,
    budgetMs: number,
    pollMs: number,
    extra: Cause[],
    status?: DeployStatus,
    restore?: (r: RollbackOutcome | undefined) => Restore,
  ) => {
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
    const rollback = rollbackId ? await followRollback(rollbackId, budgetMs, pollMs) : undefined;
    const cause = failureCause(latest.deployment, latest.target);
    const verdict: DeployStatus =
      status ?? (rollbackSucceeded(rollback) ? 'rolled-back' : 'failed');
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
    result.phases = phases(latest, rollback);
    if (restore) result.restore = restore(rollback);
    for (const c of result.causes) log(c.message);
    return emit(result, latest, tracker, rollback);
  };

  if (followed.outcome === 'ended' && followed.snapshot) {
    const snapshot = followed.snapshot;
    if (stateOf(snapshot.deployment) === 'succeeded') {
      const result = base(
        'succeeded',
        deploymentId,
        `CodeDeploy deployment ${deploymentId} succeeded (${describeShape(plan.shape)})`,
      );
      result.phases = phases(snapshot);
      return emit(result, snapshot, tracker);
    }
    return judgeFailure(
      snapshot,
      Math.max(budget.timeoutMs, MIN_ROLLBACK_BUDGET_MS),
      intervalMs,
      [],
    );
  }

  // Our timeout or a cancellation: stop the deployment ourselves.
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
    result.phases = phases(latest);
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
    result.phases = phases(final);
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
    result.phases = phases(final);
    return emit(result, final, tracker);
  }
  const restore = (rollback: RollbackOutcome | undefined): Restore =>
    restoreOf(request.previousTaskDefinitionArn, deploymentId, stop.message, rollback);
  return judgeFailure(
    final,
    Math.max(0, endBy - clock()),
    pollMs,
    [{ title, message: `${why} Stopped it${rollbackOnFailure ? ' with rollback' : ''}.` }],
    status,
    restore,
  );
}
