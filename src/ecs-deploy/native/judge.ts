/**
 * The judge of an ECS service deployment: a pure function from one DescribeServiceDeployments
 * snapshot to a verdict on it. Success only at SUCCESSFUL (never during BAKE_TIME or CLEAN_UP);
 * ROLLBACK_* and STOPPED fail at once, naming why: the triggered alarms, the circuit breaker's
 * count and threshold, the failed hook, the rollback reason and the revision ECS rolls back to.
 */
import type { DeploymentLifecycleHookDetail, ServiceDeployment } from '@aws-sdk/client-ecs';
import { arnTail } from '../../lib/arn.js';

export interface JudgeContext {
  service: string;
  /** The revision we deployed (for messages). */
  taskDefinitionArn: string;
  /** Task definition of each service revision seen (service revision ARN -> task definition). */
  revisions: ReadonlyMap<string, string>;
  /** True when this run asked ECS to stop or roll it back (so STOPPED is ours, not someone else's). */
  stoppedByUs?: boolean;
}

export type NativeVerdict =
  | { verdict: 'in-progress'; awaiting: DeploymentLifecycleHookDetail[] }
  | { verdict: 'succeeded'; message: string }
  | {
      verdict: 'failed' | 'rolled-back';
      /** What ECS is doing: still rolling back (ROLLBACK_REQUESTED / IN_PROGRESS), done, or neither. */
      kind: 'rolling-back' | 'rolled-back' | 'rollback-failed' | 'stopped';
      message: string;
      reasons: string[];
      /** The task definition ECS rolls back to, when known. */
      rollbackTo?: string;
    };

const name = (arn: string | undefined): string => (arn ? arnTail(arn) : '(unknown)');

export function shortId(serviceDeploymentArn: string | undefined): string {
  return serviceDeploymentArn ? arnTail(serviceDeploymentArn) : '(unknown)';
}

/** Why a service deployment failed, one phrase each, from its monitors, hooks and rollback. */
export function reasonsOf(sd: ServiceDeployment): string[] {
  const reasons: string[] = [];
  const triggered = sd.alarms?.triggeredAlarmNames ?? [];
  if (triggered.length > 0 || sd.alarms?.status === 'TRIGGERED') {
    reasons.push(
      triggered.length > 0
        ? `alarm${triggered.length === 1 ? '' : 's'} ${triggered.join(', ')} triggered`
        : 'a deployment alarm triggered',
    );
  }
  const breaker = sd.deploymentCircuitBreaker;
  if (breaker?.status === 'TRIGGERED') {
    reasons.push(
      `the circuit breaker tripped: ${breaker.failureCount ?? '?'} failed task${breaker.failureCount === 1 ? '' : 's'} (threshold ${breaker.threshold ?? '?'})`,
    );
  }
  for (const hook of sd.lifecycleHookDetails ?? []) {
    if (hook.status !== 'FAILED' && hook.status !== 'TIMED_OUT') continue;
    reasons.push(
      `lifecycle hook ${hook.hookId ?? '(no id)'}${hook.targetArn ? ` (${hook.targetArn})` : ''} ${hook.status === 'FAILED' ? 'failed' : 'timed out'}${sd.lifecycleStage ? ` in ${sd.lifecycleStage}` : ''}`,
    );
  }
  if (sd.rollback?.reason)
    reasons.push(`rollback reason: ${sd.rollback.reason.replace(/\.+$/, '')}`);
  const statusReason = sd.statusReason?.replace(/\.+$/, '');
  if (statusReason && !reasons.some((r) => r.includes(statusReason))) reasons.push(statusReason);
  return reasons;
}

/** Hooks waiting for ContinueServiceDeployment (PAUSE hooks AWAITING_ACTION). */
export function awaitingHooks(sd: ServiceDeployment): DeploymentLifecycleHookDetail[] {
  return (sd.lifecycleHookDetails ?? []).filter((h) => h.status === 'AWAITING_ACTION');
}

export function judgeServiceDeployment(sd: ServiceDeployment, ctx: JudgeContext): NativeVerdict {
  const id = shortId(sd.serviceDeploymentArn);
  const ours = name(ctx.taskDefinitionArn);
  const head = `${ctx.service}: service deployment ${id} of ${ours}`;
  const rollbackRevision = sd.rollback?.serviceRevisionArn
    ? ctx.revisions.get(sd.rollback.serviceRevisionArn)
    : undefined;
  const source = sd.sourceServiceRevisions?.[0]?.arn;
  const rollbackTo = rollbackRevision ?? (source ? ctx.revisions.get(source) : undefined);
  const reasons = reasonsOf(sd);
  const because = reasons.length > 0 ? `: ${reasons.join('; ')}` : '';
  const to = rollbackTo ? ` to ${name(rollbackTo)}` : '';
  const withTo = (fields: { rollbackTo?: string }) =>
    rollbackTo ? { ...fields, rollbackTo } : fields;

  switch (sd.status) {
    case 'SUCCESSFUL':
      return { verdict: 'succeeded', message: `${head} is SUCCESSFUL.` };
    case 'ROLLBACK_REQUESTED':
    case 'ROLLBACK_IN_PROGRESS':
      return {
        verdict: 'failed',
        kind: 'rolling-back',
        message: `${head} failed${because}. ECS is rolling back${to} (${sd.status}).`,
        reasons,
        ...withTo({}),
      };
    case 'ROLLBACK_SUCCESSFUL':
      return {
        verdict: 'rolled-back',
        kind: 'rolled-back',
        message: `${head} was rolled back${to}${because}; ${ours} is not serving.`,
        reasons,
        ...withTo({}),
      };
    case 'ROLLBACK_FAILED':
      return {
        verdict: 'failed',
        kind: 'rollback-failed',
        message:
          `${head} failed${because}, and ECS's rollback${to} FAILED too: production may be running both ${ours} and the previous revision, with traffic split between them. ` +
          `Check the service's tasks and its target groups/listener rules in the ECS console, fix the cause, then deploy the revision you want to run (for example with task-definition-arn).`,
        reasons,
        ...withTo({}),
      };
    case 'STOP_REQUESTED':
    case 'STOPPED':
      return {
        verdict: 'failed',
        kind: 'stopped',
        message: ctx.stoppedByUs
          ? `${head} was stopped by this run (${sd.status})${because}.`
          : `${head} was stopped by someone else (${sd.status}: StopServiceDeployment, or a newer deployment of the service)${because}; ${ours} may not be serving. Find out who stopped it before deploying again.`,
        reasons,
        ...withTo({}),
      };
    default:
      return { verdict: 'in-progress', awaiting: awaitingHooks(sd) };
  }
}
