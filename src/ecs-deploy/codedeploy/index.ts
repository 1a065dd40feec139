/**
 * CodeDeploy blue/green for ecs-deploy. `run.ts` calls `validateBlueGreenInputs` while parsing
 * inputs, `prepareBlueGreen` (read-only, one `PlanMemo` per run) before registering the task
 * definition, and hands each CODE_DEPLOY service and its plan to `deployBlueGreen`.
 */
import * as core from '@actions/core';
import type { BlueGreenRequest, ServiceResult } from '../types.js';
import { deployBlueGreen as deploy, type BlueGreenDeps } from './deploy.js';
import type { CodeDeployOutputEntry } from './outcome.js';
import type { BlueGreenPlan } from './plan.js';

export { validateBlueGreenInputs, prepareBlueGreen, createPlanMemo } from './plan.js';
export type { BlueGreenPlan, PlanMemo, ValidatedBlueGreenInputs } from './plan.js';
export type { CodeDeployOutputEntry } from './outcome.js';

const entries: CodeDeployOutputEntry[] = [];

/** The `codedeploy-deployments` output: one entry per blue/green service of this run. */
export function recordOutput(entry: CodeDeployOutputEntry): void {
  entries.push(entry);
  core.setOutput('codedeploy-deployments', JSON.stringify(entries));
}

export function deployBlueGreen(
  request: BlueGreenRequest,
  plan: BlueGreenPlan,
  deps: BlueGreenDeps,
): Promise<ServiceResult> {
  return deploy(request, plan, { onOutput: recordOutput, ...deps });
}
