import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { runBundle } from '../../support/run-bundle.js';
import { writeSite } from '../s3-sync/site.js';

const DIST = 'E2CBIDASHBOARD';
const ALT = 'E3CBIDASHALT';
let sandbox: Sandbox;
let temp: string;

beforeAll(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.005 });
  temp = mkdtempSync(join(tmpdir(), 'cf-e2e-'));
});
afterAll(() => sandbox.close());

const FAST = { 'poll-interval-seconds': '0.05' };
const invalidate = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runBundle(
    'cloudfront-invalidate',
    { ...FAST, ...inputs },
    { env: { ...sandbox.env(), RUNNER_TEMP: temp, ...env } },
  );
const stored = () => sandbox.state.cloudfront?.invalidations ?? [];
const pathsFile = (name: string, lines: string[]) => {
  const file = join(temp, name);
  writeFileSync(file, lines.join('\n'));
  return file;
};

describe('s3-sync then cloudfront-invalidate', () => {
  it('invalidates what the publish changed, once; a no-change re-publish invalidates nothing', async () => {
    const site = writeSite();
    const sync = () =>
      runBundle(
        's3-sync',
        { source: site, bucket: 'cbi-dashboard-prod' },
        { env: { ...sandbox.env(), RUNNER_TEMP: temp, GITHUB_WORKSPACE: dirname(site) } },
      );
    const first = await sync();
    expect(first.exitCode).toBe(0);
    sandbox.calls.clear();
    const run = await invalidate({
      'distribution-id': DIST,
      'paths-file': first.outputs['changed-paths-file']!,
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('completed');
    expect(run.outputs['path-count']).toBe('7');
    expect(sandbox.calls.count('CreateInvalidation')).toBe(1);
    const created = stored()[0]!;
    expect(run.outputs['invalidation-ids']).toBe(created.id);
    expect(created.paths).toContain('/about/');
    expect(created.callerReference).toMatch(/^run-7311892045-1-E2CBIDASHBOARD-[0-9a-f]{16}$/);
    expect(run.stdout).toMatch(/1\/1 completed/);
    expect(run.summary).toContain(created.id);

    const second = await sync();
    expect(second.outputs['bytes-uploaded']).toBe('0');
    sandbox.calls.clear();
    const nothing = await invalidate({
      'distribution-id': DIST,
      'paths-file': second.outputs['changed-paths-file']!,
    });
    expect(nothing.exitCode).toBe(0);
    expect(nothing.outputs).toMatchObject({
      status: 'skipped',
      'path-count': '0',
      'invalidation-ids': '',
    });
    expect(nothing.stdout).toContain('Nothing to invalidate');
    expect(sandbox.calls.all()).toEqual([]);
  });
});

describe('cloudfront-invalidate end to end', () => {
  it('a re-run of the same step creates no second invalidation', async () => {
    const inputs = { 'distribution-id': DIST, paths: '/rerun/a.js\n/rerun/b.js' };
    const before = stored().length;
    const first = await invalidate(inputs);
    const again = await invalidate(inputs);
    expect(first.exitCode).toBe(0);
    expect(again.exitCode).toBe(0);
    expect(stored().length).toBe(before + 1);
    expect(again.outputs['invalidation-ids']).toBe(first.outputs['invalidation-ids']);
    expect(again.stdout).toContain('CloudFront already has invalidation');
    // A new attempt of the workflow run may have uploaded again: it gets its own invalidation.
    await invalidate(inputs, { GITHUB_RUN_ATTEMPT: '2' });
    expect(stored().length).toBe(before + 2);
  });

  it('splits 4,500 paths into batches of 3,000 and waits out TooManyInvalidationsInProgress', async () => {
    const lines = Array.from({ length: 4500 }, (_, i) => `/big/file-${i}.js`);
    sandbox.calls.clear();
    const run = await invalidate({
      'distribution-id': ALT,
      'paths-file': pathsFile('big.txt', lines),
      'max-paths': '5000',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('completed');
    expect(run.outputs['invalidation-ids']!.split('\n')).toHaveLength(2);
    const made = stored()
      .filter((i) => i.distributionId === ALT)
      .slice(0, 2);
    expect(made.map((i) => i.paths.length).sort()).toEqual([1500, 3000]);
    const statuses = sandbox.calls.of('CreateInvalidation').map((c) => c.status);
    expect(statuses).toContain(400); // TooManyInvalidationsInProgress while the first batch runs
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(run.stdout).toContain('TooManyInvalidationsInProgress; retrying');
  });

  it('collapses above max-paths to prefix wildcards', async () => {
    const lines = ['a', 'b', 'c'].flatMap((d) =>
      Array.from({ length: 500 }, (_, i) => `${d}/chunk-${i}.js`),
    );
    const run = await invalidate({
      'distribution-id': DIST,
      'paths-file': pathsFile('wide.txt', [...lines, 'index.html']),
      wait: 'false',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'created', 'path-count': '5' });
    expect(stored()[0]!.paths).toEqual(['/', '/a/*', '/b/*', '/c/*', '/index.html']);
  });

  it('retries throttling on create and on polls, then completes', async () => {
    sandbox.calls.clear();
    sandbox.faults.add({
      service: 'cloudfront',
      operation: 'CreateInvalidation',
      kind: 'throttle',
      times: 3,
    });
    sandbox.faults.add({
      service: 'cloudfront',
      operation: 'GetInvalidation',
      kind: 'throttle',
      times: 3,
    });
    const run = await invalidate(
      { 'distribution-id': DIST, paths: '/throttled.html' },
      { AWS_MAX_ATTEMPTS: '2' },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('completed');
    expect(sandbox.calls.of('CreateInvalidation').map((c) => c.fault ?? c.status)).toEqual([
      'throttle',
      'throttle',
      'throttle',
      201,
    ]);
    expect(run.stdout).toContain('Throttling; retrying');
  });

  it('invalidates several distributions at once', async () => {
    const run = await invalidate({ 'distribution-id': `${DIST}, ${ALT}`, paths: '/both.html' });
    expect(run.exitCode).toBe(0);
    const ids = run.outputs['invalidation-ids']!.split('\n');
    expect(ids).toHaveLength(2);
    expect(
      stored()
        .filter((i) => ids.includes(i.id))
        .map((i) => i.distributionId)
        .sort(),
    ).toEqual([DIST, ALT]);
  });

  it('times out with the step failed and the pending invalidation named', async () => {
    const slow = await startSandbox(
      { cloudfront: { distributions: [{ id: DIST, invalidationSeconds: 3600 }] } },
      { timeScale: 1 },
    );
    try {
      const run = await runBundle(
        'cloudfront-invalidate',
        { 'distribution-id': DIST, paths: '/slow.html', 'timeout-minutes': '0.01', ...FAST },
        { env: slow.env() },
      );
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('timed-out');
      expect(run.outputs['invalidation-ids']).toMatch(/^I/);
      expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
        /Timed out after .* waiting for E2CBIDASHBOARD\/I/,
      );
    } finally {
      await slow.close();
    }
  });

  it('stops waiting when the run is cancelled and says the invalidation continues', async () => {
    const slow = await startSandbox(
      { cloudfront: { distributions: [{ id: DIST, invalidationSeconds: 3600 }] } },
      { timeScale: 1 },
    );
    try {
      const run = await runBundle(
        'cloudfront-invalidate',
        { 'distribution-id': DIST, paths: '/cancel.html', ...FAST },
        { env: slow.env(), signals: [{ signal: 'SIGINT', afterMs: 4000 }] },
      );
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('failed');
      expect(run.stdout).toContain('the invalidations continue in CloudFront');
      expect(slow.calls.count('CreateInvalidation')).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('names a distribution that does not exist', async () => {
    const run = await invalidate({ 'distribution-id': 'E9NOTHERE', paths: '/x' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.annotations.map((a) => a.message).join('\n')).toContain(
      'Distribution E9NOTHERE does not exist',
    );
  });

  it.each([
    [
      { 'distribution-id': 'd111111abcdef8.cloudfront.net' },
      "Input 'distribution-id' has 'd111111abcdef8.cloudfront.net', which is not a CloudFront distribution ID",
    ],
    [
      { 'distribution-id': DIST, 'paths-file': '/nonexistent/paths.txt' },
      "Input 'paths-file' names '/nonexistent/paths.txt', which does not exist.",
    ],
    [{ 'distribution-id': DIST, 'max-paths': '0' }, "Input 'max-paths' must be at least 1, got 0."],
    [
      { 'distribution-id': DIST, 'timeout-minutes': 'soon' },
      "Input 'timeout-minutes' must be a number, got 'soon'.",
    ],
    [
      { 'distribution-id': DIST, wait: 'maybe' },
      "Input 'wait' must be true or false, got 'maybe'.",
    ],
  ])('fails on bad input %j with one line and no mutating call', async (inputs, message) => {
    sandbox.calls.clear();
    const run = await invalidate(inputs);
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(message);
    expect(sandbox.calls.all()).toEqual([]);
  });
});
