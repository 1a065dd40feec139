import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/lib/errors.js';
import {
  applyImages,
  parseTaskDefinitionFile,
  pickContainer,
  sameTaskDefinition,
  stripReadOnly,
  type TaskDefinitionDoc,
} from '../../../src/lib/task-definition.js';

const registered = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api:41',
  family: 'cbi-api',
  revision: 41,
  status: 'ACTIVE',
  requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' }],
  compatibilities: ['EC2', 'FARGATE'],
  registeredAt: '2026-11-01T10:00:00Z',
  registeredBy: 'arn:aws:iam::123456789012:role/deploy',
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  requiresCompatibilities: ['FARGATE'],
  runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
  futureField: { kept: true },
  containerDefinitions: [
    {
      name: 'api',
      image: 'repo/api:1',
      cpu: 0,
      essential: true,
      portMappings: [{ containerPort: 8000, hostPort: 8000, protocol: 'tcp' }],
      environment: [
        { name: 'B', value: '2' },
        { name: 'A', value: '1' },
      ],
      mountPoints: [],
      volumesFrom: [],
    },
    { name: 'log-router', image: 'fluent-bit:2', essential: false },
  ],
} as TaskDefinitionDoc;

describe('stripReadOnly', () => {
  it('drops what RegisterTaskDefinition refuses and keeps unknown fields', () => {
    const clean = stripReadOnly(registered);
    for (const f of [
      'taskDefinitionArn',
      'revision',
      'status',
      'requiresAttributes',
      'compatibilities',
      'registeredAt',
      'registeredBy',
    ]) {
      expect(clean).not.toHaveProperty(f);
    }
    expect(clean.futureField).toEqual({ kept: true });
    expect(clean.runtimePlatform).toEqual(registered.runtimePlatform);
  });
});

describe('applyImages', () => {
  it('replaces only the named containers, without mutating the input', () => {
    const out = applyImages(registered, new Map([['api', 'repo/api:2']]));
    expect(out.containerDefinitions!.map((c) => c.image)).toEqual(['repo/api:2', 'fluent-bit:2']);
    expect(registered.containerDefinitions![0]!.image).toBe('repo/api:1');
  });
  it('names the missing container and the ones that exist', () => {
    expect(() => applyImages(registered, new Map([['web', 'x:1']]))).toThrow(
      "Input 'images' names container 'web', which is not in task definition 'cbi-api' (containers: api, log-router).",
    );
  });
});

describe('pickContainer', () => {
  it('defaults to the only essential container', () =>
    expect(pickContainer(registered, undefined).name).toBe('api'));
  it('takes a named one', () =>
    expect(pickContainer(registered, 'log-router').name).toBe('log-router'));
  it('asks to choose when several are essential', () => {
    const two = {
      ...registered,
      containerDefinitions: registered.containerDefinitions!.map((c) => ({
        ...c,
        essential: true,
      })),
    };
    expect(() => pickContainer(two, undefined)).toThrow(ConfigurationError);
    expect(() => pickContainer(two, undefined)).toThrow(
      /2 essential containers \(api, log-router\); set input 'container'/,
    );
  });
  it('refuses an unknown name', () =>
    expect(() => pickContainer(registered, 'db')).toThrow(/Input 'container' names 'db'/));
});

describe('sameTaskDefinition', () => {
  const rendered = stripReadOnly(registered);
  it('equals the registered revision it came from', () =>
    expect(sameTaskDefinition(rendered, registered)).toBe(true));
  it('ignores what ECS fills in and the order of environment entries', () => {
    const minimal = {
      ...rendered,
      containerDefinitions: [
        {
          name: 'api',
          image: 'repo/api:1',
          portMappings: [{ containerPort: 8000 }],
          environment: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
        },
        { name: 'log-router', image: 'fluent-bit:2', essential: false },
      ],
    };
    expect(sameTaskDefinition(minimal, registered)).toBe(true);
  });
  it('sees a changed image, variable, container order or unknown field', () => {
    expect(
      sameTaskDefinition(applyImages(rendered, new Map([['api', 'repo/api:2']])), registered),
    ).toBe(false);
    const env = structuredClone(rendered);
    (env.containerDefinitions![0]!.environment as { name: string; value: string }[])[0]!.value =
      '3';
    expect(sameTaskDefinition(env, registered)).toBe(false);
    expect(sameTaskDefinition({ ...rendered, futureField: { kept: false } }, registered)).toBe(
      false,
    );
    expect(
      sameTaskDefinition(
        { ...rendered, containerDefinitions: [...rendered.containerDefinitions!].reverse() },
        registered,
      ),
    ).toBe(false);
  });
});

describe('parseTaskDefinitionFile', () => {
  it('reads JSON, YAML and describe-task-definition output', () => {
    const json = parseTaskDefinitionFile('task-definition', 'td.json', JSON.stringify(registered));
    expect(json.definition.family).toBe('cbi-api');
    expect(json.definition).not.toHaveProperty('revision');
    const yaml = parseTaskDefinitionFile(
      'task-definition',
      'td.yaml',
      'family: w\ncontainerDefinitions:\n  - name: worker\n    image: w:1\n',
    );
    expect(yaml.definition.containerDefinitions![0]!.name).toBe('worker');
    const described = parseTaskDefinitionFile(
      'task-definition',
      'td.json',
      JSON.stringify({ taskDefinition: registered, tags: [{ key: 'team', value: 'cbi' }] }),
    );
    expect(described.tags).toEqual([{ key: 'team', value: 'cbi' }]);
    expect(described.definition.family).toBe('cbi-api');
  });
  it('names the input and the problem', () => {
    expect(() => parseTaskDefinitionFile('task-definition', 'td.json', '{oops')).toThrow(
      /^Input 'task-definition' file td.json is not valid JSON/,
    );
    expect(() => parseTaskDefinitionFile('task-definition', 'td.json', '[]')).toThrow(
      /must hold a task definition object/,
    );
    expect(() =>
      parseTaskDefinitionFile('task-definition', 'td.json', '{"containerDefinitions":[{}]}'),
    ).toThrow(/has no 'family'/);
    expect(() => parseTaskDefinitionFile('task-definition', 'td.yml', 'family: x\n')).toThrow(
      /has no 'containerDefinitions'/,
    );
  });
});
