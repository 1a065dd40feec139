import { describe, expect, it } from '@jest/globals';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { describeServices, requireServices } from '../../../src/ecs-deploy/services.js';
import { decideStrategy } from '../../../src/ecs-deploy/detect.js';
import { deployment, service } from './fixtures.js';

describe('describeServices', () => {
  it('makes one DescribeServices call per 10 services', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services
        .filter((name) => name !== 'sender')
        .map((name) => service([deployment()], { serviceName: name })),
      failures: input.services.includes('sender')
        ? [{ arn: 'arn:aws:ecs:eu-west-1:123456789012:service/alerting/sender', reason: 'MISSING' }]
        : [],
    }));
    const names = Array.from({ length: 24 }, (_, i) => (i === 23 ? 'sender' : `svc-${i}`));
    const described = await describeServices(new ECSClient({}), 'alerting', names);
    const calls = ecs.commandCalls(DescribeServicesCommand);
    expect(calls.map((c) => c.args[0].input.services!.length)).toEqual([10, 10, 4]);
    expect(calls[0]!.args[0].input.cluster).toBe('alerting');
    expect(described.found.size).toBe(23);
    expect(described.missing).toEqual(new Map([['sender', 'MISSING']]));
    ecs.restore();
  });
});

describe('requireServices', () => {
  it('names every missing or inactive service in one input error', () => {
    const found = new Map([
      ['cbi-api', service([deployment()])],
      ['cbi-worker', service([deployment()], { serviceName: 'cbi-worker', status: 'DRAINING' })],
    ]);
    expect(() =>
      requireServices('cbi-production', ['cbi-api', 'cbi-worker', 'cbi-dash'], {
        found,
        missing: new Map([['cbi-dash', 'MISSING']]),
      }),
    ).toThrow(
      "Input 'services' names services that cluster 'cbi-production' does not have as active: 'cbi-worker' (DRAINING), 'cbi-dash' (MISSING).",
    );
  });
});

describe('decideStrategy', () => {
  const ecsService = service([deployment()]);
  const codeDeploy = service([deployment()], { deploymentController: { type: 'CODE_DEPLOY' } });
  const external = service([deployment()], { deploymentController: { type: 'EXTERNAL' } });
  const noController = service([deployment()], { deploymentController: undefined });

  it.each([
    [ecsService, 'auto', 'rolling'],
    [ecsService, 'rolling', 'rolling'],
    [noController, 'auto', 'rolling'],
    [codeDeploy, 'auto', 'blue-green'],
    [codeDeploy, 'blue-green', 'blue-green'],
  ] as const)('picks the strategy the controller allows (%#)', (svc, requested, expected) => {
    expect(decideStrategy(svc, requested).strategy).toBe(expected);
  });

  it('refuses a strategy the controller cannot run, naming the input', () => {
    expect(() => decideStrategy(ecsService, 'blue-green')).toThrow(
      /^Input 'strategy' is 'blue-green', but service 'cbi-api' uses the ECS deployment controller/,
    );
    expect(() => decideStrategy(codeDeploy, 'rolling')).toThrow(
      /^Input 'strategy' is 'rolling', but service 'cbi-api' uses the CODE_DEPLOY/,
    );
    expect(() => decideStrategy(external, 'auto')).toThrow(/EXTERNAL deployment controller/);
  });
});
