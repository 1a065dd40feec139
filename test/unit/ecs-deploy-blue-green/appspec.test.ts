import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../../src/lib/errors.js';
import {
  parseAppSpec,
  readAppSpecFile,
  renderAppSpec,
} from '../../../src/ecs-deploy/codedeploy/appspec.js';

const dir = mkdtempSync(join(tmpdir(), 'appspec-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const NEW = 'arn:aws:ecs:us-east-1:123456789012:task-definition/langgraph-api:7';
const lb = { containerName: 'app', containerPort: 8000 };

const YAML_SPEC = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: app
          ContainerPort: 8000
        PlatformVersion: "1.4.0"
Hooks:
  - BeforeAllowTraffic: arn:aws:lambda:us-east-1:123456789012:function:smoke-test
  - AfterAllowTestTraffic: langgraph-test-traffic-check
`;

describe('AppSpec', () => {
  it('generates one from the service load balancer with the new revision', () => {
    const rev = renderAppSpec(undefined, NEW, lb);
    expect(JSON.parse(rev.content)).toEqual({
      version: 0,
      Resources: [
        {
          TargetService: {
            Type: 'AWS::ECS::Service',
            Properties: {
              TaskDefinition: NEW,
              LoadBalancerInfo: { ContainerName: 'app', ContainerPort: 8000 },
            },
          },
        },
      ],
    });
    expect(rev.sha256).toBe(createHash('sha256').update(rev.content).digest('hex'));
    expect(rev.hooks).toEqual([]);
  });

  it('keeps a YAML file’s hooks and properties and replaces its TaskDefinition', () => {
    const doc = readAppSpecFile(file('appspec.yaml', YAML_SPEC));
    const rev = renderAppSpec(doc, NEW, { containerName: 'other', containerPort: 1 });
    const parsed = JSON.parse(rev.content);
    expect(parsed.Resources[0].TargetService.Properties).toEqual({
      TaskDefinition: NEW,
      LoadBalancerInfo: { ContainerName: 'app', ContainerPort: 8000 },
      PlatformVersion: '1.4.0',
    });
    expect(rev.hooks).toEqual([
      {
        event: 'BeforeAllowTraffic',
        functionName: 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test',
      },
      { event: 'AfterAllowTestTraffic', functionName: 'langgraph-test-traffic-check' },
    ]);
    expect(rev.containerName).toBe('app');
    // the parsed file is not changed by rendering
    expect(JSON.stringify(doc.doc)).toContain('<TASK_DEFINITION>');
  });

  it('reads JSON with lower-case keys and fills a missing LoadBalancerInfo from the service', () => {
    const doc = readAppSpecFile(
      file(
        'appspec.json',
        JSON.stringify({
          version: 0.0,
          resources: [
            { TargetService: { type: 'AWS::ECS::Service', properties: { taskDefinition: 'x' } } },
          ],
          hooks: [{ AfterInstall: 'warm-cache' }],
        }),
      ),
    );
    const rev = renderAppSpec(doc, NEW, lb);
    const props = JSON.parse(rev.content).resources[0].TargetService.properties;
    expect(props.taskDefinition).toBe(NEW);
    expect(props.LoadBalancerInfo).toEqual({ ContainerName: 'app', ContainerPort: 8000 });
    expect(rev.hooks).toEqual([{ event: 'AfterInstall', functionName: 'warm-cache' }]);
  });

  it.each([
    ['not: [valid', /neither valid YAML nor JSON/],
    ['- a list', /must hold a mapping/],
    ['version: 0.0\n', /exactly one entry under Resources/],
    ['Resources:\n  - TargetService:\n      Type: AWS::Lambda::Function\n', /AWS::ECS::Service/],
    [
      'Resources:\n  - TargetService:\n      Type: AWS::ECS::Service\nHooks:\n  - AllowTraffic: fn\n',
      /hook for 'AllowTraffic'/,
    ],
    [
      'Resources:\n  - TargetService:\n      Type: AWS::ECS::Service\n      Properties:\n        LoadBalancerInfo:\n          ContainerName: app\n',
      /numeric ContainerPort/,
    ],
  ])('rejects a bad file naming the input: %s', (text, message) => {
    let error: unknown;
    try {
      parseAppSpec(text, 'appspec.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/^Input 'appspec' /);
    expect((error as Error).message).toMatch(message);
  });

  it('names an unreadable file', () => {
    expect(() => readAppSpecFile(join(dir, 'missing.yaml'))).toThrow(
      /Input 'appspec' names '.*missing\.yaml', which cannot be read \(ENOENT\)/,
    );
  });
});
