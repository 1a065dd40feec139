import { describe, expect, it } from '@jest/globals';
import type { Service } from '@aws-sdk/client-ecs';
import {
  behindNlb,
  linearBakedSteps,
  nativeBudget,
  serviceBudget,
} from '../../../src/ecs-deploy/native/budget.js';
import { decideStrategy, detect } from '../../../src/ecs-deploy/detect.js';
import {
  changes,
  consoleLink,
  StageTimeline,
  viewOf,
} from '../../../src/ecs-deploy/native/progress.js';

const MIN = 60_000;

describe('nativeBudget', () => {
  it('blue/green: timeout-minutes plus the bake time', () => {
    const b = nativeBudget(10 * MIN, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 5 });
    expect(b.totalMs).toBe(15 * MIN);
    expect(b.parts).toEqual([{ what: 'bake time', ms: 5 * MIN }]);
  });

  it("linear with AWS's defaults: 9 step bakes of 6 minutes (none after 100 %)", () => {
    expect(nativeBudget(30 * MIN, { strategy: 'LINEAR' }).totalMs).toBe((30 + 54) * MIN);
    expect(linearBakedSteps(10)).toBe(9);
    expect(linearBakedSteps(25)).toBe(3);
    expect(linearBakedSteps(30)).toBe(3);
    expect(linearBakedSteps(100)).toBe(0);
    expect(linearBakedSteps(3.3)).toBe(30);
  });

  it('canary: its bake (default 10) plus the bake time', () => {
    expect(nativeBudget(MIN, { strategy: 'CANARY' }).totalMs).toBe(11 * MIN);
    expect(
      nativeBudget(MIN, {
        strategy: 'CANARY',
        bakeTimeInMinutes: 5,
        canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
      }).totalMs,
    ).toBe(11 * MIN);
  });

  it('adds the NLB traffic-shift delays, and nothing for rolling', () => {
    expect(nativeBudget(MIN, { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 }, true).totalMs).toBe(
      21 * MIN,
    );
    expect(nativeBudget(MIN, { strategy: 'ROLLING', bakeTimeInMinutes: 9 }).totalMs).toBe(MIN);
    expect(nativeBudget(MIN, undefined).totalMs).toBe(MIN);
  });

  it('an Express Mode service is budgeted as the canary it is', () => {
    expect(serviceBudget({ resourceManagementType: 'ECS' }, MIN).totalMs).toBe(11 * MIN);
  });

  it('tells an NLB from its listener ARN', () => {
    const lb = (rule: string): Service => ({
      loadBalancers: [{ advancedConfiguration: { productionListenerRule: rule } as never }],
    });
    expect(behindNlb(lb('arn:aws:elasticloadbalancing:r:1:listener/net/x/1/2'))).toBe(true);
    expect(behindNlb(lb('arn:aws:elasticloadbalancing:r:1:listener-rule/app/x/1/2/3'))).toBe(false);
    expect(behindNlb({})).toBe(false);
  });
});

describe('detect and decideStrategy', () => {
  const svc = (over: Partial<Service>): Service => ({ serviceName: 'api', ...over });
  it.each([
    [{}, 'rolling', 'rolling'],
    [{ deploymentConfiguration: { strategy: 'ROLLING' } }, 'rolling', 'rolling'],
    [{ deploymentConfiguration: { strategy: 'BLUE_GREEN' } }, 'blue-green', 'native'],
    [{ deploymentConfiguration: { strategy: 'LINEAR' } }, 'linear', 'native'],
    [{ deploymentConfiguration: { strategy: 'CANARY' } }, 'canary', 'native'],
    [{ resourceManagementType: 'ECS' }, 'canary', 'native'],
    [{ deploymentController: { type: 'CODE_DEPLOY' } }, 'blue-green', 'codedeploy'],
  ] as [Partial<Service>, string, string][])('%j is %s (%s)', (over, strategy, engine) => {
    expect(detect(svc(over))).toMatchObject({ strategy, engine });
  });

  it('the strategy input asserts; a mismatch names the input', () => {
    const linear = svc({ deploymentConfiguration: { strategy: 'LINEAR' } });
    expect(decideStrategy(linear, 'linear').strategy).toBe('linear');
    expect(() => decideStrategy(linear, 'canary')).toThrow(
      /^Input 'strategy' is 'canary', but service 'api' uses the ECS deployment controller and is deployed linear \(LINEAR\)/,
    );
  });

  it('refuses CodeDeploy-only inputs for a service ECS deploys itself', () => {
    const native = svc({ deploymentConfiguration: { strategy: 'BLUE_GREEN' } });
    expect(() => decideStrategy(native, 'auto', ['appspec'])).toThrow(
      /^Input 'appspec' applies to CodeDeploy/,
    );
    expect(() => decideStrategy(svc({}), 'auto', ['codedeploy-deployment-config'])).toThrow(
      /^Input 'codedeploy-deployment-config' applies to CodeDeploy/,
    );
    const cd = svc({ deploymentController: { type: 'CODE_DEPLOY' } });
    expect(decideStrategy(cd, 'blue-green', ['appspec']).engine).toBe('codedeploy');
  });
});

describe('progress lines and the stage timeline', () => {
  it('prints one line per change of status, stage, weight and hook', () => {
    const a = viewOf({ status: 'IN_PROGRESS', lifecycleStage: 'SCALE_UP' });
    expect(changes('api', undefined, a)).toEqual([
      'api: status IN_PROGRESS',
      'api: lifecycle stage SCALE_UP',
    ]);
    expect(changes('api', a, a)).toEqual([]);
    const b = viewOf({
      status: 'IN_PROGRESS',
      lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT',
      targetServiceRevision: {
        requestedProductionTrafficWeight: 10,
        requestedTestTrafficWeight: 100,
      },
      lifecycleHookDetails: [{ hookId: 'h', status: 'AWAITING_ACTION' }],
    });
    expect(changes('api', a, b)).toEqual([
      'api: lifecycle stage PRODUCTION_TRAFFIC_SHIFT',
      'api: production traffic 10% on the new revision',
      'api: test traffic 100% on the new revision',
      'api: hook h AWAITING_ACTION (PRODUCTION_TRAFFIC_SHIFT)',
    ]);
  });

  it('one phase per lifecycle stage, the last failed when the deployment failed', () => {
    const t = new StageTimeline();
    t.observe('SCALE_UP', 0);
    t.observe('SCALE_UP', 5);
    t.observe('BAKE_TIME', 10);
    expect(t.phases('api', 20, true)).toEqual([
      { section: 'api', name: 'SCALE_UP', start: 0, end: 10, state: 'done' },
      { section: 'api', name: 'BAKE_TIME', start: 10, end: 20, state: 'failed' },
    ]);
  });

  it('links to the service deployment in the console', () => {
    expect(consoleLink('arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/api/abc')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api/deployments/abc?region=eu-west-1',
    );
    expect(consoleLink('nonsense')).toBeUndefined();
  });
});
