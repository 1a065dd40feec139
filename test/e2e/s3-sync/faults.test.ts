/**
 * s3-sync under hangs: a PutObject that never answers is abandoned after the request timeout and
 * retried (the publish completes); one that never answers at all fails the step with `status`
 * and uploads no HTML after it; a cancellation during a hung PutObject exits before SIGTERM.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { runBundle, type RunOptions } from '../../support/run-bundle.js';
import { writeSite } from './site.js';

let sandbox: Sandbox;
let site: string;
beforeEach(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.01 });
  site = writeSite();
});
afterEach(async () => {
  await sandbox.close();
  rmSync(site, { recursive: true, force: true });
});

const sync = (options: RunOptions = {}, env: Record<string, string> = {}) =>
  runBundle(
    's3-sync',
    { source: site, bucket: 'cbi-dashboard-prod', prefix: 'faults' },
    {
      ...options,
      env: { ...sandbox.env(), GITHUB_WORKSPACE: dirname(site), ...env },
    },
  );
const puts = () => sandbox.calls.of('PutObject');
const keyOf = (c: { input: unknown }) => String((c.input as { Key?: string }).Key ?? '');

describe('s3-sync: a PutObject that never answers', () => {
  it('once: abandoned after the request timeout, retried, and the publish completes', async () => {
    sandbox.faults.add({ service: 's3', operation: 'PutObject', kind: 'hang' });
    const result = await sync({ timeoutMs: 60_000 }, { PACK_REQUEST_TIMEOUT_SECONDS: '1' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('synced');
    expect(puts().filter((c) => c.fault === 'hang')).toHaveLength(1);
  });

  it('always: the step fails with status set, and no HTML is uploaded after the failure', async () => {
    sandbox.faults.add({ service: 's3', operation: 'PutObject', kind: 'hang', times: Infinity });
    const result = await sync(
      { timeoutMs: 60_000 },
      { PACK_REQUEST_TIMEOUT_SECONDS: '0.5', AWS_MAX_ATTEMPTS: '2' },
    );
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(puts().filter((c) => c.fault !== 'hang')).toEqual([]);
    // Assets were attempted (and hung); no HTML entry point was sent after them.
    expect(puts().length).toBeGreaterThan(0);
    expect(puts().every((c) => keyOf(c).startsWith('faults/'))).toBe(true);
    expect(puts().some((c) => keyOf(c).endsWith('.html'))).toBe(false);
  });

  it('SIGINT during a hung PutObject exits before SIGTERM', async () => {
    sandbox.faults.add({ service: 's3', operation: 'PutObject', kind: 'hang', times: Infinity });
    const result = await sync({
      signals: [{ signal: 'SIGINT', afterMs: 2000 }],
      timeoutMs: 2000 + 7500,
    });
    expect(result.timedOut).toBe(false);
    expect(result.signal).toBeNull();
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
  });
});
