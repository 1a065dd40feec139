import { describe, expect, it } from '@jest/globals';
import type { DeploymentConfigInfo, DeploymentGroupInfo } from '@aws-sdk/client-codedeploy';
import {
  bakeMinutes,
  describeShape,
  terminationWaitMinutes,
  trafficShape,
  trafficSteps,
  waitBudget,
} from '../../../src/ecs-deploy/codedeploy/traffic.js';

const canary = (pct: number, min: number): DeploymentConfigInfo => ({
  trafficRoutingConfig: {
    type: 'TimeBasedCanary',
    timeBasedCanary: { canaryPercentage: pct, canaryInterval: min },
  },
});
const linear = (pct: number, min: number): DeploymentConfigInfo => ({
  trafficRoutingConfig: {
    type: 'TimeBasedLinear',
    timeBasedLinear: { linearPercentage: pct, linearInterval: min },
  },
});
const group = (
  wait?: number,
  action: 'TERMINATE' | 'KEEP_ALIVE' = 'TERMINATE',
): DeploymentGroupInfo => ({
  blueGreenDeploymentConfiguration: {
    terminateBlueInstancesOnDeploymentSuccess: { action, terminationWaitTimeInMinutes: wait },
  },
});

describe('traffic shapes', () => {
  it('canary 10% for 5 and for 15 minutes', () => {
    expect(trafficSteps(trafficShape(canary(10, 5)))).toEqual([
      { atMinutes: 0, greenPercent: 10 },
      { atMinutes: 5, greenPercent: 100 },
    ]);
    expect(bakeMinutes(trafficShape(canary(10, 15)))).toBe(15);
    expect(describeShape(trafficShape(canary(10, 5)))).toBe('canary 10% for 5 minutes, then 100%');
  });

  it('linear 10% every 5 minutes takes ten steps and 45 minutes', () => {
    const shape = trafficShape(linear(10, 5));
    const steps = trafficSteps(shape);
    expect(steps).toHaveLength(10);
    expect(steps[0]).toEqual({ atMinutes: 0, greenPercent: 10 });
    expect(steps[9]).toEqual({ atMinutes: 45, greenPercent: 100 });
    expect(bakeMinutes(shape)).toBe(45);
    expect(describeShape(shape)).toBe('linear 10% every 5 minutes (10 steps)');
  });

  it('linear percentages that do not divide 100 end at 100', () => {
    const steps = trafficSteps(trafficShape(linear(30, 1)));
    expect(steps.map((s) => s.greenPercent)).toEqual([30, 60, 90, 100]);
    expect(bakeMinutes(trafficShape(linear(30, 1)))).toBe(3);
  });

  it('all at once, and configs without routing', () => {
    expect(trafficShape({ trafficRoutingConfig: { type: 'AllAtOnce' } })).toEqual({
      type: 'AllAtOnce',
    });
    expect(trafficShape(undefined)).toEqual({ type: 'AllAtOnce' });
    expect(bakeMinutes({ type: 'AllAtOnce' })).toBe(0);
    expect(trafficSteps(trafficShape(canary(100, 5)))).toEqual([
      { atMinutes: 0, greenPercent: 100 },
    ]);
  });
});

describe('wait budget', () => {
  it('is timeout + bake + termination wait', () => {
    const budget = waitBudget(30 * 60_000, trafficShape(canary(10, 15)), group(60));
    expect(budget).toEqual({
      totalMs: (30 + 15 + 60) * 60_000,
      timeoutMs: 30 * 60_000,
      bakeMs: 15 * 60_000,
      readyWaitMs: 0,
      terminationWaitMs: 60 * 60_000,
    });
  });

  it('adds the ready wait only when the group waits for a manual go', () => {
    const g: DeploymentGroupInfo = {
      blueGreenDeploymentConfiguration: {
        deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 10 },
      },
    };
    expect(waitBudget(60_000, { type: 'AllAtOnce' }, g).totalMs).toBe(11 * 60_000);
    g.blueGreenDeploymentConfiguration!.deploymentReadyOption!.actionOnTimeout =
      'CONTINUE_DEPLOYMENT';
    expect(waitBudget(60_000, { type: 'AllAtOnce' }, g).totalMs).toBe(60_000);
  });

  it('a group that keeps the original task set alive adds no termination wait', () => {
    expect(terminationWaitMinutes(group(30, 'KEEP_ALIVE'))).toBe(0);
    expect(terminationWaitMinutes(group(30))).toBe(30);
    expect(terminationWaitMinutes(undefined)).toBe(0);
  });
});
