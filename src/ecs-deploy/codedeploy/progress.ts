/**
 * Follows a deployment from one poll to the next and says what changed, as progress lines
 * (status, lifecycle events with their durations, traffic-shift steps, the termination wait),
 * and as timeline phases for the job summary. No I/O: snapshots in, lines and phases out.
 */
import type { DeploymentInfo, ECSTarget, LifecycleEvent } from '@aws-sdk/client-codedeploy';
import type { Phase } from '../../lib/summary.js';
import { secondsBetween, trafficOf, type Traffic } from './verdict.js';

export interface Snapshot {
  deployment: DeploymentInfo;
  target?: ECSTarget | undefined;
  /** When it was observed (ms). */
  at: number;
}

export interface LifecycleSummary {
  name: string;
  status: string;
  seconds?: number;
}

export interface TrafficChange extends Traffic {
  at: number;
}

export class ProgressTracker {
  private last: Snapshot | undefined;
  readonly trafficChanges: TrafficChange[] = [];
  /** The replacement (Green) task set's id, once a snapshot showed it. */
  replacementTaskSetId: string | undefined;

  /** `label` prefixes every line (the caller already prefixes the service name). */
  constructor(private readonly label = '') {}

  /** Records a snapshot and returns the progress lines for what changed since the last one. */
  observe(next: Snapshot): string[] {
    const lines = progressLines(this.last, next, this.label);
    const traffic = trafficOf(next.target);
    const prevTraffic = this.trafficChanges[this.trafficChanges.length - 1];
    // Traffic steps start with the first shift; 0 % on the replacement before it is no step.
    const changed = prevTraffic
      ? prevTraffic.green !== traffic?.green || prevTraffic.blue !== traffic?.blue
      : (traffic?.green ?? 0) > 0;
    if (traffic && changed) {
      this.trafficChanges.push({ ...traffic, at: next.at });
    }
    this.replacementTaskSetId = replacementTaskSetOf(next.target) ?? this.replacementTaskSetId;
    this.last = next;
    return lines;
  }

  latest(): Snapshot | undefined {
    return this.last;
  }

  lifecycle(): LifecycleSummary[] {
    return lifecycleSummary(this.last?.target);
  }
}

/** The id of the target's replacement task set (`identifer`, as the API spells it). */
export const replacementTaskSetOf = (target: ECSTarget | undefined): string | undefined =>
  target?.taskSetsInfo?.find((t) => t.taskSetLabel === 'Green')?.identifer;

const eventKey = (e: LifecycleEvent): string => e.lifecycleEventName ?? '?';

export function progressLines(prev: Snapshot | undefined, next: Snapshot, label = ''): string[] {
  const lines: string[] = [];
  const pre = label ? `${label}: ` : '';
  const id = next.deployment.deploymentId ?? '';
  if (prev?.deployment.status !== next.deployment.status && next.deployment.status) {
    lines.push(`${pre}deployment ${id} is ${next.deployment.status}`);
  }
  const before = new Map((prev?.target?.lifecycleEvents ?? []).map((e) => [eventKey(e), e]));
  for (const event of next.target?.lifecycleEvents ?? []) {
    const old = before.get(eventKey(event));
    if (old?.status === event.status) continue;
    const line = eventLine(event);
    if (line) lines.push(`${pre}${line}`);
  }
  const was = trafficOf(prev?.target);
  const now = trafficOf(next.target);
  if (now && (!was || was.green !== now.green || was.blue !== now.blue) && (was || now.green > 0)) {
    lines.push(`${pre}production traffic ${now.green}% replacement / ${now.blue}% original`);
  }
  if (
    next.deployment.instanceTerminationWaitTimeStarted &&
    !prev?.deployment.instanceTerminationWaitTimeStarted
  ) {
    lines.push(`${pre}traffic shifted; waiting to terminate the original task set`);
  }
  return lines;
}

function eventLine(event: LifecycleEvent): string | undefined {
  const name = eventKey(event);
  const seconds = secondsBetween(event.startTime, event.endTime);
  const took = seconds === undefined ? '' : ` in ${seconds}s`;
  switch (event.status) {
    case 'InProgress':
      return `${name} started`;
    case 'Succeeded':
      return `${name} succeeded${took}`;
    case 'Skipped':
      return `${name} skipped`;
    case 'Failed': {
      const d = event.diagnostics;
      const detail = [d?.errorCode, d?.message].filter(Boolean).join(': ');
      return `${name} FAILED${took}${detail ? ` (${detail})` : ''}`;
    }
    default:
      return undefined;
  }
}

export function lifecycleSummary(target: ECSTarget | undefined): LifecycleSummary[] {
  return (target?.lifecycleEvents ?? []).map((e) => {
    const summary: LifecycleSummary = { name: eventKey(e), status: e.status ?? 'Unknown' };
    const seconds = secondsBetween(e.startTime, e.endTime);
    if (seconds !== undefined) summary.seconds = seconds;
    return summary;
  });
}

/**
 * Timeline phases: every lifecycle event that ran, the traffic steps seen while polling and the
 * wait before the original task set is terminated.
 */
export function phasesOf(
  section: string,
  snapshot: Snapshot | undefined,
  trafficChanges: readonly TrafficChange[],
  now: number,
): Phase[] {
  if (!snapshot) return [];
  const phases: Phase[] = [];
  const done = snapshot.deployment.status === 'Succeeded';
  let lastEnd: number | undefined;
  for (const event of snapshot.target?.lifecycleEvents ?? []) {
    if (!event.startTime || event.status === 'Skipped' || event.status === 'Pending') continue;
    const start = event.startTime.getTime();
    const end = event.endTime?.getTime() ?? now;
    lastEnd = Math.max(lastEnd ?? end, end);
    phases.push({
      section,
      name: eventKey(event),
      start,
      end,
      state:
        event.status === 'Failed' ? 'failed' : event.status === 'InProgress' ? 'active' : 'done',
    });
  }
  trafficChanges.forEach((change, i) => {
    const end = trafficChanges[i + 1]?.at ?? snapshot.deployment.completeTime?.getTime() ?? now;
    phases.push({
      section,
      name: `traffic ${change.green}%`,
      start: change.at,
      end,
      state: i === trafficChanges.length - 1 && !done ? 'active' : 'done',
    });
  });
  if (snapshot.deployment.instanceTerminationWaitTimeStarted && lastEnd !== undefined) {
    const end = snapshot.deployment.completeTime?.getTime() ?? now;
    phases.push({
      section,
      name: 'termination wait',
      start: lastEnd,
      end,
      state: done ? 'done' : 'active',
    });
  }
  return phases;
}
