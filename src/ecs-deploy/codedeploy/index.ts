/**
 * CodeDeploy blue/green for ecs-deploy. `codedeploy-loader.ts` calls `validateBlueGreenInputs`
 * once per run (names checked, AppSpec parsed), `prepareBlueGreen` (read-only, one `PlanMemo` per
 * run) before registering the task definition, and hands each CODE_DEPLOY service and its plan to
 * `deployBlueGreen`, whose result carries the service's `codedeploy-deployments` entry.
 */
export { validateBlueGreenInputs, prepareBlueGreen, createPlanMemo } from './plan.js';
export type { BlueGreenPlan, PlanMemo, ValidatedBlueGreenInputs } from './plan.js';
export { deployBlueGreen } from './deploy.js';
export type { BlueGreenDeps } from './deploy.js';
