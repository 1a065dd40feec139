/**
 * Builds the per-service result of a blue/green deployment: status, the verdict sentence, the
 * causes (errorInformation, the failed lifecycle event and its hook's diagnostics, the rollback),
 * the timeline phases, and the entry of the `codedeploy-deployments` output.
 */
import type { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { formatSeconds, type Phase } from '../../lib/summary.js';
import type { BlueGreenPlan } from './plan.js';
import type { Cause, CodeDeployOutputEntry, DeployStatus, Restore } from '../types.js';
import { lifecycleSummary, type Snapshot, type TrafficChange } from './progress.js';
import type { WaitBudget } from './traffic.js';
import { describeCause, trafficOf, type FailureCause } from './verdict.js';

export interface RollbackOutcome {
  deploymentId: string;
  /** The rollback deployment's last status (Succeeded, Failed, InProgress...). */
  status: string;
  /** Whether we saw it end. */
  ended: boolean;
  info?: DeploymentInfo;
}

export const rollbackSucceeded = (r: RollbackOutcome | undefined): boolean =>
  r?.status === 'Succeeded';

export function rollbackLine(r: RollbackOutcome | undefined, expected: boolean): string {
  if (!r) {
    return expected
      ? 'CodeDeploy was expected to roll it back, but reported no rollback deployment.'
      : 'CodeDeploy did not roll it back (auto-rollback is off for this failure); the service may still run the replacement task set.';
  }
  if (r.status === 'Succeeded')
    return `CodeDeploy rolled it back with deployment ${r.deploymentId} (Succeeded): production traffic is on the original task set.`;
  if (!r.ended)
    return `Rollback deployment ${r.deploymentId} is still ${r.status}; check it in the CodeDeploy console.`;
  const why = r.info?.errorInformation?.message ? `: ${r.info.errorInformation.message}` : '';
  return `Rollback deployment ${r.deploymentId} ${r.status}${why}. Check the service by hand.`;
}

/** The causes of a deployment that ended Failed or Stopped. */
export function failureCauses(
  service: string,
  cause: FailureCause,
  rollback: RollbackOutcome | undefined,
  rollbackExpected: boolean,
): Cause[] {
  const causes: Cause[] = [
    {
      title: `${service}: CodeDeploy ${cause.errorCode ?? cause.status}`,
      message: `${describeCause(cause)}. ${nextStep(cause)}`,
    },
  ];
  const event = cause.failedEvent;
  if (event?.logTail) {
    const tail = event.logTail.trimEnd().split('\n').slice(-20).join('\n');
    causes.push({ title: `${service}: ${event.name} hook output`, message: tail });
  }
  causes.push({ title: `${service}: rollback`, message: rollbackLine(rollback, rollbackExpected) });
  return causes;
}

export function rollbackPhase(
  service: string,
  r: RollbackOutcome | undefined,
  now: number,
): Phase[] {
  const start = r?.info?.createTime?.getTime();
  if (!r || start === undefined) return [];
  return [
    {
      section: service,
      name: `rollback ${r.deploymentId}`,
      start,
      end: r.info?.completeTime?.getTime() ?? now,
      state: r.status === 'Succeeded' ? 'done' : r.ended ? 'failed' : 'active',
    },
  ];
}

export function outputEntry(
  base: Omit<CodeDeployOutputEntry, 'lifecycleEvents' | 'traffic'>,
  snapshot: Snapshot | undefined,
  traffic: readonly TrafficChange[],
): CodeDeployOutputEntry {
  return {
    ...base,
    lifecycleEvents: lifecycleSummary(snapshot?.target),
    traffic: traffic.map((t) => ({
      at: new Date(t.at).toISOString(),
      replacementPercent: t.green,
    })),
  };
}

/** The `codedeploy-deployments` entry of a finished (or started) deployment. */
export function resultEntry(
  plan: BlueGreenPlan,
  service: string,
  deploymentId: string,
  status: DeployStatus,
  snapshot: Snapshot | undefined,
  traffic: readonly TrafficChange[],
  rollback: RollbackOutcome | undefined,
): CodeDeployOutputEntry {
  const deployment = snapshot?.deployment;
  return outputEntry(
    {
      service,
      application: plan.application,
      deploymentGroup: plan.groupName,
      deploymentConfig: plan.configName,
      deploymentId,
      status,
      ...(deployment?.status ? { codedeployStatus: deployment.status } : {}),
      ...(deployment?.errorInformation?.code
        ? { errorCode: deployment.errorInformation.code }
        : {}),
      ...(rollback
        ? { rollbackDeploymentId: rollback.deploymentId, rollbackStatus: rollback.status }
        : {}),
    },
    snapshot,
    traffic,
  );
}

/** Why we stopped the deployment ourselves: the cancellation, or the wait budget and its parts. */
export function interruptionReason(args: {
  cancelled: boolean;
  signalName: string;
  deploymentId: string;
  snapshot: Snapshot | undefined;
  budget: WaitBudget;
}): string {
  const { budget, deploymentId } = args;
  const traffic = trafficOf(args.snapshot?.target);
  const where =
    `${args.snapshot?.deployment.status ?? 'unknown'}` +
    (traffic ? `, ${traffic.green}% of production traffic on the replacement` : '');
  if (args.cancelled)
    return `The run was cancelled (${args.signalName}) while deployment ${deploymentId} was ${where}.`;
  return (
    `Deployment ${deploymentId} did not finish within ${formatSeconds(budget.totalMs)} ` +
    `(timeout-minutes ${formatSeconds(budget.timeoutMs)} + bake ${formatSeconds(budget.bakeMs)}` +
    (budget.readyWaitMs ? ` + ready wait ${formatSeconds(budget.readyWaitMs)}` : '') +
    ` + termination wait ${formatSeconds(budget.terminationWaitMs)}); it was ${where}.`
  );
}

/** What our StopDeployment with rollback achieved, as the result's `restore`. */
export function restoreOf(
  previousTaskDefinitionArn: string,
  deploymentId: string,
  stopMessage: string,
  rollback: RollbackOutcome | undefined,
): Restore {
  return {
    taskDefinitionArn: previousTaskDefinitionArn,
    deploymentId: rollback?.deploymentId ?? deploymentId,
    outcome: rollbackSucceeded(rollback)
      ? 'restored'
      : rollback && !rollback.ended
        ? 'timed-out'
        : 'failed',
    message: `${stopMessage}. ${rollbackLine(rollback, true)}`,
  };
}

/** What to look at next, for the cause at hand. */
export function nextStep(cause: FailureCause): string {
  const hook = cause.failedEvent?.scriptName;
  if (cause.errorCode === 'ALARM_ACTIVE')
    return "Next: look at the alarm's metric while the replacement took traffic (errors or latency of the new revision), fix the revision, then deploy again.";
  if (hook) {
    const fn = hook.slice(hook.lastIndexOf(':') + 1);
    return `Next: read the hook's logs (CloudWatch Logs /aws/lambda/${fn}), fix what it found, then deploy again.`;
  }
  return `Next: aws deploy get-deployment --deployment-id ${cause.deploymentId} shows CodeDeploy's view; fix the cause, then deploy again.`;
}
