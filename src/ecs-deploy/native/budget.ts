/**
 * The wait budget of an ECS-native deployment (pure): `timeout-minutes` plus the durations the
 * strategy itself spends (ECS's API model gives the defaults): the bake time after production
 * traffic has shifted, the linear steps' bake times (none after 100 %), the canary's bake, and
 * the delay ECS adds to each traffic shift behind a Network Load Balancer. PAUSE hooks never
 * extend it.
 */
import type { DeploymentConfiguration, Service } from '@aws-sdk/client-ecs';

const MINUTE = 60_000;
/** ECS's defaults when the configuration leaves them out (API model). */
export const LINEAR_DEFAULTS = { stepPercent: 10, stepBakeTimeInMinutes: 6 };
export const CANARY_DEFAULTS = { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
/**
 * Behind a Network Load Balancer ECS waits before each traffic shift (test and production) so
 * connections settle; AWS documents it as up to 10 minutes per shift.
 */
export const NLB_SHIFT_DELAY_MINUTES = 10;

export interface Budget {
  timeoutMs: number;
  /** What the strategy adds, each named (e.g. `bake 5m`). */
  parts: { what: string; ms: number }[];
  totalMs: number;
}

/** How many linear steps bake: one after each step that leaves traffic below 100 %. */
export function linearBakedSteps(stepPercent: number): number {
  if (!(stepPercent > 0)) return 0;
  return Math.max(0, Math.ceil(100 / stepPercent - 1e-9) - 1);
}

/** Whether the service's traffic goes through a Network Load Balancer (its listener ARN says so). */
export function behindNlb(service: Service): boolean {
  return (service.loadBalancers ?? []).some((lb) => {
    const rule = lb.advancedConfiguration?.productionListenerRule ?? '';
    return rule.includes(':listener/net/') || rule.includes(':listener-rule/net/');
  });
}

export function nativeBudget(
  timeoutMs: number,
  config: DeploymentConfiguration | undefined,
  nlb = false,
): Budget {
  const parts: Budget['parts'] = [];
  const add = (what: string, minutes: number): void => {
    if (minutes > 0) parts.push({ what, ms: minutes * MINUTE });
  };
  const strategy = config?.strategy;
  if (strategy === 'LINEAR') {
    const step = config?.linearConfiguration?.stepPercent ?? LINEAR_DEFAULTS.stepPercent;
    const bake =
      config?.linearConfiguration?.stepBakeTimeInMinutes ?? LINEAR_DEFAULTS.stepBakeTimeInMinutes;
    const steps = linearBakedSteps(step);
    add(`${steps} linear step${steps === 1 ? '' : 's'} × ${bake}m step bake`, steps * bake);
  } else if (strategy === 'CANARY') {
    add(
      'canary bake',
      config?.canaryConfiguration?.canaryBakeTimeInMinutes ??
        CANARY_DEFAULTS.canaryBakeTimeInMinutes,
    );
  }
  if (strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY') {
    add('bake time', config?.bakeTimeInMinutes ?? 0);
    if (nlb) add('NLB traffic-shift delays', 2 * NLB_SHIFT_DELAY_MINUTES);
  }
  return { timeoutMs, parts, totalMs: timeoutMs + parts.reduce((sum, p) => sum + p.ms, 0) };
}

/** The budget of a service's next deployment; Express Mode services deploy as canaries. */
export function serviceBudget(service: Service, timeoutMs: number): Budget {
  const config = service.deploymentConfiguration;
  const express = service.resourceManagementType === 'ECS' && !config?.strategy;
  return nativeBudget(
    timeoutMs,
    express ? { ...config, strategy: 'CANARY' } : config,
    behindNlb(service),
  );
}
