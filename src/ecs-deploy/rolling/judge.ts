/**
 * The outcome judge: a pure function from one DescribeServices snapshot of a service to a verdict
 * on *our* deployment (the id UpdateService returned). It never calls AWS, so every rule is
 * tested with fixtures.
 *
 * - our deployment COMPLETED -> succeeded
 * - our deployment PRIMARY without rolloutState (classic load balancer, circuit breaker off)
 *   -> succeeded when it is alone and at desired count with every task running
 * - rolloutState FAILED -> failed at once (whether or not ECS is rolling back)
 * - our deployment gone, or PRIMARY on a revision the service ran before -> rolled-back
 * - PRIMARY is a deployment someone else started -> failed (superseded)
 * - the service is gone or draining -> failed
 */
import type { Deployment, Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import { arnTail } from '../../lib/arn.js';
import { judgeServiceDeployment } from '../native/judge.js';

export interface Tracking {
  service: string;
  /** The deployment id UpdateService returned (`ecs-svc/...`). */
  deploymentId: string;
  /** The revision we deployed. */
  taskDefinitionArn: string;
  /** Every revision the service's deployments ran before ours (the primary first). */
  priorTaskDefinitionArns: readonly string[];
  /** The service deployment of ours, when linked: judged together with DescribeServices. */
  serviceDeploymentArn?: string;
}

export interface Progress {
  running: number;
  pending: number;
  desired: number;
  failedTasks: number;
  rolloutState?: string;
}

export type FailureKind = 'rollout-failed' | 'superseded' | 'service-gone';

export type Judgement =
  | { verdict: 'in-progress'; progress: Progress }
  | { verdict: 'succeeded'; message: string; progress: Progress }
  | {
      verdict: 'failed';
      kind: FailureKind;
      message: string;
      /** True when ECS itself is rolling back (a newer deployment of a prior revision exists, or
       *  the circuit breaker's rollback is on), so the action must not restore anything. */
      ecsRollingBack: boolean;
      rolloutStateReason?: string;
      progress?: Progress;
      /**
       * Only the service deployment says so (STOPPED) while the same poll's DescribeServices
       * still shows the rollout in progress: one snapshot of two moments, or a stop by someone
       * else. The watch polls once more before it believes it (rolling/watch.ts).
       */
      unconfirmed?: true;
    }
  | { verdict: 'rolled-back'; message: string; restoredTaskDefinitionArn: string };

/** `family:revision` of a task definition ARN, for messages. */
export function revisionName(arn: string | undefined): string {
  return arn ? arnTail(arn) : '(unknown)';
}

export function progressOf(deployment: Deployment): Progress {
  const progress: Progress = {
    running: deployment.runningCount ?? 0,
    pending: deployment.pendingCount ?? 0,
    desired: deployment.desiredCount ?? 0,
    failedTasks: deployment.failedTasks ?? 0,
  };
  if (deployment.rolloutState) progress.rolloutState = deployment.rolloutState;
  return progress;
}

/** One progress line; printed only when it differs from the previous one for the service. */
export function progressLine(service: string, progress: Progress): string {
  const parts = [`${progress.running}/${progress.desired} running`, `${progress.pending} pending`];
  if (progress.failedTasks > 0) parts.push(`${progress.failedTasks} failed`);
  parts.push(progress.rolloutState ? `rollout ${progress.rolloutState}` : 'no rollout state');
  return `${service}: ${parts.join(', ')}`;
}

function ecsRollbackEnabled(service: Service): boolean {
  const config = service.deploymentConfiguration;
  return Boolean(
    (config?.deploymentCircuitBreaker?.enable && config.deploymentCircuitBreaker.rollback) ||
    (config?.alarms?.enable && config.alarms.rollback),
  );
}

function replacedBy(
  primary: Deployment,
  tracking: Tracking,
  ourState: string,
): Extract<Judgement, { verdict: 'rolled-back' | 'failed' }> {
  const revision = primary.taskDefinition ?? '';
  if (
    revision !== tracking.taskDefinitionArn &&
    tracking.priorTaskDefinitionArns.includes(revision)
  ) {
    return {
      verdict: 'rolled-back',
      message: `${tracking.service}: rolled back to ${revisionName(revision)} (deployment ${tracking.deploymentId} ${ourState}); ${revisionName(tracking.taskDefinitionArn)} is not running.`,
      restoredTaskDefinitionArn: revision,
    };
  }
  return {
    verdict: 'failed',
    kind: 'superseded',
    message: `${tracking.service}: another deployment (${primary.id ?? 'unknown id'}, ${revisionName(revision)}, started ${primary.createdAt ? primary.createdAt.toISOString() : 'at an unknown time'}) replaced deployment ${tracking.deploymentId}; someone else deployed this service while this deploy was running.`,
    ecsRollingBack: false,
  };
}

export function judge(service: Service | undefined, tracking: Tracking): Judgement {
  if (!service || (service.status && service.status !== 'ACTIVE')) {
    return {
      verdict: 'failed',
      kind: 'service-gone',
      message: `${tracking.service}: the service is ${service?.status ?? 'gone'}; it was deleted while deployment ${tracking.deploymentId} was running.`,
      ecsRollingBack: false,
    };
  }
  const deployments = service.deployments ?? [];
  const ours = deployments.find((d) => d.id === tracking.deploymentId);
  const primary = deployments.find((d) => d.status === 'PRIMARY');

  if (!ours) {
    if (primary) return replacedBy(primary, tracking, 'is gone');
    return {
      verdict: 'failed',
      kind: 'service-gone',
      message: `${tracking.service}: deployment ${tracking.deploymentId} is gone and the service lists no primary deployment.`,
      ecsRollingBack: false,
    };
  }

  const progress = progressOf(ours);
  if (ours.rolloutState === 'FAILED') {
    const rollback =
      primary && primary.id !== ours.id && primary.taskDefinition !== tracking.taskDefinitionArn
        ? primary
        : undefined;
    const reason = ours.rolloutStateReason ?? 'no reason given';
    const rollingBack = rollback !== undefined || ecsRollbackEnabled(service);
    const tail = rollback
      ? ` ECS is rolling back to ${revisionName(rollback.taskDefinition)}.`
      : rollingBack
        ? ' ECS will roll back.'
        : ' ECS is not rolling back (the circuit breaker has rollback off).';
    const failed: Judgement = {
      verdict: 'failed',
      kind: 'rollout-failed',
      message: `${tracking.service}: deployment ${tracking.deploymentId} of ${revisionName(tracking.taskDefinitionArn)} FAILED: ${reason.replace(/\.+$/, '')}.${tail}`,
      ecsRollingBack: rollingBack,
      rolloutStateReason: reason,
      progress,
    };
    return failed;
  }

  if (ours.status !== 'PRIMARY') {
    if (primary && primary.id !== ours.id)
      return replacedBy(primary, tracking, `is ${ours.status}`);
    return { verdict: 'in-progress', progress };
  }

  if (ours.rolloutState === 'COMPLETED') {
    return {
      verdict: 'succeeded',
      message: `${tracking.service}: deployment ${tracking.deploymentId} of ${revisionName(tracking.taskDefinitionArn)} completed (${progress.running}/${progress.desired} running).`,
      progress,
    };
  }

  if (!ours.rolloutState) {
    const alone = deployments.length === 1;
    const atDesired =
      progress.running === progress.desired &&
      progress.pending === 0 &&
      (service.runningCount ?? progress.running) === (service.desiredCount ?? progress.desired) &&
      progress.desired === (service.desiredCount ?? progress.desired);
    if (alone && atDesired) {
      return {
        verdict: 'succeeded',
        message: `${tracking.service}: deployment ${tracking.deploymentId} of ${revisionName(tracking.taskDefinitionArn)} is the only one and stable at ${progress.running}/${progress.desired} running.`,
        progress,
      };
    }
  }
  return { verdict: 'in-progress', progress };
}

/**
 * A rolling deployment judged on both snapshots: DescribeServices (ours, by id) and its service
 * deployment. Success needs both (SUCCESSFUL, and COMPLETED or stable); a rollback or stop the
 * service deployment shows fails at once even when DescribeServices does not show it yet; a
 * failure DescribeServices shows is told with the service deployment's reasons (alarms, breaker).
 */
export function judgeRolling(
  service: Service | undefined,
  sd: ServiceDeployment | undefined,
  tracking: Tracking,
  revisions: ReadonlyMap<string, string> = new Map(),
): Judgement {
  const j = judge(service, tracking);
  if (!sd) return j;
  const n = judgeServiceDeployment(sd, {
    service: tracking.service,
    taskDefinitionArn: tracking.taskDefinitionArn,
    revisions,
  });
  if (j.verdict === 'failed' || j.verdict === 'rolled-back') {
    if (n.verdict === 'failed' || n.verdict === 'rolled-back') {
      const extra = n.reasons.filter((r) => !j.message.includes(r));
      if (extra.length > 0) return { ...j, message: `${j.message} (${extra.join('; ')})` };
    }
    return j;
  }
  if (n.verdict === 'failed' || n.verdict === 'rolled-back') {
    if (n.verdict === 'rolled-back')
      return {
        verdict: 'rolled-back',
        message: n.message,
        restoredTaskDefinitionArn: n.rollbackTo ?? '',
      };
    // The same poll's DescribeServices may be older than the breaker's count: the failed-task
    // count told with the verdict is never below the count the verdict itself names.
    const breakerCount = sd.deploymentCircuitBreaker?.failureCount ?? 0;
    return {
      verdict: 'failed',
      kind: 'rollout-failed',
      message: n.message,
      ecsRollingBack: n.kind === 'rolling-back',
      ...('progress' in j
        ? {
            progress: {
              ...j.progress,
              failedTasks: Math.max(j.progress.failedTasks, breakerCount),
            },
          }
        : {}),
      ...(n.kind === 'stopped' && j.verdict === 'in-progress'
        ? { unconfirmed: true as const }
        : {}),
    };
  }
  if (j.verdict === 'succeeded' && n.verdict !== 'succeeded')
    return { verdict: 'in-progress', progress: j.progress };
  if (j.verdict === 'succeeded' && deferredCleanup(service))
    return {
      ...j,
      message: `${j.message} The old revision is still draining (early success, source revision cleanup DEFERRED).`,
    };
  return j;
}

function deferredCleanup(service: Service | undefined): boolean {
  const early = service?.deploymentConfiguration?.earlySuccessCriteria;
  return Boolean(early?.enable && early.sourceServiceRevisionCleanup === 'DEFERRED');
}
