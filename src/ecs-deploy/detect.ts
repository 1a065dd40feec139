/**
 * Which strategy deploys a service, from its deployment controller and
 * `deploymentConfiguration.strategy` (pure). Express Mode services (`resourceManagementType: ECS`)
 * are deployed by ECS as canary deployments. The `strategy` input asserts what the service must
 * be; a mismatch, or CodeDeploy-only inputs for a service that is not on CodeDeploy, is an input
 * error raised before any mutating call.
 */
import type { Service } from '@aws-sdk/client-ecs';
import { ConfigurationError, inputError } from '../lib/errors.js';
import type { Detected, StrategyInput } from './types.js';

/** Inputs that only a CodeDeploy blue/green deployment reads. */
export const CODEDEPLOY_ONLY_INPUTS = [
  'appspec',
  'codedeploy-application',
  'codedeploy-deployment-group',
  'codedeploy-deployment-config',
] as const;

export function detect(service: Service): Detected {
  const controller = service.deploymentController?.type ?? 'ECS';
  const name = service.serviceName ?? '';
  if (controller === 'EXTERNAL') {
    throw new ConfigurationError(
      `Service '${name}' uses the EXTERNAL deployment controller, which ecs-deploy cannot deploy; use your external controller, or recreate the service with the ECS or CODE_DEPLOY controller.`,
    );
  }
  if (controller === 'CODE_DEPLOY')
    return { strategy: 'blue-green', engine: 'codedeploy', label: 'CODE_DEPLOY' };
  const configured = service.deploymentConfiguration?.strategy;
  if (configured === 'BLUE_GREEN')
    return { strategy: 'blue-green', engine: 'native', label: 'BLUE_GREEN' };
  if (configured === 'LINEAR') return { strategy: 'linear', engine: 'native', label: 'LINEAR' };
  if (configured === 'CANARY' || service.resourceManagementType === 'ECS') {
    return {
      strategy: 'canary',
      engine: 'native',
      label: service.resourceManagementType === 'ECS' ? 'CANARY (Express Mode)' : 'CANARY',
    };
  }
  return { strategy: 'rolling', engine: 'rolling', label: 'ROLLING' };
}

/**
 * The detected strategy, checked against the `strategy` input and the CodeDeploy-only inputs
 * given (`given` lists the names of the inputs that were set).
 */
export function decideStrategy(
  service: Service,
  requested: StrategyInput,
  given: readonly string[] = [],
): Detected {
  const detected = detect(service);
  const name = service.serviceName ?? '';
  const controller = service.deploymentController?.type ?? 'ECS';
  if (requested !== 'auto' && requested !== detected.strategy) {
    throw inputError(
      'strategy',
      `is '${requested}', but service '${name}' uses the ${controller} deployment controller and is deployed ${describe(detected)}; use 'auto' or '${detected.strategy}'.`,
    );
  }
  const codeDeployInput = CODEDEPLOY_ONLY_INPUTS.find((input) => given.includes(input));
  if (codeDeployInput && detected.engine !== 'codedeploy') {
    throw inputError(
      codeDeployInput,
      `applies to CodeDeploy blue/green only, but service '${name}' is deployed ${describe(detected)} by ECS itself (${controller} controller); remove it.`,
    );
  }
  return detected;
}

function describe(d: Detected): string {
  if (d.engine === 'codedeploy') return 'blue/green through CodeDeploy';
  if (d.engine === 'rolling') return 'with rolling updates';
  return `${d.strategy === 'blue-green' ? 'blue/green' : d.strategy} (${d.label})`;
}
