/**
 * RegisterTaskDefinition with a real ECS client against the sandbox: an attempt applied and then
 * answered with a dropped connection or a 500 leaves one revision, not two; an attempt dropped
 * before it was applied is sent again; a definite refusal is not.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ECSClient } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import {
  registerIfChanged,
  registerTaskDefinition,
} from '../../../src/lib/task-definition-registry.js';

let sandbox: Sandbox;
let ecs: ECSClient;
const told: string[] = [];
const options = { sleep: async () => {}, onUnknownOutcome: (m: string) => told.push(m) };

beforeEach(async () => {
  sandbox = await startSandbox('empty');
  const env = sandbox.env();
  ecs = new ECSClient({
    region: 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL!,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 3,
  });
  told.length = 0;
});
afterEach(async () => {
  ecs?.destroy();
  await sandbox?.close();
});

const doc = (image: string) => ({
  family: 'cbi-migrate',
  containerDefinitions: [{ name: 'migrate', image, essential: true }],
});

describe('RegisterTaskDefinition exactly once', () => {
  it.each(['drop-after-apply', 'error-after-apply'] as const)(
    'reconciles an attempt applied and then answered with %s (one revision)',
    async (kind) => {
      await registerTaskDefinition(ecs, doc('repo/migrate:1'), undefined, options);
      sandbox.faults.add({ operation: 'RegisterTaskDefinition', kind });
      const result = await registerIfChanged(ecs, doc('repo/migrate:2'), undefined, options);
      expect(result.registered).toBe(true);
      expect(result.taskDefinition.revision).toBe(2);
      expect(sandbox.calls.of('RegisterTaskDefinition')).toHaveLength(2);
      expect(told).toEqual([expect.stringContaining('RegisterTaskDefinition: no definite answer')]);
      // The family has exactly the two revisions, the second with the new image.
      const latest = await registerIfChanged(ecs, doc('repo/migrate:2'), undefined, options);
      expect(latest).toMatchObject({ registered: false, taskDefinition: { revision: 2 } });
    },
  );

  it('sends again when the dropped attempt was not applied', async () => {
    sandbox.faults.add({ operation: 'RegisterTaskDefinition', kind: 'drop-before-apply' });
    const result = await registerIfChanged(ecs, doc('repo/migrate:1'), undefined, options);
    expect(result.taskDefinition.revision).toBe(1);
    expect(sandbox.calls.of('RegisterTaskDefinition')).toHaveLength(2);
    expect(told).toHaveLength(1);
  });

  it('gives up after the attempts, naming the family, when nothing was ever applied', async () => {
    sandbox.faults.add({
      operation: 'RegisterTaskDefinition',
      kind: 'server-error',
      times: Infinity,
    });
    await expect(
      registerIfChanged(ecs, doc('repo/migrate:1'), undefined, { ...options, attempts: 3 }),
    ).rejects.toThrow(
      /RegisterTaskDefinition for family cbi-migrate got no definite answer in 3 attempts, and no revision of it was registered/,
    );
    expect(sandbox.calls.of('RegisterTaskDefinition')).toHaveLength(3);
  });

  it('leaves throttling to the SDK and does not reconcile a definite refusal', async () => {
    sandbox.faults.add({ operation: 'RegisterTaskDefinition', kind: 'throttle' });
    await registerTaskDefinition(ecs, doc('repo/migrate:1'), undefined, options);
    expect(told).toEqual([]);
    await expect(
      registerTaskDefinition(
        ecs,
        { family: 'bad family!', containerDefinitions: [] },
        undefined,
        options,
      ),
    ).rejects.toThrow();
    expect(told).toEqual([]);
  });
});
