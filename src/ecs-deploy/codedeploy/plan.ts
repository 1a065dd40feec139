/**
 * Everything a blue/green deployment needs, settled before the first mutating call: the
 * blue/green inputs checked (`validateBlueGreenInputs`, no AWS call), then the deployment group,
 * the deployment config (the group's or `codedeploy-deployment-config`) and the AppSpec base
 * (`prepareBlueGreen`, read-only calls). The services of one run share a `PlanMemo`, so the
 * CodeDeploy inventory is read once and each deployment config once by name.
 */
import {
  GetDeploymentConfigCommand,
  type CodeDeployClient,
  type DeploymentConfigInfo,
  type GetDeploymentConfigCommandOutput,
  type DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import type { Service } from '@aws-sdk/client-ecs';
import { errorCode } from '../../lib/aws-errors.js';
import { ConfigurationError, inputError } from '../../lib/errors.js';
import type { Inputs } from '../types.js';
import {
  readAppSpecFile,
  type AppSpecParser,
  type LoadBalancerTarget,
  type ParsedAppSpec,
} from './appspec.js';
import { createDiscoveryMemo, findDeploymentGroup, type DiscoveryMemo } from './discovery.js';
import { trafficShape, type TrafficShape } from './traffic.js';

export const DEFAULT_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';

/** CodeDeploy names: 1-100 characters, no control characters. */
const validName = (name: string): boolean =>
  name.length >= 1 && name.length <= 100 && ![...name].some((c) => c < ' ' || c === '\u007f');

/** The inputs the CodeDeploy layer reads to plan a deployment. */
export type BlueGreenInputs = Pick<Inputs, NameInput | 'appspec'>;

/** The blue/green inputs, checked: the names to use and the AppSpec file, parsed (once per run). */
export interface ValidatedBlueGreenInputs {
  application?: string;
  deploymentGroup?: string;
  /** `codedeploy-deployment-config`: overrides the group's config. */
  deploymentConfig?: string;
  appspec?: ParsedAppSpec;
}

type NameInput =
  'codedeploy-application' | 'codedeploy-deployment-group' | 'codedeploy-deployment-config';

function checkedName(inputs: BlueGreenInputs, name: NameInput): string | undefined {
  const value = inputs[name];
  if (value !== undefined && !validName(value))
    throw inputError(name, `must be a CodeDeploy name of 1 to 100 characters, got '${value}'.`);
  return value;
}

/**
 * Checks the blue/green inputs without calling AWS (throws one line naming the input) and parses
 * the AppSpec file; `parse` is the YAML parser unless a test gives its own.
 */
export function validateBlueGreenInputs(
  inputs: BlueGreenInputs,
  parse?: AppSpecParser,
): ValidatedBlueGreenInputs {
  const application = checkedName(inputs, 'codedeploy-application');
  const deploymentGroup = checkedName(inputs, 'codedeploy-deployment-group');
  const deploymentConfig = checkedName(inputs, 'codedeploy-deployment-config');
  return {
    ...(application !== undefined ? { application } : {}),
    ...(deploymentGroup !== undefined ? { deploymentGroup } : {}),
    ...(deploymentConfig !== undefined ? { deploymentConfig } : {}),
    ...(inputs.appspec !== undefined ? { appspec: readAppSpecFile(inputs.appspec, parse) } : {}),
  };
}

export interface BlueGreenPlan {
  application: string;
  groupName: string;
  group: DeploymentGroupInfo;
  configName: string;
  config: DeploymentConfigInfo;
  shape: TrafficShape;
  /** The config came from `codedeploy-deployment-config` (so CreateDeployment names it). */
  configFromInput: boolean;
  /** The user's AppSpec as parsed once for the run (hooks kept), or undefined to generate one. */
  appspec?: ParsedAppSpec;
  loadBalancer: LoadBalancerTarget;
}

/** The service's load-balanced container (CODE_DEPLOY services have exactly one load balancer). */
export function loadBalancerOf(service: Service): LoadBalancerTarget | undefined {
  const lb = service.loadBalancers?.find((l) => l.containerName && l.containerPort);
  return lb ? { containerName: lb.containerName!, containerPort: lb.containerPort! } : undefined;
}

/** Read calls shared by the services of one run: the discovery inventory, configs by name. */
export interface PlanMemo {
  discovery: DiscoveryMemo;
  configs: Map<string, Promise<GetDeploymentConfigCommandOutput>>;
}

export const createPlanMemo = (): PlanMemo => ({
  discovery: createDiscoveryMemo(),
  configs: new Map(),
});

async function getConfig(
  client: CodeDeployClient,
  name: string,
  fromInput: boolean,
  memo: PlanMemo,
): Promise<DeploymentConfigInfo> {
  try {
    let pending = memo.configs.get(name);
    if (!pending) {
      pending = client.send(new GetDeploymentConfigCommand({ deploymentConfigName: name }));
      memo.configs.set(name, pending);
    }
    const out = await pending;
    const info = out.deploymentConfigInfo ?? { deploymentConfigName: name };
    if (fromInput && info.computePlatform && info.computePlatform !== 'ECS') {
      throw inputError(
        'codedeploy-deployment-config',
        `names '${name}', a ${info.computePlatform} config; ECS needs an ECS config such as CodeDeployDefault.ECSCanary10Percent5Minutes.`,
      );
    }
    return info;
  } catch (error) {
    if (errorCode(error) === 'DeploymentConfigDoesNotExistException') {
      if (fromInput)
        throw inputError('codedeploy-deployment-config', `names '${name}', which does not exist.`);
      throw new ConfigurationError(`The deployment group's config '${name}' does not exist.`);
    }
    throw error;
  }
}

export interface PrepareRequest {
  cluster: string;
  service: Service;
  /** From `validateBlueGreenInputs`, once per run. */
  validated: ValidatedBlueGreenInputs;
}

export async function prepareBlueGreen(
  client: CodeDeployClient,
  request: PrepareRequest,
  memo: PlanMemo = createPlanMemo(),
): Promise<BlueGreenPlan> {
  const { validated, service } = request;
  const serviceName = service.serviceName ?? '';
  const loadBalancer = validated.appspec?.loadBalancer ?? loadBalancerOf(service);
  if (!loadBalancer) {
    throw new ConfigurationError(
      `Service '${serviceName}' has no load balancer with a container name and port, so no AppSpec can be generated; give one with 'appspec'.`,
    );
  }
  const ref = await findDeploymentGroup(
    client,
    {
      cluster: request.cluster,
      service: serviceName,
      application: validated.application,
      group: validated.deploymentGroup,
    },
    memo.discovery,
  );
  const override = validated.deploymentConfig;
  const configName = override ?? ref.group.deploymentConfigName ?? DEFAULT_CONFIG;
  const config = await getConfig(client, configName, override !== undefined, memo);
  const plan: BlueGreenPlan = {
    application: ref.application,
    groupName: ref.group.deploymentGroupName ?? '',
    group: ref.group,
    configName,
    config,
    shape: trafficShape(config),
    configFromInput: override !== undefined,
    loadBalancer,
  };
  if (validated.appspec) plan.appspec = validated.appspec;
  return plan;
}
