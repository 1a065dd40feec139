/**
 * One run with an `appspec` file and two blue/green services parses the file once and walks its
 * Resources once: the plans and both rendered revisions use what that one parse found.
 */
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentConfigCommand,
  type DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import type { Service } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { blueGreenOptions, loadBlueGreen } from '../../../src/ecs-deploy/codedeploy-loader.js';
import { bgInputs, mockInventory } from './fixtures.js';

const cd = mockClient(CodeDeployClient);

const group = (service: string): DeploymentGroupInfo => ({
  applicationName: 'api',
  deploymentGroupName: `${service}-prod`,
  computePlatform: 'ECS',
  deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
  ecsServices: [{ clusterName: 'prod', serviceName: service }],
});

const APPSPEC = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: app
          ContainerPort: 8000
Hooks:
  - BeforeAllowTraffic: smoke-test
`;

const service = (name: string): Service => ({
  serviceName: name,
  deploymentController: { type: 'CODE_DEPLOY' },
  loadBalancers: [{ containerName: 'app', containerPort: 8000 }],
});

const arn = (name: string) => `arn:aws:ecs:us-east-1:123456789012:task-definition/${name}:2`;

beforeEach(() => {
  cd.reset();
  mockInventory(cd, { api: [group('api'), group('worker')] });
  cd.on(GetDeploymentConfigCommand).resolves({
    deploymentConfigInfo: { computePlatform: 'ECS', trafficRoutingConfig: { type: 'AllAtOnce' } },
  });
  let n = 0;
  cd.on(CreateDeploymentCommand).callsFake(() => ({ deploymentId: `d-ONCE0000${++n}` }));
});

describe('the AppSpec of a run', () => {
  it('is parsed once and its Resources walked once, for every service', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'appspec-once-')), 'appspec.yaml');
    writeFileSync(path, APPSPEC);
    let parses = 0;
    const reads: Record<string, number> = {};
    // Counts the parser's calls, and every read of the document's top-level keys.
    const parse = (text: string): unknown => {
      parses += 1;
      return new Proxy(parseYaml(text) as object, {
        get(target, key, receiver) {
          if (typeof key === 'string') reads[key] = (reads[key] ?? 0) + 1;
          return Reflect.get(target, key, receiver);
        },
      });
    };
    const inputs = bgInputs({ services: ['api', 'worker'], appspec: path, wait: false });
    const strategy = await loadBlueGreen(inputs, { parse });
    const results = [];
    for (const name of ['api', 'worker']) {
      const plan = await strategy.prepare(service(name));
      results.push(
        await strategy.deploy(
          {
            cluster: 'prod',
            service: service(name),
            taskDefinitionArn: arn(name),
            previousTaskDefinitionArn: arn(name).replace(/:2$/, ':1'),
            options: blueGreenOptions(inputs),
            signal: new AbortController().signal,
            log: () => {},
            deadline: Date.now() + 60_000,
          },
          plan,
        ),
      );
    }
    expect(results.map((r) => r.status)).toEqual(['started', 'started']);
    expect(parses).toBe(1);
    // the walk: the plan and the renderings take the target from the parse, not the document
    expect(reads.Resources).toBe(1);
    const sent = cd
      .commandCalls(CreateDeploymentCommand)
      .map((c) => JSON.parse(c.args[0].input.revision!.appSpecContent!.content!));
    expect(sent.map((doc) => doc.Resources[0].TargetService.Properties.TaskDefinition)).toEqual([
      arn('api'),
      arn('worker'),
    ]);
    expect(sent.map((doc) => doc.Hooks)).toEqual([
      [{ BeforeAllowTraffic: 'smoke-test' }],
      [{ BeforeAllowTraffic: 'smoke-test' }],
    ]);
  });
});
