/**
 * One service's blue/green deployment: CreateDeployment with the rendered AppSpec, then follow it
 * to its outcome within the wait budget. On failure, report the cause and CodeDeploy's rollback;
 * on our timeout or on cancellation, StopDeployment with rollback (a cancelled run never leaves a
 * deployment shifting traffic unattended), follow the rollback, and report it.
 */
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { TailReader } from '../container-tails.js';
import { formatSeconds } from '../../lib/summary.js';
import type { BlueGreenRequest, DeployStatus, ServiceResult } from '../types.js';
import { renderAppSpec } from './appspec.js';
import { createDeployment } from './create.js';
import { DeploymentReader, follow } from './follow.js';
import { lostTrack } from './lost-track.js';
import { resultEntry, type RollbackOutcome } from './outcome.js';
import type { BlueGreenPlan } from './plan.js';
import { detailsBudgetMs, failureDetails } from './failure-details.js';
import { ProgressTracker, replacementTaskSetOf, type Snapshot } from './progress.js';
import { describeShape, waitBudget } from './traffic.js';
import { stateOf } from './verdict.js';
import {
  interrupted,
  judgeFailure,
  MIN_ROLLBACK_BUDGET_MS,
  phasesFor,
  type Session,
} from './session.js';

export { CANCEL_BUDGET_MS, MIN_ROLLBACK_BUDGET_MS } from './session.js';

const FAILED: ReadonlySet<DeployStatus> = new Set(['failed', 'rolled-back', 'timed-out']);

export interface BlueGreenDeps {
  /** The run's CodeDeploy client (the one its plan was prepared with). */
  client: CodeDeployClient;
  /** For the failure summary: the stopped replacement tasks (ListTasks, DescribeTasks). */
  ecs?: Pick<ECSClient, 'send'>;
  /** Reads the stopped containers' last log lines (default: CloudWatch Logs, loaded on use). */
  readTails?: TailReader;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * `plan` comes from `prepareBlueGreen`, run before the task definition was registered. Once a
 * deployment was created, the result carries its `codedeploy-deployments` entry (`report.ts`
 * sets the output), whatever the outcome.
 */
export async function deployBlueGreen(
  request: BlueGreenRequest,
  plan: BlueGreenPlan,
  deps: BlueGreenDeps,
): Promise<ServiceResult> {
  const { client } = deps;
  const clock = deps.clock ?? Date.now;
  const { options, signal, log } = request;
  const service = request.service.serviceName ?? '';
  const revision = renderAppSpec(plan.appspec, request.taskDefinitionArn, plan.loadBalancer);
  const budget = waitBudget(options.timeoutMs, plan.shape, plan.group);
  const { rollbackOnFailure } = options;
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
    overrideConfig: plan.configFromInput,
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
  const followDeadline = request.deadline + budget.totalMs - budget.timeoutMs;
  // Every result after CreateDeployment goes through here: its output entry, and on failure the
  // stopped replacement tasks, their containers' last lines and the console links.
  const emit = async (
    result: ServiceResult,
    snapshot: Snapshot | undefined,
    tracker: ProgressTracker,
    rollback?: RollbackOutcome,
  ): Promise<ServiceResult> => {
    result.codedeploy = resultEntry(
      plan,
      service,
      deploymentId,
      result.status,
      snapshot,
      tracker.trafficChanges,
      rollback,
    );
    if (!FAILED.has(result.status)) return result;
    const taskSetId = replacementTaskSetOf(snapshot?.target) ?? tracker.replacementTaskSetId;
    result.causes.push(
      ...(await failureDetails({
        service: request.service,
        cluster: request.cluster,
        deploymentId,
        ...(taskSetId ? { taskSetId } : {}),
        taskDefinitionArn: request.taskDefinitionArn,
        ...(request.taskDefinition ? { definition: request.taskDefinition } : {}),
        budgetMs: detailsBudgetMs(signal.aborted, followDeadline, clock()),
        ...(deps.ecs ? { ecs: deps.ecs } : {}),
        ...(deps.readTails ? { readTails: deps.readTails } : {}),
      })),
    );
    return result;
  };
  const tracker = new ProgressTracker();
  if (!options.wait) {
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
  const session: Session = {
    request,
    plan,
    deps,
    client,
    clock,
    service,
    deploymentId,
    budget,
    rollbackOnFailure,
    tracker,
    reader,
    log,
    signal,
    base,
    emit,
  };
  try {
    return await followToVerdict(session, followDeadline);
  } catch (error) {
    // The deployment runs on: never end without its entry, saying what was left and how.
    return lostTrack(session, error);
  }
}

async function followToVerdict(session: Session, deadline: number): Promise<ServiceResult> {
  const { reader, tracker, request, deps, plan, budget, deploymentId, base, emit } = session;
  const intervalMs = request.options.pollIntervalMs;
  const followed = await follow(reader, tracker, {
    intervalMs,
    deadline,
    signal: session.signal,
    log: session.log,
    clock: session.clock,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  if (followed.outcome === 'ended' && followed.snapshot) {
    const snapshot = followed.snapshot;
    if (stateOf(snapshot.deployment) === 'succeeded') {
      const result = base(
        'succeeded',
        deploymentId,
        `CodeDeploy deployment ${deploymentId} succeeded (${describeShape(plan.shape)})`,
      );
      result.phases = phasesFor(session, snapshot);
      return emit(result, snapshot, tracker);
    }
    return judgeFailure(
      session,
      snapshot,
      Math.max(budget.timeoutMs, MIN_ROLLBACK_BUDGET_MS),
      intervalMs,
      [],
    );
  }

  return interrupted(session, followed);
}
