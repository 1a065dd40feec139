/**
 * What a deployment config and a deployment group mean in time: the traffic-shift steps of a
 * canary or linear config, its bake time, and the wait budget of a deployment
 * (timeout-minutes + bake time + the ready wait + the group's termination wait).
 */
import type { DeploymentConfigInfo, DeploymentGroupInfo } from '@aws-sdk/client-codedeploy';

export type TrafficShape =
  | { type: 'AllAtOnce' }
  | { type: 'Canary'; percentage: number; intervalMinutes: number }
  | { type: 'Linear'; percentage: number; intervalMinutes: number };

export interface TrafficStep {
  /** Minutes after traffic begins to shift. */
  atMinutes: number;
  /** Percentage of production traffic on the replacement (green) task set from then on. */
  greenPercent: number;
}

/** The traffic-shift shape of a config (ECS configs without routing shift all at once). */
export function trafficShape(config: DeploymentConfigInfo | undefined): TrafficShape {
  const routing = config?.trafficRoutingConfig;
  if (routing?.type === 'TimeBasedCanary' && routing.timeBasedCanary) {
    return {
      type: 'Canary',
      percentage: routing.timeBasedCanary.canaryPercentage ?? 0,
      intervalMinutes: routing.timeBasedCanary.canaryInterval ?? 0,
    };
  }
  if (routing?.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
    return {
      type: 'Linear',
      percentage: routing.timeBasedLinear.linearPercentage ?? 100,
      intervalMinutes: routing.timeBasedLinear.linearInterval ?? 0,
    };
  }
  return { type: 'AllAtOnce' };
}

/** The steps in which production traffic moves to green, from the first shift to 100 %. */
export function trafficSteps(shape: TrafficShape): TrafficStep[] {
  if (shape.type === 'AllAtOnce') return [{ atMinutes: 0, greenPercent: 100 }];
  if (shape.type === 'Canary') {
    if (shape.percentage >= 100) return [{ atMinutes: 0, greenPercent: 100 }];
    return [
      { atMinutes: 0, greenPercent: shape.percentage },
      { atMinutes: shape.intervalMinutes, greenPercent: 100 },
    ];
  }
  const pct = shape.percentage > 0 ? shape.percentage : 100;
  const steps: TrafficStep[] = [];
  for (let i = 0; ; i++) {
    const greenPercent = Math.min(100, pct * (i + 1));
    steps.push({ atMinutes: i * shape.intervalMinutes, greenPercent });
    if (greenPercent >= 100) return steps;
  }
}

/** Minutes between the first traffic shift and 100 % on green. */
export function bakeMinutes(shape: TrafficShape): number {
  const steps = trafficSteps(shape);
  return steps[steps.length - 1]?.atMinutes ?? 0;
}

/** One phrase for people: "canary 10% for 5 min, then 100%". */
export function describeShape(shape: TrafficShape): string {
  if (shape.type === 'AllAtOnce') return 'all at once';
  const steps = trafficSteps(shape);
  if (shape.type === 'Canary') {
    return `canary ${shape.percentage}% for ${formatMinutes(shape.intervalMinutes)}, then 100%`;
  }
  return `linear ${shape.percentage}% every ${formatMinutes(shape.intervalMinutes)} (${steps.length} steps)`;
}

export function formatMinutes(minutes: number): string {
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Minutes the group waits before terminating the original (blue) task set after success. */
export function terminationWaitMinutes(group: DeploymentGroupInfo | undefined): number {
  const option = group?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess;
  if (!option || option.action === 'KEEP_ALIVE') return 0;
  return option.terminationWaitTimeInMinutes ?? 0;
}

/** Minutes the group holds a ready replacement before rerouting (when it waits for a manual go). */
export function readyWaitMinutes(group: DeploymentGroupInfo | undefined): number {
  const option = group?.blueGreenDeploymentConfiguration?.deploymentReadyOption;
  if (option?.actionOnTimeout !== 'STOP_DEPLOYMENT') return 0;
  return option.waitTimeInMinutes ?? 0;
}

export interface WaitBudget {
  totalMs: number;
  timeoutMs: number;
  bakeMs: number;
  readyWaitMs: number;
  terminationWaitMs: number;
}

/** The whole wait: our timeout plus the time CodeDeploy spends by design (bake, waits). */
export function waitBudget(
  timeoutMs: number,
  shape: TrafficShape,
  group: DeploymentGroupInfo | undefined,
): WaitBudget {
  const bakeMs = bakeMinutes(shape) * 60_000;
  const readyWaitMs = readyWaitMinutes(group) * 60_000;
  const terminationWaitMs = terminationWaitMinutes(group) * 60_000;
  return {
    totalMs: timeoutMs + bakeMs + readyWaitMs + terminationWaitMs,
    timeoutMs,
    bakeMs,
    readyWaitMs,
    terminationWaitMs,
  };
}
