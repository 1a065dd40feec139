import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CodeDeployClient,
  GetDeploymentConfigCommand,
  GetDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  prepareBlueGreen,
  validateBlueGreenInputs,
} from '../../../src/ecs-deploy/codedeploy/plan.js';
import { bgInputs } from './fixtures.js';

const cd = mockClient(CodeDeployClient);
const client = new CodeDeployClient({ region: 'us-east-1' });

const inputs = bgInputs;

const named = { 'codedeploy-application': 'app', 'codedeploy-deployment-group': 'grp' };

beforeEach(() => {
  cd.reset();
  cd.on(GetDeploymentGroupCommand).resolves({
    deploymentGroupInfo: {
      deploymentGroupName: 'grp',
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      ecsServices: [{ clusterName: 'prod', serviceName: 'api' }],
    },
  });
  cd.on(GetDeploymentConfigCommand).callsFake((input) => ({
    deploymentConfigInfo: {
      deploymentConfigName: input.deploymentConfigName,
      computePlatform: input.deploymentConfigName.includes('ECS') ? 'ECS' : 'Server',
      trafficRoutingConfig: {
        type: 'TimeBasedCanary',
        timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
      },
    },
  }));
});

describe('validateBlueGreenInputs', () => {
  it('rejects names CodeDeploy would not accept, naming the input', () => {
    expect(() =>
      validateBlueGreenInputs(inputs({ 'codedeploy-application': 'a'.repeat(101) })),
    ).toThrow(/^Input 'codedeploy-application' must be a CodeDeploy name of 1 to 100 characters/);
    expect(() =>
      validateBlueGreenInputs(inputs({ 'codedeploy-deployment-group': 'a\tb' })),
    ).toThrow(/^Input 'codedeploy-deployment-group' /);
    expect(validateBlueGreenInputs(inputs(named))).toEqual({
      application: 'app',
      deploymentGroup: 'grp',
    });
  });
});

describe('prepareBlueGreen', () => {
  it('uses the group config, or the override', async () => {
    const service = {
      serviceName: 'api',
      loadBalancers: [{ containerName: 'app', containerPort: 8000 }],
    };
    const plan = await prepareBlueGreen(client, {
      cluster: 'prod',
      service,
      validated: validateBlueGreenInputs(inputs(named)),
    });
    expect(plan.configName).toBe('CodeDeployDefault.ECSCanary10Percent5Minutes');
    expect(plan.shape).toEqual({ type: 'Canary', percentage: 10, intervalMinutes: 5 });
    expect(plan.loadBalancer).toEqual({ containerName: 'app', containerPort: 8000 });
    const override = await prepareBlueGreen(client, {
      cluster: 'prod',
      service,
      validated: validateBlueGreenInputs(
        inputs({ ...named, 'codedeploy-deployment-config': 'Custom.ECSLinear' }),
      ),
    });
    expect(override.configName).toBe('Custom.ECSLinear');
  });

  it('a non-ECS config given as input is an input error', async () => {
    const service = {
      serviceName: 'api',
      loadBalancers: [{ containerName: 'app', containerPort: 8000 }],
    };
    await expect(
      prepareBlueGreen(client, {
        cluster: 'prod',
        service,
        validated: validateBlueGreenInputs(
          inputs({
            ...named,
            'codedeploy-deployment-config': 'CodeDeployDefault.OneAtATime',
          }),
        ),
      }),
    ).rejects.toThrow(
      /^Input 'codedeploy-deployment-config' names 'CodeDeployDefault.OneAtATime', a Server config/,
    );
  });

  it("a service without a load balancer needs an appspec; the appspec's LoadBalancerInfo is enough", async () => {
    await expect(
      prepareBlueGreen(client, {
        cluster: 'prod',
        service: { serviceName: 'api' },
        validated: validateBlueGreenInputs(inputs(named)),
      }),
    ).rejects.toThrow(/Service 'api' has no load balancer .* give one with 'appspec'/);
    expect(cd.calls()).toHaveLength(0);
    const file = join(mkdtempSync(join(tmpdir(), 'plan-')), 'appspec.yaml');
    writeFileSync(
      file,
      'Resources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        LoadBalancerInfo:\n          ContainerName: web\n          ContainerPort: 80\n',
    );
    const plan = await prepareBlueGreen(client, {
      cluster: 'prod',
      service: { serviceName: 'api' },
      validated: validateBlueGreenInputs(inputs({ ...named, appspec: file })),
    });
    expect(plan.loadBalancer).toEqual({ containerName: 'web', containerPort: 80 });
  });
});
