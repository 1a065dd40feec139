/**
 * Every bundle, started with no inputs, fails with exactly one error line naming its first
 * required input, before any network call (the sandbox records none).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { actionNames, readActionMetadata } from '../../support/action-metadata.js';
import { runBundle } from '../../support/run-bundle.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox('empty');
});
afterAll(() => sandbox.close());

describe.each(actionNames())('%s with no inputs', (action) => {
  it('names the first required input and calls nothing', async () => {
    const meta = readActionMetadata(action);
    const firstRequired = Object.entries(meta.inputs).find(([, input]) => input.required)![0];
    const env = { ...sandbox.env(), TELEGRAM_API_URL: sandbox.url };
    const result = await runBundle(action, {}, { env });
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors.map((a) => a.message)).toEqual([
      `Input '${firstRequired}' is required but was not given.`,
    ]);
    expect(sandbox.calls.all()).toEqual([]);
  });
});
