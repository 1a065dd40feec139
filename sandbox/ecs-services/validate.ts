/**
 * UpdateService's deploymentConfiguration checked as the ECS API reference states its limits,
 * before anything changes: an InvalidParameterException naming the field, as ECS answers.
 */
import type { DeploymentConfiguration } from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';

const STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];
const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
];

const bad = (message: string) => new AwsError('InvalidParameterException', message);

function tenths(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

function minutes(value: number | undefined, field: string, max: number, min = 0): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max)
    throw bad(`${field} must be an integer from ${min} to ${max}.`);
}

export function validateDeploymentConfiguration(given: DeploymentConfiguration): void {
  if (given.strategy !== undefined && !STRATEGIES.includes(given.strategy))
    throw bad(`deploymentConfiguration.strategy must be one of ${STRATEGIES.join(', ')}.`);
  const linear = given.linearConfiguration;
  if (linear?.stepPercent !== undefined) {
    const p = linear.stepPercent;
    if (p < 3 || p > 100 || !tenths(p))
      throw bad('linearConfiguration.stepPercent must be a multiple of 0.1 from 3.0 to 100.0.');
  }
  minutes(linear?.stepBakeTimeInMinutes, 'linearConfiguration.stepBakeTimeInMinutes', 1440);
  const canary = given.canaryConfiguration;
  if (canary?.canaryPercent !== undefined) {
    const p = canary.canaryPercent;
    if (p < 0.1 || p > 100 || !tenths(p))
      throw bad('canaryConfiguration.canaryPercent must be a multiple of 0.1 from 0.1 to 100.0.');
  }
  minutes(canary?.canaryBakeTimeInMinutes, 'canaryConfiguration.canaryBakeTimeInMinutes', 1440);
  (given.lifecycleHooks ?? []).forEach((hook, i) => {
    const at = `lifecycleHooks[${i}]`;
    const stages = hook.lifecycleStages ?? [];
    if (stages.length === 0) throw bad(`${at}.lifecycleStages is required.`);
    for (const stage of stages)
      if (!HOOK_STAGES.includes(stage))
        throw bad(`${at}.lifecycleStages: ${stage} is not one of ${HOOK_STAGES.join(', ')}.`);
    const type = hook.targetType ?? 'AWS_LAMBDA';
    if (type !== 'AWS_LAMBDA' && type !== 'PAUSE')
      throw bad(`${at}.targetType must be AWS_LAMBDA or PAUSE.`);
    if (type === 'AWS_LAMBDA' && !hook.hookTargetArn)
      throw bad(`${at}.hookTargetArn is required for an AWS_LAMBDA hook.`);
    if (type === 'AWS_LAMBDA' && !hook.roleArn)
      throw bad(`${at}.roleArn is required for an AWS_LAMBDA hook.`);
    minutes(
      hook.timeoutConfiguration?.timeoutInMinutes,
      `${at}.timeoutConfiguration.timeoutInMinutes`,
      20160,
      1,
    );
    const action = hook.timeoutConfiguration?.action;
    if (action !== undefined && action !== 'ROLLBACK' && action !== 'CONTINUE')
      throw bad(`${at}.timeoutConfiguration.action must be ROLLBACK or CONTINUE.`);
  });
}
