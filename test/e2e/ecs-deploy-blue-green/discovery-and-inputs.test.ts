/**
 * Finding the deployment group (found, none, several) and bad blue/green inputs: each fails with
 * one line naming the problem and makes no mutating call (no RegisterTaskDefinition, no
 * CreateDeployment).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../../sandbox/index.js';
import {
  BG_APPLICATION,
  BG_GROUP,
  bgGroup,
} from '../../../sandbox/scenarios/bluegreen-langgraph.js';
import { createInput, deploy, sandbox, tempFile } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const otherService = {
  ...bgGroup,
  application: 'langgraph-staging',
  name: 'staging-api',
  service: 'langgraph-worker',
};

describe('ecs-deploy blue/green discovery', () => {
  it('finds the one group deploying the service among others', async () => {
    sb = await sandbox(
      {},
      {
        groups: [
          otherService,
          {
            ...bgGroup,
            terminationWaitMinutes: 0,
            deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
          },
        ],
      },
    );
    const run = await deploy(sb);
    expect(run.exitCode).toBe(0);
    const create = createInput(sb);
    expect([create.applicationName, create.deploymentGroupName]).toEqual([
      BG_APPLICATION,
      BG_GROUP,
    ]);
    expect(sb.calls.count('ListApplications')).toBeGreaterThanOrEqual(1);
    expect(sb.calls.count('BatchGetDeploymentGroups')).toBeGreaterThanOrEqual(1);
  });

  it('none: a clear error and no mutating call', async () => {
    sb = await sandbox({}, { groups: [otherService] });
    const run = await deploy(sb);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(/No CodeDeploy deployment group deploys service 'langgraph-api'/);
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('several: names them all and makes no mutating call', async () => {
    sb = await sandbox(
      {},
      { groups: [bgGroup, { ...bgGroup, application: 'langgraph-legacy', name: 'old-api' }] },
    );
    const run = await deploy(sb);
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /Several CodeDeploy deployment groups deploy service 'langgraph-api'/,
    );
    expect(run.errors[0]).toContain('langgraph-legacy/old-api');
    expect(run.errors[0]).toContain(`${BG_APPLICATION}/${BG_GROUP}`);
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('named application and group are used directly', async () => {
    sb = await sandbox(
      {},
      {
        groups: [
          {
            ...bgGroup,
            terminationWaitMinutes: 0,
            deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
          },
        ],
      },
    );
    const run = await deploy(sb, {
      'codedeploy-application': BG_APPLICATION,
      'codedeploy-deployment-group': BG_GROUP,
    });
    expect(run.exitCode).toBe(0);
    expect(sb.calls.count('ListApplications')).toBe(0);
    expect(sb.calls.count('GetDeploymentGroup')).toBe(1);
  });
});

describe('ecs-deploy blue/green bad inputs', () => {
  const cases: [string, () => Record<string, string>, RegExp][] = [
    [
      'a missing appspec file',
      () => ({ appspec: '/nonexistent/appspec.yaml' }),
      /^Input 'appspec' names '\/nonexistent\/appspec.yaml', which cannot be read/,
    ],
    [
      'an appspec that is not YAML',
      () => ({ appspec: tempFile('appspec.yaml', 'Resources: [unclosed') }),
      /^Input 'appspec' file .* is neither valid YAML nor JSON/,
    ],
    [
      'an appspec hook on a non-hook event',
      () => ({
        appspec: tempFile(
          'appspec.yaml',
          'Resources:\n  - TargetService:\n      Type: AWS::ECS::Service\nHooks:\n  - Install: fn\n',
        ),
      }),
      /^Input 'appspec' .*hook for 'Install'/,
    ],
    [
      'an unknown deployment config',
      () => ({ 'codedeploy-deployment-config': 'CodeDeployDefault.ECSCanary50Percent1Minute' }),
      /^Input 'codedeploy-deployment-config' names 'CodeDeployDefault.ECSCanary50Percent1Minute', which does not exist/,
    ],
    [
      'an unknown application',
      () => ({ 'codedeploy-application': 'nope', 'codedeploy-deployment-group': BG_GROUP }),
      /^Input 'codedeploy-application' names 'nope', which does not exist/,
    ],
    [
      'a group of another service',
      () => ({
        'codedeploy-application': 'langgraph-staging',
        'codedeploy-deployment-group': 'staging-api',
      }),
      /^Input 'codedeploy-deployment-group' names 'langgraph-staging\/staging-api', which deploys .*langgraph-worker, not .*langgraph-api/,
    ],
  ];
  it.each(cases)(
    '%s: one line naming the input, no mutating call',
    async (_name, inputs, message) => {
      sb = await sandbox(
        {},
        {
          groups: [
            bgGroup,
            {
              ...bgGroup,
              application: 'langgraph-staging',
              name: 'staging-api',
              service: 'langgraph-worker',
            },
          ],
        },
      );
      const run = await deploy(sb, inputs());
      expect(run.exitCode).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(message);
      expect(sb.calls.mutating()).toEqual([]);
    },
  );
});
