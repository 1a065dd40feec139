/**
 * The e2e suite runs the bundles on Node 24 (the runner's); these cases run on both Node 24 and
 * the host's Node, so the pack keeps working there: input checking before any call, a hung
 * request ended by the deadline with the undo done, and verify-webhook's request timeouts with a
 * receiver that never answers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { WEBHOOK_BOT_TOKEN, WEBHOOK_SECRET } from '../../../sandbox/scenarios/webhook-common.js';
import { actionNames, readActionMetadata } from '../../support/action-metadata.js';
import { hostNode, node24Binary, runBundle } from '../../support/run-bundle.js';

const nodes: [string, string][] = [[`host ${process.version}`, hostNode()]];
const node24 = node24Binary();
if (node24) nodes.push(['node 24', node24]);

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe.each(nodes)('on %s', (_label, node) => {
  it('every action names its first missing required input and calls nothing', async () => {
    sandbox = await startSandbox('empty');
    for (const action of actionNames()) {
      const first = Object.entries(readActionMetadata(action).inputs).find(
        ([, i]) => i.required,
      )![0];
      const result = await runBundle(action, {}, { env: sandbox.env(), node });
      expect({
        action,
        errors: result.annotations.filter((a) => a.level === 'error').map((a) => a.message),
      }).toEqual({
        action,
        errors: [`Input '${first}' is required but was not given.`],
      });
      expect({ action, status: result.outputs.status }).toEqual({ action, status: 'failed' });
    }
    expect(sandbox.calls.all()).toEqual([]);
  });

  it('run-migration: a DescribeTasks that never answers ends by the deadline and the task is stopped', async () => {
    sandbox = await startSandbox('one-off-tasks', { timeScale: 0.05 });
    const box = sandbox;
    let added = false;
    box.calls.onCall((entry) => {
      if (!added && entry.operation === 'DescribeTasks' && entry.status === 200) {
        added = true;
        box.faults.add({ operation: 'DescribeTasks', kind: 'hang', times: Infinity });
      }
    });
    const result = await runBundle(
      'run-migration',
      {
        cluster: 'cbi-production',
        'task-definition': 'cbi-migrate',
        subnets: 'subnet-0a1b2c3d4e5f60718',
        'security-groups': 'sg-0cbi0migrate',
        command: 'long',
        'poll-interval-seconds': '0.05',
        'timeout-minutes': '0.05',
      },
      { env: box.env(), node, timeoutMs: 30_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.outputs.status).toBe('timed-out');
    expect(box.calls.count('StopTask')).toBe(1);
  });

  it('verify-webhook: a receiver that never answers ends the step with a status', async () => {
    sandbox = await startSandbox('webhook-telegram');
    sandbox.faults.add({
      service: 'webhooks',
      operation: 'delivery',
      kind: 'hang',
      times: Infinity,
    });
    const meta = readActionMetadata('verify-webhook');
    const defaults = Object.fromEntries(
      Object.entries(meta.inputs)
        .filter(([, i]) => i.default !== undefined)
        .map(([name, i]) => [name, String(i.default)]),
    );
    const result = await runBundle(
      'verify-webhook',
      {
        ...defaults,
        provider: 'telegram',
        url: `${sandbox.url}/hooks/telegram`,
        secret: WEBHOOK_SECRET,
        'telegram-bot-token': WEBHOOK_BOT_TOKEN,
        'telegram-api-url': sandbox.url,
        probe: 'reject',
        'timeout-seconds': '3',
      },
      { env: sandbox.env(), node, timeoutMs: 60_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBeDefined();
    expect(sandbox.calls.of('delivery').length).toBeGreaterThan(0);
  });
});
