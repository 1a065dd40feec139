import { describe, expect, it } from '@jest/globals';
import type { Service } from '@aws-sdk/client-ecs';
import type { Inputs } from '../../../src/run-migration/inputs.js';
import { planLaunch } from '../../../src/run-migration/launch.js';
import { apiDefinition, CLUSTER, TD_ARN } from './fixtures.js';

const inputs = (over: Partial<Inputs> = {}): Inputs => ({
  cluster: CLUSTER,
  images: new Map(),
  environment: new Map(),
  subnets: [],
  'security-groups': [],
  'capacity-provider-strategy': [],
  'volume-configurations': [],
  'timeout-minutes': 60_000,
  'poll-interval-seconds': 1000,
  logs: true,
  'stop-on-timeout': true,
  exclusive: true,
  ...over,
});

const service: Service = {
  serviceName: 'cbi-api',
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  networkConfiguration: {
    awsvpcConfiguration: {
      subnets: ['subnet-a', 'subnet-b'],
      securityGroups: ['sg-api'],
      assignPublicIp: 'DISABLED',
    },
  },
};

const plan = (i: Inputs, s?: Service) =>
  planLaunch({
    inputs: i,
    ...(s ? { service: s } : {}),
    taskDefinitionArn: TD_ARN,
    definition: apiDefinition(),
    container: 'api',
  });

describe('planLaunch', () => {
  it('copies network, launch type and platform version from the service', () => {
    const { request, sources } = plan(inputs({ service: 'cbi-api' }), service);
    expect(request).toEqual({
      cluster: CLUSTER,
      taskDefinition: TD_ARN,
      count: 1,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      networkConfiguration: {
        awsvpcConfiguration: {
          subnets: ['subnet-a', 'subnet-b'],
          securityGroups: ['sg-api'],
          assignPublicIp: 'DISABLED',
        },
      },
    });
    expect(sources).toContain('subnets from the service');
  });

  it('lets inputs override the service', () => {
    const { request } = plan(
      inputs({
        service: 'cbi-api',
        subnets: ['subnet-x'],
        'security-groups': ['sg-migrate'],
        'assign-public-ip': 'ENABLED',
        'platform-version': 'LATEST',
      }),
      service,
    );
    expect(request.networkConfiguration?.awsvpcConfiguration).toEqual({
      subnets: ['subnet-x'],
      securityGroups: ['sg-migrate'],
      assignPublicIp: 'ENABLED',
    });
    expect(request.platformVersion).toBe('LATEST');
  });

  it('copies a capacity provider strategy instead of a launch type', () => {
    const strategy = [
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      { capacityProvider: 'FARGATE', weight: 1, base: 1 },
    ];
    const { request } = plan(inputs({ service: 'cbi-api' }), {
      ...service,
      launchType: undefined,
      capacityProviderStrategy: strategy,
    });
    expect(request.capacityProviderStrategy).toEqual(strategy);
    expect(request.launchType).toBeUndefined();
  });

  it('an explicit launch type replaces the service capacity providers', () => {
    const { request } = plan(inputs({ service: 'cbi-api', 'launch-type': 'FARGATE' }), {
      ...service,
      launchType: undefined,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }],
    });
    expect(request.launchType).toBe('FARGATE');
    expect(request.capacityProviderStrategy).toBeUndefined();
  });

  it('drops the service platform version for EC2', () => {
    const { request } = plan(inputs({ service: 'cbi-api', 'launch-type': 'EC2' }), service);
    expect(request.platformVersion).toBeUndefined();
  });

  it('requires subnets for awsvpc without a service, naming the input', () => {
    expect(() => plan(inputs({ 'task-definition': 'cbi-api' }))).toThrow(
      /^Input 'subnets' is required: task definition 'cbi-api' uses the awsvpc network mode/,
    );
  });

  it('rejects network inputs for a bridge-mode definition', () => {
    const def = { ...apiDefinition(), networkMode: 'bridge' };
    expect(() =>
      planLaunch({
        inputs: inputs({ subnets: ['subnet-a'] }),
        taskDefinitionArn: TD_ARN,
        definition: def,
        container: 'api',
      }),
    ).toThrow(/^Input 'subnets' is set, but task definition 'cbi-api' uses network mode bridge/);
  });

  it('overrides the command and environment of the target container only', () => {
    const { request } = plan(
      inputs({
        subnets: ['subnet-a'],
        command: ['alembic', 'upgrade', 'head'],
        environment: new Map([['ALEMBIC_CONFIG', 'alembic.ini']]),
      }),
    );
    expect(request.overrides).toEqual({
      containerOverrides: [
        {
          name: 'api',
          command: ['alembic', 'upgrade', 'head'],
          environment: [{ name: 'ALEMBIC_CONFIG', value: 'alembic.ini' }],
        },
      ],
    });
  });

  it('sends no overrides when neither command nor environment is given', () => {
    expect(plan(inputs({ subnets: ['subnet-a'] })).request.overrides).toBeUndefined();
  });
});

describe('volume configurations (EBS volumes configured at launch)', () => {
  const ebs = {
    name: 'scratch',
    managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ecsInfra', sizeInGiB: 50 },
  };
  const withVolumes = (volumes: unknown[]) => ({ ...apiDefinition(), volumes });
  const launch = (i: Inputs, volumes: unknown[]) =>
    planLaunch({
      inputs: i,
      taskDefinitionArn: TD_ARN,
      definition: withVolumes(volumes),
      container: 'api',
    });

  it('passes them to RunTask for the volumes the definition leaves to launch', () => {
    const { request } = launch(inputs({ subnets: ['subnet-a'], 'volume-configurations': [ebs] }), [
      { name: 'scratch', configuredAtLaunch: true },
    ]);
    expect(request.volumeConfigurations).toEqual([ebs]);
  });

  it('refuses a configuration for a volume that is not configured at launch', () => {
    expect(() =>
      launch(inputs({ subnets: ['subnet-a'], 'volume-configurations': [ebs] }), [
        { name: 'scratch', host: {} },
      ]),
    ).toThrow(
      "Input 'volume-configurations' configures volume 'scratch', but task definition 'cbi-api' has no volume of that name configured at launch (it has none).",
    );
  });

  it('requires a configuration for every volume configured at launch', () => {
    expect(() =>
      launch(inputs({ subnets: ['subnet-a'] }), [{ name: 'scratch', configuredAtLaunch: true }]),
    ).toThrow(
      "Input 'volume-configurations' is required: task definition 'cbi-api' leaves volume 'scratch' to be configured at launch",
    );
  });
});

describe('assertRunTaskLimits', () => {
  it('refuses overrides beyond 8192 characters, naming the inputs', async () => {
    const { assertRunTaskLimits } = await import('../../../src/run-migration/launch.js');
    const request = plan(
      inputs({ subnets: ['subnet-a'], environment: new Map([['BIG', 'x'.repeat(100_000)]]) }),
    ).request;
    expect(() => assertRunTaskLimits(request)).toThrow(
      /^Input 'command' and 'environment' make container overrides of \d+ characters; RunTask takes at most 8192/,
    );
    expect(() =>
      assertRunTaskLimits(plan(inputs({ subnets: ['subnet-a'] })).request),
    ).not.toThrow();
  });
});
