import { afterEach, describe, expect, it } from '@jest/globals';
import { parseCapacityProviderStrategy, readInputs } from '../../../src/run-migration/inputs.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});
const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
};

describe('readInputs', () => {
  it('reads the contract defaults', () => {
    set({ cluster: 'cbi-production', 'task-definition': 'cbi-migrate' });
    const inputs = readInputs();
    expect(inputs).toMatchObject({
      cluster: 'cbi-production',
      'task-definition': 'cbi-migrate',
      'timeout-minutes': 30 * 60_000,
      'poll-interval-seconds': 3000,
      logs: true,
      'stop-on-timeout': true,
      exclusive: true,
    });
    expect(inputs.command).toBeUndefined();
  });

  it('splits a shell-like command and reads environment lines', () => {
    set({
      cluster: 'c',
      service: 'bmo-learning-rails-api',
      command: `bundle exec rails "db:migrate" VERBOSE='true'`,
      environment: 'RAILS_ENV=production\nDISABLE_DATABASE_ENVIRONMENT_CHECK=1',
    });
    const inputs = readInputs();
    expect(inputs.command).toEqual(['bundle', 'exec', 'rails', 'db:migrate', 'VERBOSE=true']);
    expect([...inputs.environment]).toEqual([
      ['RAILS_ENV', 'production'],
      ['DISABLE_DATABASE_ENVIRONMENT_CHECK', '1'],
    ]);
  });

  it.each([
    [{ cluster: 'c' }, "Input 'task-definition' or 'service' is required"],
    [
      {
        cluster: 'c',
        service: 's',
        'launch-type': 'fargate',
        'capacity-provider-strategy': 'FARGATE_SPOT',
      },
      "Input 'launch-type' cannot be combined with 'capacity-provider-strategy'",
    ],
    [
      { cluster: 'c', service: 's', 'launch-type': 'EC2', 'platform-version': '1.4.0' },
      "Input 'platform-version' applies to Fargate only",
    ],
    [
      { cluster: 'c', service: 's', 'migration-name': 'db migrate' },
      "Input 'migration-name' may use letters",
    ],
  ])('rejects %j', (inputs, message) => {
    set(inputs);
    expect(() => readInputs()).toThrow(message);
  });

  it('accepts lower-case launch types and yes/no for assign-public-ip', () => {
    set({ cluster: 'c', service: 's', 'launch-type': 'fargate', 'assign-public-ip': 'yes' });
    expect(readInputs()).toMatchObject({ 'launch-type': 'FARGATE', 'assign-public-ip': 'ENABLED' });
  });
});

describe('parseCapacityProviderStrategy', () => {
  it('reads provider[:weight[:base]]', () => {
    expect(parseCapacityProviderStrategy(['FARGATE_SPOT:3', 'FARGATE:1:1', 'spot-asg'])).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
      { capacityProvider: 'FARGATE', weight: 1, base: 1 },
      { capacityProvider: 'spot-asg' },
    ]);
  });

  it.each([['FARGATE:x'], ['FARGATE:1:2:3'], ['FARGATE:2000']])('rejects %s', (item) => {
    expect(() => parseCapacityProviderStrategy([item])).toThrow(
      /^Input 'capacity-provider-strategy' item/,
    );
  });

  it('rejects a provider listed twice', () => {
    expect(() => parseCapacityProviderStrategy(['FARGATE', 'FARGATE:2'])).toThrow(
      "lists 'FARGATE' twice",
    );
  });
});

describe('RunTask inputs checked before any call', () => {
  const base = { cluster: 'cbi-production', 'task-definition': 'cbi-migrate' };
  it.each([
    [
      { subnets: 'subnet-a' },
      "Input 'subnets' holds 'subnet-a', which is not an id of the form subnet-0a1b2c3d4e5f60718",
    ],
    [{ subnets: 'subnet-0a1b2c3d4e5f6071' }, "Input 'subnets' holds 'subnet-0a1b2c3d4e5f6071'"],
    [{ subnets: 'subnet-0A1B2C3D' }, "Input 'subnets' holds 'subnet-0A1B2C3D'"],
    [
      { 'security-groups': 'sg-0cbi0migrate' },
      "Input 'security-groups' holds 'sg-0cbi0migrate', which is not an id of the form sg-",
    ],
    [
      { 'security-groups': 'sg-0a1b2c3d, sg-0a1b2c3d' },
      "Input 'security-groups' lists an id twice.",
    ],
    [
      {
        'security-groups':
          'sg-0a1b2c31,sg-0a1b2c32,sg-0a1b2c33,sg-0a1b2c34,sg-0a1b2c35,sg-0a1b2c36',
      },
      "Input 'security-groups' lists 6 ids; RunTask takes at most 5.",
    ],
    [
      { 'platform-version': '1.4' },
      "Input 'platform-version' must be LATEST or a Fargate platform version such as 1.4.0, got '1.4'.",
    ],
    [{ cluster: 'x'.repeat(100_000) }, "Input 'cluster' must be a cluster name"],
    [
      { 'volume-configurations': '{name: data}' },
      "Input 'volume-configurations' must be a list of volume configurations",
    ],
    [
      {
        'volume-configurations':
          '- name: data\n  managedEBSVolume:\n    roleArn: r\n    sizeInGb: 20\n',
      },
      "Input 'volume-configurations' [0].managedEBSVolume.sizeInGb: is not a member of TaskManagedEBSVolumeConfiguration (did you mean 'sizeInGiB'?)",
    ],
    [
      {
        'volume-configurations':
          '- name: data\n  managedEBSVolume:\n    roleArn: r\n    sizeInGiB: twenty\n',
      },
      'Input \'volume-configurations\' [0].managedEBSVolume.sizeInGiB: must be a number, got "twenty".',
    ],
    [
      { 'volume-configurations': '- name: data\n  managedEBSVolume:\n    sizeInGiB: 20\n' },
      "Input 'volume-configurations' volume 'data' needs managedEBSVolume.roleArn",
    ],
  ])('refuses %j', (over, message) => {
    set({ ...base, ...over });
    expect(() => readInputs()).toThrow(message);
  });

  it('accepts well-formed ids and volume configurations in YAML or JSON', () => {
    set({
      ...base,
      subnets: 'subnet-0a1b2c3d4e5f60718, subnet-0a1b2c3d',
      'security-groups': 'sg-0c1d2e3f4a5b60718',
      'platform-version': '1.4.0',
      'volume-configurations':
        '[{"name": "scratch", "managedEBSVolume": {"roleArn": "arn:aws:iam::123456789012:role/ecsInfrastructureRole", "sizeInGiB": "50", "volumeType": "gp3"}}]',
    });
    const inputs = readInputs();
    expect(inputs.subnets).toEqual(['subnet-0a1b2c3d4e5f60718', 'subnet-0a1b2c3d']);
    expect(inputs['volume-configurations']).toEqual([
      {
        name: 'scratch',
        managedEBSVolume: {
          roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRole',
          sizeInGiB: 50,
          volumeType: 'gp3',
        },
      },
    ]);
  });
});
