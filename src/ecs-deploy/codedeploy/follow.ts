/**
 * Follows a CodeDeploy deployment (GetDeployment + the ECS target's lifecycle events and traffic
 * weights) until it ends, the wait budget runs out or the run is cancelled; and stops one with
 * rollback.
 */
import {
  BatchGetDeploymentTargetsCommand,
  GetDeploymentCommand,
  ListDeploymentTargetsCommand,
  StopDeploymentCommand,
  type CodeDeployClient,
} from '@aws-sdk/client-codedeploy';
import { errorCode } from '../../lib/aws-errors.js';
import { messageOf } from '../../lib/errors.js';
import { poll } from '../../lib/poller.js';
import type { RollbackOutcome } from './outcome.js';
import { ProgressTracker, type Snapshot } from './progress.js';
import { ecsTargetOf, stateOf } from './verdict.js';

export class DeploymentReader {
  private targetIds: string[] = [];

  constructor(
    private readonly client: CodeDeployClient,
    readonly deploymentId: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * One consistent snapshot. The deployment is read *after* its target, so its status is never
   * older than the lifecycle events and traffic weights it is paired with: a stalled target read
   * cannot pair a Created deployment with traffic that has already shifted (a torn snapshot the
   * judge and the messages would act on). When that later read finds the deployment ended, the
   * target is read once more, so the final snapshot has the final events and weights.
   */
  async read(): Promise<Snapshot> {
    let target = await this.readTarget();
    const { deploymentInfo } = await this.client.send(
      new GetDeploymentCommand({ deploymentId: this.deploymentId }),
    );
    const deployment = deploymentInfo ?? {};
    if (stateOf(deployment) !== 'running') target = (await this.readTarget()) ?? target;
    const snapshot: Snapshot = { deployment, at: this.clock() };
    if (target) snapshot.target = target;
    return snapshot;
  }

  private async readTarget(): Promise<Snapshot['target']> {
    if (this.targetIds.length === 0) {
      const out = await this.client.send(
        new ListDeploymentTargetsCommand({ deploymentId: this.deploymentId }),
      );
      this.targetIds = out.targetIds ?? [];
    }
    if (this.targetIds.length === 0) return undefined;
    const out = await this.client.send(
      new BatchGetDeploymentTargetsCommand({
        deploymentId: this.deploymentId,
        targetIds: this.targetIds,
      }),
    );
    return ecsTargetOf(out.deploymentTargets);
  }
}

export interface FollowOptions {
  intervalMs: number;
  deadline: number;
  signal?: AbortSignal;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface FollowResult {
  outcome: 'ended' | 'timed-out' | 'cancelled';
  snapshot?: Snapshot;
}

/** Polls until the deployment is Succeeded, Failed or Stopped, logging what changes. */
export async function follow(
  reader: DeploymentReader,
  tracker: ProgressTracker,
  options: FollowOptions,
): Promise<FollowResult> {
  const result = await poll<Snapshot>(
    async () => {
      const snapshot = await reader.read();
      for (const line of tracker.observe(snapshot)) options.log(line);
      return stateOf(snapshot.deployment) === 'running'
        ? { done: false }
        : { done: true, value: snapshot };
    },
    {
      intervalMs: options.intervalMs,
      deadline: options.deadline,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      // Throttling and other faults: the poller's one warning per episode, and one line after it.
      what: `Following CodeDeploy deployment ${reader.deploymentId}`,
      info: options.log,
    },
  );
  const latest = tracker.latest();
  if (result.outcome === 'done') return { outcome: 'ended', snapshot: result.value };
  const out: FollowResult = { outcome: result.outcome === 'cancelled' ? 'cancelled' : 'timed-out' };
  if (latest) out.snapshot = latest;
  return out;
}

export interface StopResult {
  message: string;
}

/**
 * StopDeployment. `rollback` true asks CodeDeploy to roll back; undefined leaves it to the
 * deployment's own auto-rollback settings. Throttling is retried by the client's retry policy.
 */
export async function stopDeployment(
  client: CodeDeployClient,
  deploymentId: string,
  rollback: boolean | undefined,
): Promise<StopResult> {
  try {
    const out = await client.send(
      new StopDeploymentCommand({
        deploymentId,
        ...(rollback === undefined ? {} : { autoRollbackEnabled: rollback }),
      }),
    );
    return {
      message: `StopDeployment ${deploymentId}${rollback ? ' with rollback' : ''}: ${out.status ?? 'requested'}${out.statusMessage ? ` (${out.statusMessage})` : ''}`,
    };
  } catch (error) {
    if (errorCode(error) === 'DeploymentAlreadyCompletedException') {
      return { message: `Deployment ${deploymentId} had already completed.` };
    }
    throw new Error(`StopDeployment ${deploymentId} failed: ${messageOf(error)}`);
  }
}

/** Follows CodeDeploy's rollback deployment to its end (or the budget's), with its own progress lines. */
export async function followRollbackDeployment(
  client: CodeDeployClient,
  deploymentId: string,
  options: FollowOptions,
): Promise<RollbackOutcome> {
  options.log(`following rollback deployment ${deploymentId}`);
  const clock = options.clock ?? Date.now;
  const rb = await follow(
    new DeploymentReader(client, deploymentId, clock),
    new ProgressTracker('rollback'),
    options,
  );
  const info = rb.snapshot?.deployment;
  const outcome: RollbackOutcome = {
    deploymentId,
    status: info?.status ?? 'Unknown',
    ended: rb.outcome === 'ended',
  };
  if (info) outcome.info = info;
  return outcome;
}
