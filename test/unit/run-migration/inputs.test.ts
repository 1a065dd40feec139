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
