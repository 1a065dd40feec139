/**
 * The runner sets every action.yml default (sandbox/run-action.ts does the same), while each
 * action's readInputs() has its own fallback for an input that is absent. They must agree: for
 * every action and every input with a default, readInputs() parses the same value whether the
 * input is absent or given its action.yml default.
 */
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputVariable } from '../../sandbox/run-action.js';
import { actionNames, readActionMetadata } from '../support/action-metadata.js';

const site = mkdtempSync(join(tmpdir(), 'defaults-site-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

/** Each action's required inputs (and what it needs besides), set in every case. */
const BASE: Record<string, Record<string, string>> = {
  'cloudfront-invalidate': { 'distribution-id': 'E2CBIDASHBOARD' },
  'ecs-deploy': { cluster: 'cbi-production', services: 'cbi-api' },
  'run-migration': { cluster: 'cbi-production', service: 'cbi-api' },
  's3-sync': { source: site, bucket: 'cbi-dashboard-prod' },
  'verify-webhook': {
    provider: 'telegram',
    url: 'https://api.example.org/telegram/webhook',
    'telegram-bot-token': '123456:AAExampleTokenExampleTokenExample',
    secret: 'webhook-secret-1234567890',
  },
};

const READERS: Record<string, () => Promise<() => unknown>> = {
  'cloudfront-invalidate': async () =>
    (await import('../../src/cloudfront-invalidate/inputs.js')).readInputs,
  'ecs-deploy': async () => (await import('../../src/ecs-deploy/inputs.js')).readInputs,
  'run-migration': async () => (await import('../../src/run-migration/inputs.js')).readInputs,
  's3-sync': async () => (await import('../../src/s3-sync/inputs.js')).readInputs,
  'verify-webhook': async () => {
    const { readInputs } = await import('../../src/verify-webhook/inputs.js');
    return () => readInputs();
  },
};

function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [name, value] of Object.entries(inputs)) process.env[inputVariable(name)] = value;
}
afterEach(() => setInputs({}));

const cases = actionNames().flatMap((action) =>
  Object.entries(readActionMetadata(action).inputs)
    .filter(([, input]) => input.default !== undefined)
    .map(([name, input]) => [action, name, String(input.default)] as const),
);

describe("action.yml defaults equal the code's own fallbacks", () => {
  it('covers every action', () => {
    expect(Object.keys(READERS).sort()).toEqual(actionNames());
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('%s: %s (default %j)', async (action, name, fallback) => {
    const read = await READERS[action]!();
    setInputs(BASE[action]!);
    const absent = read();
    setInputs({ ...BASE[action]!, [name]: fallback });
    const given = read();
    expect(given).toEqual(absent);
  });
});
