/**
 * The outcome of a CodeDeploy deployment, as pure functions over GetDeployment and
 * BatchGetDeploymentTargets responses: whether it is still running, succeeded or failed, and
 * why (errorInformation, the failed lifecycle event and its hook's diagnostics, rollback info).
 */
import type {
  DeploymentInfo,
  DeploymentTarget,
  ECSTarget,
  LifecycleEvent,
} from '@aws-sdk/client-codedeploy';

export type DeploymentState = 'running' | 'succeeded' | 'failed';

/** Statuses after which a deployment never changes again. */
export function stateOf(deployment: DeploymentInfo | undefined): DeploymentState {
  switch (deployment?.status) {
    case 'Succeeded':
      return 'succeeded';
    case 'Failed':
    case 'Stopped':
      return 'failed';
    default:
      return 'running';
  }
}

export function ecsTargetOf(
  targets: readonly DeploymentTarget[] | undefined,
): ECSTarget | undefined {
  return targets?.find((t) => t.ecsTarget)?.ecsTarget;
}

/** The lifecycle event that failed (the first Failed one, in lifecycle order). */
export function failedLifecycleEvent(target: ECSTarget | undefined): LifecycleEvent | undefined {
  return target?.lifecycleEvents?.find((e) => e.status === 'Failed');
}

export interface Traffic {
  /** Percent of production traffic on the replacement task set. */
  green: number;
  blue: number;
}

/** Production traffic split from the target's task sets, when CodeDeploy reports them. */
export function trafficOf(target: ECSTarget | undefined): Traffic | undefined {
  const sets = target?.taskSetsInfo;
  if (!sets || sets.length === 0) return undefined;
  let green = 0;
  let blue = 0;
  for (const set of sets) {
    if (set.taskSetLabel === 'Green') green += set.trafficWeight ?? 0;
    else if (set.taskSetLabel === 'Blue') blue += set.trafficWeight ?? 0;
  }
  return { green: Math.round(green), blue: Math.round(blue) };
}

export interface FailureCause {
  deploymentId: string;
  status: string;
  errorCode?: string;
  errorMessage?: string;
  failedEvent?: {
    name: string;
    errorCode?: string;
    scriptName?: string;
    message?: string;
    logTail?: string;
  };
  rollbackDeploymentId?: string;
  rollbackMessage?: string;
}

export function failureCause(
  deployment: DeploymentInfo,
  target: ECSTarget | undefined,
): FailureCause {
  const cause: FailureCause = {
    deploymentId: deployment.deploymentId ?? '',
    status: deployment.status ?? 'Unknown',
  };
  if (deployment.errorInformation?.code) cause.errorCode = deployment.errorInformation.code;
  if (deployment.errorInformation?.message)
    cause.errorMessage = deployment.errorInformation.message;
  const event = failedLifecycleEvent(target);
  if (event) {
    const d = event.diagnostics;
    cause.failedEvent = { name: event.lifecycleEventName ?? 'unknown event' };
    if (d?.errorCode) cause.failedEvent.errorCode = d.errorCode;
    if (d?.scriptName) cause.failedEvent.scriptName = d.scriptName;
    if (d?.message) cause.failedEvent.message = d.message;
    if (d?.logTail) cause.failedEvent.logTail = d.logTail;
  }
  if (deployment.rollbackInfo?.rollbackDeploymentId) {
    cause.rollbackDeploymentId = deployment.rollbackInfo.rollbackDeploymentId;
  }
  if (deployment.rollbackInfo?.rollbackMessage) {
    cause.rollbackMessage = deployment.rollbackInfo.rollbackMessage;
  }
  return cause;
}

/** The cause in one line: "Deployment d-1 Failed (HOOK_EXECUTION_FAILURE: ...); AfterAllowTestTraffic failed: ...". */
export function describeCause(cause: FailureCause): string {
  let line = `CodeDeploy deployment ${cause.deploymentId} ${cause.status}`;
  if (cause.errorCode || cause.errorMessage) {
    line += ` (${[cause.errorCode, cause.errorMessage].filter(Boolean).join(': ')})`;
  }
  const event = cause.failedEvent;
  if (event) {
    line += `; lifecycle event ${event.name} failed`;
    const detail = [event.errorCode, event.scriptName && `hook ${event.scriptName}`, event.message]
      .filter(Boolean)
      .join(', ');
    if (detail) line += `: ${detail}`;
  }
  return line;
}

/** Does the deployment's own configuration roll it back after this kind of failure? */
export function expectsAutoRollback(deployment: DeploymentInfo): boolean {
  const config = deployment.autoRollbackConfiguration;
  if (!config?.enabled) return false;
  const events = config.events ?? [];
  if (deployment.errorInformation?.code === 'ALARM_ACTIVE') {
    return events.includes('DEPLOYMENT_STOP_ON_ALARM');
  }
  if (deployment.status === 'Stopped') return events.includes('DEPLOYMENT_STOP_ON_REQUEST');
  return events.includes('DEPLOYMENT_FAILURE');
}

/** Seconds between two optional dates, when both are known. */
export function secondsBetween(start: Date | undefined, end: Date | undefined): number | undefined {
  if (!start || !end) return undefined;
  return Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000));
}
