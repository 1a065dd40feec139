/**
 * Where blue/green services go. The CodeDeploy strategy lives in `codedeploy/` and is loaded only
 * when a service needs it, so a rolling-only run never loads the CodeDeploy client. Its inputs
 * are validated and its plan prepared (read calls only) before the first mutating call.
 */
import type { Service } from '@aws-sdk/client-ecs';
import { createClient } from '../lib/aws.js';
import type { BlueGreenPlan } from './codedeploy/index.js';
import type { BlueGreenRequest, Inputs, ServiceResult } from './types.js';

export interface BlueGreenStrategy {
  /** Finds the deployment group, config and AppSpec base of a service (read calls only). */
  prepare(service: Service): Promise<BlueGreenPlan>;
  deploy(request: BlueGreenRequest, plan: BlueGreenPlan): Promise<ServiceResult>;
}

export async function loadBlueGreen(inputs: Inputs): Promise<BlueGreenStrategy> {
  const [strategy, { CodeDeployClient }] = await Promise.all([
    import('./codedeploy/index.js'),
    import('@aws-sdk/client-codedeploy'),
  ]);
  const validated = strategy.validateBlueGreenInputs(inputs);
  const client = createClient(CodeDeployClient);
  // One per run: the services share the inventory of deployment groups and the configs read.
  const memo = strategy.createPlanMemo();
  return {
    prepare: (service) =>
      strategy.prepareBlueGreen(
        client,
        { cluster: inputs.cluster, service, inputs, validated },
        memo,
      ),
    deploy: (request, plan) => strategy.deployBlueGreen(request, plan, { client }),
  };
}
