/**
 * Where blue/green services go. The CodeDeploy strategy lives in `codedeploy/` and is loaded only
 * when a service needs it, so a rolling-only run never loads the CodeDeploy client. Its inputs
 * are validated and its AppSpec file parsed once per run, and its plan prepared (read calls only)
 * before the first mutating call. This is where the whole `Inputs` stops: the CodeDeploy layer
 * gets its checked names and `BlueGreenOptions`.
 */
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { createClient } from '../lib/aws.js';
import type { AppSpecParser } from './codedeploy/appspec.js';
import type { BlueGreenPlan } from './codedeploy/index.js';
import type { BlueGreenOptions, BlueGreenRequest, Inputs, ServiceResult } from './types.js';

export interface BlueGreenStrategy {
  /** Finds the deployment group, config and AppSpec base of a service (read calls only). */
  prepare(service: Service): Promise<BlueGreenPlan>;
  deploy(request: BlueGreenRequest, plan: BlueGreenPlan): Promise<ServiceResult>;
}

/** The inputs the CodeDeploy layer deploys with. */
export const blueGreenOptions = (inputs: Inputs): BlueGreenOptions => ({
  wait: inputs.wait,
  timeoutMs: inputs.timeoutMs,
  pollIntervalMs: inputs.pollIntervalMs,
  rollbackOnFailure: inputs['rollback-on-failure'],
});

export interface LoadOptions {
  /** The run's ECS client: the failure summary reads the stopped replacement tasks with it. */
  ecs?: Pick<ECSClient, 'send'>;
  /** The AppSpec file's parser (YAML unless a test counts its calls). */
  parse?: AppSpecParser;
}

export async function loadBlueGreen(
  inputs: Inputs,
  { ecs, parse }: LoadOptions = {},
): Promise<BlueGreenStrategy> {
  const [strategy, { CodeDeployClient }] = await Promise.all([
    import('./codedeploy/index.js'),
    import('@aws-sdk/client-codedeploy'),
  ]);
  const validated = strategy.validateBlueGreenInputs(inputs, parse);
  const client = createClient(CodeDeployClient);
  // One per run: the services share the inventory of deployment groups and the configs read.
  const memo = strategy.createPlanMemo();
  return {
    prepare: (service) =>
      strategy.prepareBlueGreen(client, { cluster: inputs.cluster, service, validated }, memo),
    deploy: (request, plan) =>
      strategy.deployBlueGreen(request, plan, { client, ...(ecs ? { ecs } : {}) }),
  };
}
