/** One run's blue/green services share the CodeDeploy read calls of their plans. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  BatchGetDeploymentGroupsCommand,
  CodeDeployClient,
  GetDeploymentConfigCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  type DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import type { Service } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { loadBlueGreen } from '../../../src/ecs-deploy/codedeploy-loader.js';
import type { Inputs } from '../../../src/ecs-deploy/types.js';
import { bgInputs, mockInventory } from './fixtures.js';

const cd = mockClient(CodeDeployClient);

const CANARY = 'CodeDeployDefault.ECSCanary10Percent5Minutes';
const ALL_AT_ONCE = 'CodeDeployDefault.ECSAllAtOnce';

const group = (app: string, service: string, config: string): DeploymentGroupInfo => ({
  applicationName: app,
  deploymentGroupName: `${service}-prod`,
  computePlatform: 'ECS',
  deploymentConfigName: config,
  ecsServices: [{ clusterName: 'prod', serviceName: service }],
});

const apps: Record<string, DeploymentGroupInfo[]> = {
  web: [group('web', 'web', CANARY)],
  api: [group('api', 'api', CANARY), group('api', 'worker', ALL_AT_ONCE)],
};

const inputs: Inputs = bgInputs({ services: ['api', 'web', 'worker'] });

const service = (name: string): Service => ({
  serviceName: name,
  deploymentController: { type: 'CODE_DEPLOY' },
  loadBalancers: [{ containerName: 'app', containerPort: 8000 }],
});

beforeEach(() => {
  cd.reset();
  mockInventory(cd, apps);
  cd.on(GetDeploymentConfigCommand).callsFake((input) => ({
    deploymentConfigInfo: {
      deploymentConfigName: input.deploymentConfigName,
      computePlatform: 'ECS',
      trafficRoutingConfig: { type: 'AllAtOnce' },
    },
  }));
});

describe('loadBlueGreen', () => {
  it('services of one run read the inventory once and each config once by name', async () => {
    const strategy = await loadBlueGreen(inputs);
    const plans = [];
    for (const name of ['api', 'web', 'worker']) plans.push(await strategy.prepare(service(name)));
    expect(plans.map((p) => [p.application, p.groupName, p.configName])).toEqual([
      ['api', 'api-prod', CANARY],
      ['web', 'web-prod', CANARY],
      ['api', 'worker-prod', ALL_AT_ONCE],
    ]);
    expect(cd.commandCalls(ListApplicationsCommand)).toHaveLength(1);
    expect(
      cd.commandCalls(ListDeploymentGroupsCommand).map((c) => c.args[0].input.applicationName),
    ).toEqual(['web', 'api']);
    expect(
      cd.commandCalls(BatchGetDeploymentGroupsCommand).map((c) => c.args[0].input.applicationName),
    ).toEqual(['web', 'api']);
    expect(
      cd.commandCalls(GetDeploymentConfigCommand).map((c) => c.args[0].input.deploymentConfigName),
    ).toEqual([CANARY, ALL_AT_ONCE]);
  });

  it('a discovery failure is told to every service the same way', async () => {
    const strategy = await loadBlueGreen(inputs);
    for (const name of ['billing', 'billing']) {
      await expect(strategy.prepare(service(name))).rejects.toThrow(
        "No CodeDeploy deployment group deploys service 'billing' of cluster 'prod'.",
      );
    }
    expect(cd.commandCalls(ListApplicationsCommand)).toHaveLength(1);
  });

  it('each run reads its own inventory', async () => {
    await (await loadBlueGreen(inputs)).prepare(service('api'));
    await (await loadBlueGreen(inputs)).prepare(service('api'));
    expect(cd.commandCalls(ListApplicationsCommand)).toHaveLength(2);
    expect(cd.commandCalls(GetDeploymentConfigCommand)).toHaveLength(2);
  });
});
