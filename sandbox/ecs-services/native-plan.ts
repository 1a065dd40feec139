/**
 * The lifecycle stages a native deployment (BLUE_GREEN, LINEAR, CANARY) goes through, as a plan of
 * steps in scenario seconds. Pure: native.ts plays the plan on the sandbox clock.
 *
 * Every strategy: [RECONCILE_SERVICE] -> PRE_SCALE_UP -> SCALE_UP (green launched at full count;
 * ends when its tasks run) -> POST_SCALE_UP -> TEST_TRAFFIC_SHIFT (test traffic 0 -> 100) ->
 * POST_TEST_TRAFFIC_SHIFT -> PRODUCTION_TRAFFIC_SHIFT (per strategy) ->
 * POST_PRODUCTION_TRAFFIC_SHIFT -> BAKE_TIME (bakeTimeInMinutes; skipped at 0) -> CLEAN_UP (blue
 * scaled to 0) -> SUCCESSFUL. Production traffic: BLUE_GREEN 0 -> 100 in one shift; CANARY
 * canaryPercent, canaryBakeTimeInMinutes, then 100; LINEAR stepPercent, 2 x stepPercent, ... 100 with
 * stepBakeTimeInMinutes after every shift but the last (AWS: "not applied after reaching 100
 * percent traffic"), so 10 % steps with 6 minutes between them take 9 x 6 = 54 minutes. Behind a
 * Network Load Balancer, TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT take 10 minutes more each
 * (AWS's NLB resources page; the sandbox adds it once per stage, after the first shift).
 */
import type {
  DeploymentLifecycleHookStage,
  ServiceDeploymentLifecycleStage,
} from '@aws-sdk/client-ecs';
import type { DeploymentConfigSnapshot } from './state.js';

/** Seconds each stage takes on the scaled clock; a traffic shift takes PRODUCTION_TRAFFIC_SHIFT. */
export const STAGE_SECONDS: Record<ServiceDeploymentLifecycleStage, number> = {
  RECONCILE_SERVICE: 2,
  PRE_SCALE_UP: 1,
  SCALE_UP: 1,
  POST_SCALE_UP: 1,
  TEST_TRAFFIC_SHIFT: 2,
  POST_TEST_TRAFFIC_SHIFT: 1,
  PRODUCTION_TRAFFIC_SHIFT: 2,
  POST_PRODUCTION_TRAFFIC_SHIFT: 1,
  BAKE_TIME: 0,
  CLEAN_UP: 2,
};

export interface PlanStep {
  stage: ServiceDeploymentLifecycleStage;
  /** Seconds the step lasts once it has begun (SCALE_UP: after the green tasks run). */
  seconds: number;
  /** Requested weights of the target revision from the step's beginning. */
  production?: number;
  test?: number;
  /** Hook stages whose hooks run, in order, when the step's time is up. */
  hooks: DeploymentLifecycleHookStage[];
  /** SCALE_UP: launch the green tasks; the step waits for them to run. */
  scaleUp?: boolean;
  /** CLEAN_UP: scale the blue revision down when the step begins. */
  cleanUp?: boolean;
}

/** AWS: behind a Network Load Balancer, ECS adds 10 minutes to these stages (once each). */
export const NLB_DELAY_SECONDS = 600;

export interface PlanOptions {
  /** More than one revision ACTIVE when the deployment starts: RECONCILE_SERVICE first. */
  reconcile: boolean;
  /** Behind a Network Load Balancer: TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT take 10 minutes more. */
  nlb?: boolean;
  stageSeconds?: Partial<Record<ServiceDeploymentLifecycleStage, number>>;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Production weights of the target and the minutes held after each (the last is held 0). */
export function productionSteps(
  config: DeploymentConfigSnapshot,
): { weight: number; holdMinutes: number }[] {
  if (config.strategy === 'CANARY') {
    const canary = config.canaryConfiguration ?? { canaryPercent: 5, canaryBakeTimeInMinutes: 10 };
    if (canary.canaryPercent >= 100) return [{ weight: 100, holdMinutes: 0 }];
    return [
      { weight: round(canary.canaryPercent), holdMinutes: canary.canaryBakeTimeInMinutes },
      { weight: 100, holdMinutes: 0 },
    ];
  }
  if (config.strategy === 'LINEAR') {
    const linear = config.linearConfiguration ?? { stepPercent: 10, stepBakeTimeInMinutes: 6 };
    const steps: { weight: number; holdMinutes: number }[] = [];
    for (let k = 1; round(k * linear.stepPercent) < 100; k++)
      steps.push({
        weight: round(k * linear.stepPercent),
        holdMinutes: linear.stepBakeTimeInMinutes,
      });
    steps.push({ weight: 100, holdMinutes: 0 });
    return steps;
  }
  return [{ weight: 100, holdMinutes: 0 }];
}

export function nativePlan(config: DeploymentConfigSnapshot, options: PlanOptions): PlanStep[] {
  const secs = { ...STAGE_SECONDS, ...options.stageSeconds };
  const nlb = options.nlb ? NLB_DELAY_SECONDS : 0;
  const steps: PlanStep[] = [];
  if (options.reconcile)
    steps.push({
      stage: 'RECONCILE_SERVICE',
      seconds: secs.RECONCILE_SERVICE,
      hooks: ['RECONCILE_SERVICE'],
    });
  steps.push(
    { stage: 'PRE_SCALE_UP', seconds: secs.PRE_SCALE_UP, hooks: ['PRE_SCALE_UP'] },
    { stage: 'SCALE_UP', seconds: secs.SCALE_UP, hooks: [], scaleUp: true },
    { stage: 'POST_SCALE_UP', seconds: secs.POST_SCALE_UP, hooks: ['POST_SCALE_UP'] },
    {
      stage: 'TEST_TRAFFIC_SHIFT',
      seconds: secs.TEST_TRAFFIC_SHIFT + nlb,
      test: 100,
      hooks: ['TEST_TRAFFIC_SHIFT'],
    },
    {
      stage: 'POST_TEST_TRAFFIC_SHIFT',
      seconds: secs.POST_TEST_TRAFFIC_SHIFT,
      hooks: ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT'],
    },
  );
  const shifts = productionSteps(config);
  shifts.forEach((shift, i) =>
    steps.push({
      stage: 'PRODUCTION_TRAFFIC_SHIFT',
      seconds: secs.PRODUCTION_TRAFFIC_SHIFT + shift.holdMinutes * 60 + (i === 0 ? nlb : 0),
      production: shift.weight,
      hooks: i === shifts.length - 1 ? ['PRODUCTION_TRAFFIC_SHIFT'] : [],
    }),
  );
  steps.push({
    stage: 'POST_PRODUCTION_TRAFFIC_SHIFT',
    seconds: secs.POST_PRODUCTION_TRAFFIC_SHIFT,
    hooks: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
  });
  const bake = (config.bakeTimeInMinutes ?? 0) * 60 + secs.BAKE_TIME;
  if (bake > 0) steps.push({ stage: 'BAKE_TIME', seconds: bake, hooks: [] });
  steps.push({ stage: 'CLEAN_UP', seconds: secs.CLEAN_UP, hooks: [], cleanUp: true });
  return steps;
}

/**
 * Scenario seconds from UpdateService to SUCCESSFUL when nothing interferes: the plan's steps plus
 * the green tasks' `runningAfter` (5) in SCALE_UP, plus the time the hooks take (`hookSeconds`).
 */
export function plannedSeconds(
  plan: readonly PlanStep[],
  runningAfter = 5,
  hookSeconds = 0,
): number {
  return plan.reduce((n, step) => n + step.seconds, 0) + runningAfter + hookSeconds;
}
