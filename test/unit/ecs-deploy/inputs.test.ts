import { afterEach, describe, expect, it } from '@jest/globals';
import { readInputs, serviceName, validTaskDefinitionRef } from '../../../src/ecs-deploy/inputs.js';

const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
});

describe('readInputs', () => {
  it('applies the contract defaults', () => {
    set({ cluster: 'cbi-production', services: 'cbi-api, cbi-worker' });
    const inputs = readInputs();
    expect(inputs).toEqual({
      cluster: 'cbi-production',
      services: ['cbi-api', 'cbi-worker'],
      images: new Map(),
      strategy: 'auto',
      wait: true,
      timeoutMs: 30 * 60_000,
      pollIntervalMs: 5_000,
      'rollback-on-failure': true,
      'on-pause': 'stop',
      'force-new-deployment': false,
      'dry-run': false,
      'allow-family-change': false,
    });
  });

  it('reads every optional input, decimals and service ARNs included', () => {
    set({
      cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/alerting-platform-prod-cluster',
      services:
        'arn:aws:ecs:eu-west-1:123456789012:service/alerting-platform-prod-cluster/rule-updater\nsender',
      'task-definition-arn': 'previous',
      'timeout-minutes': '0.5',
      'poll-interval-seconds': '0.25',
      'desired-count': '1',
      'codedeploy-application': 'cbi',
      strategy: 'rolling',
    });
    expect(readInputs()).toMatchObject({
      services: ['rule-updater', 'sender'],
      'task-definition-arn': 'previous',
      timeoutMs: 30_000,
      pollIntervalMs: 250,
      'desired-count': 1,
      'codedeploy-application': 'cbi',
      strategy: 'rolling',
    });
  });

  it('rejects the same service given by name and ARN', () => {
    set({
      cluster: 'cbi-production',
      services: 'cbi-api\narn:aws:ecs:eu-west-1:123456789012:service/cbi-production/cbi-api',
    });
    expect(() => readInputs()).toThrow("Input 'services' lists 'cbi-api' twice.");
  });
});

describe('references', () => {
  it.each([
    ['previous', true],
    ['cbi-api', true],
    ['cbi-api:42', true],
    ['arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api:42', true],
    ['cbi-api:latest', false],
    ['arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api', false],
    ['cbi api', false],
  ])('%s is valid: %s', (ref, valid) => {
    expect(validTaskDefinitionRef(ref)).toBe(valid);
  });
  it('shortens service ARNs', () => {
    expect(serviceName('arn:aws:ecs:eu-west-1:123456789012:service/c/cbi-api')).toBe('cbi-api');
    expect(serviceName('cbi-api')).toBe('cbi-api');
  });
});
