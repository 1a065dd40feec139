/**
 * Builds the per-service result of a blue/green deployment: status, the verdict sentence, the
 * causes (errorInformation, the failed lifecycle event and its hook's diagnostics, the rollback),
 * the timeline phases, and the entry of the `codedeploy-deployments` output.
 */
import type { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import type { Phase } from '../../lib/summary.js';
import type { Cause, DeployStatus } from '../types.js';
import {
  lifecycleSummary,
  type LifecycleSummary,
  type Snapshot,
  type TrafficChange,
} from './progress.js';
import { describeCause, failureCause, type FailureCause } from './verdict.js';

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
      message: describeCause(cause),
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

export { failureCause };

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

export interface CodeDeployOutputEntry {
  service: string;
  application: string;
  deploymentGroup: string;
  deploymentConfig: string;
  deploymentId: string;
  status: DeployStatus;
  codedeployStatus?: string;
  lifecycleEvents: LifecycleSummary[];
  /** Production traffic on the replacement task set, as seen while polling. */
  traffic: { at: string; replacementPercent: number }[];
  rollbackDeploymentId?: string;
  rollbackStatus?: string;
  errorCode?: string;
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
