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
import { readAppSpecFile, type AppSpecDoc, type LoadBalancerTarget } from './appspec.js';
import { createDiscoveryMemo, findDeploymentGroup, type DiscoveryMemo } from './discovery.js';
import { trafficShape, type TrafficShape } from './traffic.js';

export const DEFAULT_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';

/** CodeDeploy names: 1-100 characters, no control characters. */
const validName = (name: string): boolean =>
  name.length >= 1 && name.length <= 100 && ![...name].some((c) => c < ' ' || c === '\u007f');

export interface ValidatedBlueGreenInputs {
  appspec?: AppSpecDoc;
}

/** Checks the blue/green inputs without calling AWS; throws one line naming the input. */
export function validateBlueGreenInputs(inputs: Inputs): ValidatedBlueGreenInputs {
  for (const name of [
    'codedeploy-application',
    'codedeploy-deployment-group',
    'codedeploy-deployment-config',
  ] as const) {
    const value = inputs[name];
    if (value !== undefined && !validName(value))
      throw inputError(name, `must be a CodeDeploy name of 1 to 100 characters, got '${value}'.`);
  }
  const validated: ValidatedBlueGreenInputs = {};
  if (inputs.appspec !== undefined) validated.appspec = readAppSpecFile(inputs.appspec);
  return validated;
}

export interface BlueGreenPlan {
  application: string;
  groupName: string;
  group: DeploymentGroupInfo;
  configName: string;
  config: DeploymentConfigInfo;
  shape: TrafficShape;
  /** The user's AppSpec (hooks kept), or undefined to generate one. */
  appspec?: AppSpecDoc;
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
  inputs: Inputs;
  validated?: ValidatedBlueGreenInputs;
}

export async function prepareBlueGreen(
  client: CodeDeployClient,
  request: PrepareRequest,
  memo: PlanMemo = createPlanMemo(),
): Promise<BlueGreenPlan> {
  const { inputs, service } = request;
  const serviceName = service.serviceName ?? '';
  const validated = request.validated ?? validateBlueGreenInputs(inputs);
  const lb = loadBalancerOf(service);
  const appspecLb = appspecLoadBalancer(validated.appspec);
  const loadBalancer = appspecLb ?? lb;
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
      application: inputs['codedeploy-application'],
      group: inputs['codedeploy-deployment-group'],
    },
    memo.discovery,
  );
  const override = inputs['codedeploy-deployment-config'];
  const configName = override ?? ref.group.deploymentConfigName ?? DEFAULT_CONFIG;
  const config = await getConfig(client, configName, override !== undefined, memo);
  const plan: BlueGreenPlan = {
    application: ref.application,
    groupName: ref.group.deploymentGroupName ?? '',
    group: ref.group,
    configName,
    config,
    shape: trafficShape(config),
    loadBalancer,
  };
  if (validated.appspec) plan.appspec = validated.appspec;
  return plan;
}

function appspecLoadBalancer(doc: AppSpecDoc | undefined): LoadBalancerTarget | undefined {
  if (!doc) return undefined;
  const find = (o: unknown, key: string): unknown => {
    if (typeof o !== 'object' || o === null) return undefined;
    const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
    return k === undefined ? undefined : (o as Record<string, unknown>)[k];
  };
  const resources = find(doc, 'Resources');
  const first = Array.isArray(resources)
    ? Object.values((resources[0] ?? {}) as object)[0]
    : undefined;
  const lb = find(find(first, 'Properties'), 'LoadBalancerInfo');
  const name = find(lb, 'ContainerName');
  const port = Number(find(lb, 'ContainerPort'));
  return typeof name === 'string' && Number.isInteger(port) && port > 0
    ? { containerName: name, containerPort: port }
    : undefined;
}
