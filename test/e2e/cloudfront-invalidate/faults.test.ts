/**
 * cloudfront-invalidate under faults: Create/GetInvalidation that never answer end the step by
 * its deadline with `status` set and the invalidation named; a cancellation during a hang exits
 * before the runner's SIGTERM; 8 x 503 and one unreadable answer (on create or mid-wait) give the
 * verdict of a clean run, with exactly one invalidation.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type FaultSpec, type Sandbox } from '../../../sandbox/index.js';
import { runBundle, type RunOptions } from '../../support/run-bundle.js';

const DIST = 'E2CBIDASHBOARD';
let sandbox: Sandbox;

beforeEach(async () => {
  // Invalidations complete 2 s after creation: the wait spans many polls.
  sandbox = await startSandbox(
    { cloudfront: { distributions: [{ id: DIST, invalidationSeconds: 2 }] } },
    { timeScale: 1 },
  );
});
afterEach(() => sandbox.close());

const invalidate = (inputs: Record<string, string>, options: RunOptions = {}) =>
  runBundle(
    'cloudfront-invalidate',
    { 'distribution-id': DIST, paths: '/index.html', 'poll-interval-seconds': '0.1', ...inputs },
    { ...options, env: { ...sandbox.env(), ...options.env } },
  );
const stored = () => sandbox.state.cloudfront?.invalidations ?? [];
const errors = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error'));
const warnings = (stdout: string) =>
  stdout.split('\n').filter((line) => line.startsWith('::warning::'));

/** Adds `fault` once the wait is under way (after the first answered GetInvalidation). */
function midWait(fault: FaultSpec): void {
  let added = false;
  sandbox.calls.onCall((entry) => {
    if (!added && entry.operation === 'GetInvalidation' && entry.status === 200) {
      added = true;
      sandbox.faults.add(fault);
    }
  });
}

describe('transient faults give the clean verdict', () => {
  it.each([
    ['8 x 503 mid-wait', 'GetInvalidation', { kind: 'server-error', status: 503, times: 8 }],
    ['one truncated answer mid-wait', 'GetInvalidation', { kind: 'truncate' }],
    ['one garbled answer mid-wait', 'GetInvalidation', { kind: 'garble' }],
    ['8 x 503 on create', 'CreateInvalidation', { kind: 'server-error', status: 503, times: 8 }],
    ['one garbled create answer', 'CreateInvalidation', { kind: 'garble' }],
  ] as [string, string, Omit<FaultSpec, 'operation'>][])('%s', async (_label, operation, spec) => {
    const fault = { service: 'cloudfront', operation, ...spec } as FaultSpec;
    if (operation === 'GetInvalidation') midWait(fault);
    else sandbox.faults.add(fault);
    const run = await invalidate({});
    expect(sandbox.calls.all().filter((c) => c.fault).length).toBe(spec.times ?? 1);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('completed');
    expect(stored()).toHaveLength(1);
    expect(run.outputs['invalidation-ids']).toBe(stored()[0]!.id);
    expect(warnings(run.stdout).length).toBeLessThanOrEqual(1);
  });

  it('a create that hangs once is retried after the request timeout; one invalidation', async () => {
    sandbox.faults.add({ service: 'cloudfront', operation: 'CreateInvalidation', kind: 'hang' });
    const run = await invalidate({}, { env: { PACK_REQUEST_TIMEOUT_SECONDS: '1' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('completed');
    expect(sandbox.calls.of('CreateInvalidation').map((c) => c.fault ?? c.status)).toEqual([
      'hang',
      201,
    ]);
    expect(stored()).toHaveLength(1);
  });
});

describe('requests that never answer', () => {
  it('GetInvalidation hangs: timed-out by the deadline, the invalidation named', async () => {
    midWait({ service: 'cloudfront', operation: 'GetInvalidation', kind: 'hang', times: Infinity });
    const run = await invalidate({ 'timeout-minutes': '0.05' }, { timeoutMs: 30_000 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    const id = stored()[0]!.id;
    expect(run.outputs['invalidation-ids']).toBe(id);
    expect(errors(run.stdout).join('\n')).toContain(`waiting for ${DIST}/${id}`);
  });

  it('CreateInvalidation hangs: timed-out by the deadline, saying a re-run finds it', async () => {
    sandbox.faults.add({
      service: 'cloudfront',
      operation: 'CreateInvalidation',
      kind: 'hang',
      times: Infinity,
    });
    const run = await invalidate({ 'timeout-minutes': '0.05' }, { timeoutMs: 30_000 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(errors(run.stdout).join('\n')).toContain('creating the invalidations (0 of 1 created)');
  });

  it('SIGINT during a hung GetInvalidation exits before SIGTERM', async () => {
    midWait({ service: 'cloudfront', operation: 'GetInvalidation', kind: 'hang', times: Infinity });
    const run = await invalidate(
      {},
      { signals: [{ signal: 'SIGINT', afterMs: 2500 }], timeoutMs: 2500 + 7500 },
    );
    expect(run.timedOut).toBe(false);
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.stdout).toContain('the invalidations continue in CloudFront');
  });
});
