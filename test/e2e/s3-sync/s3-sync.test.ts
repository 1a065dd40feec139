import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { runBundle } from '../../support/run-bundle.js';
import { headDirect, readLines, SITE, writeSite } from './site.js';

const BUCKET = 'cbi-dashboard-prod';
let sandbox: Sandbox;
let site: string;
let runnerTemp: string;

beforeAll(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.01 });
  site = writeSite();
  runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(site, { recursive: true, force: true });
});

const sync = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  runBundle(
    's3-sync',
    { source: site, bucket: BUCKET, ...inputs },
    // The site is built in a temporary folder: that folder stands for the workspace.
    { env: { ...sandbox.env(), RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: dirname(site), ...env } },
  );

const puts = () => sandbox.calls.of('PutObject');
const isHtml = (key: string) => key.endsWith('.html');

describe('s3-sync end to end (s3rver)', () => {
  it('first publish uploads everything, assets before HTML, with Content-Type and Cache-Control', async () => {
    sandbox.calls.clear();
    const result = await sync();
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.exitCode).toBe(0);
    const total = Object.values(SITE).reduce((n, body) => n + Buffer.byteLength(body), 0);
    expect(result.outputs).toMatchObject({
      status: 'synced',
      uploaded: String(Object.keys(SITE).length),
      deleted: '0',
      unchanged: '0',
      'bytes-uploaded': String(total),
    });
    const entries = puts();
    expect(entries.map((e) => (e.input as { Key: string }).Key).sort()).toEqual(
      Object.keys(SITE).sort(),
    );
    const assets = entries.filter((e) => !isHtml((e.input as { Key: string }).Key));
    const html = entries.filter((e) => isHtml((e.input as { Key: string }).Key));
    const lastAssetDone = Math.max(
      ...assets.map((e) => (e.input as { completedAt: number }).completedAt),
    );
    for (const page of html) expect(page.at).toBeGreaterThanOrEqual(lastAssetDone);
    expect(entries.indexOf(html[0]!)).toBe(assets.length);

    const state = sandbox.state.s3!;
    const index = await headDirect(state.directUrl, BUCKET, 'index.html');
    expect(index.ContentType).toBe('text/html; charset=utf-8');
    expect(index.CacheControl).toBe('no-cache');
    expect(index.Metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const js = await headDirect(state.directUrl, BUCKET, 'assets/index-BkL3x9aZ.js');
    expect(js.ContentType).toBe('text/javascript; charset=utf-8');
    expect(js.CacheControl).toBe('public, max-age=31536000, immutable');
    for (const entry of entries) {
      const input = entry.input as { ContentType?: string; CacheControl?: string };
      expect(input.ContentType).toBeTruthy();
      expect(input.CacheControl).toBeTruthy();
    }
    const robots = await headDirect(state.directUrl, BUCKET, 'robots.txt');
    expect(robots.CacheControl).toBe('public, max-age=300');
    expect(readLines(result.outputs['changed-paths-file']!)).toEqual([
      '/',
      '/about/',
      '/about/index.html',
      '/favicon.ico',
      '/index.html',
      '/old.txt',
      '/robots.txt',
    ]);
  });

  it('re-publishing an unchanged build uploads nothing', async () => {
    sandbox.calls.clear();
    const result = await sync();
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'unchanged',
      uploaded: '0',
      'bytes-uploaded': '0',
      deleted: '0',
    });
    expect(result.outputs.unchanged).toBe(String(Object.keys(SITE).length));
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(readLines(result.outputs['changed-paths-file']!)).toEqual([]);
  });

  it('uploads an index.html whose length did not change but whose content did', async () => {
    const changed = SITE['index.html']!.replace('BkL3x9aZ', 'Zq81mNc4');
    expect(changed.length).toBe(SITE['index.html']!.length);
    writeFileSync(join(site, 'index.html'), changed);
    sandbox.calls.clear();
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(puts().map((e) => (e.input as { Key: string }).Key)).toEqual(['index.html']);
    expect(readLines(result.outputs['changed-paths-file']!)).toEqual(['/', '/index.html']);
  });

  it('re-uploads when a Cache-Control rule changes', async () => {
    sandbox.calls.clear();
    const result = await sync({ 'cache-control': 'robots.txt=public, max-age=60' });
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect((await headDirect(sandbox.state.s3!.directUrl, BUCKET, 'robots.txt')).CacheControl).toBe(
      'public, max-age=60',
    );
  });

  it('keeps keys gone locally unless delete is set; deletes them after the uploads', async () => {
    rmSync(join(site, 'old.txt'));
    writeFileSync(join(site, 'assets', 'index-N3wHa5h1.js'), 'console.log("v2")');
    sandbox.calls.clear();
    const kept = await sync({ 'dry-run': 'true', delete: 'true' });
    expect(kept.outputs).toMatchObject({ status: 'dry-run', uploaded: '0', deleted: '0' });
    expect(kept.stdout).toContain('- old.txt');
    expect(sandbox.calls.mutating()).toEqual([]);

    const noDelete = await sync({ 'cache-control': 'robots.txt=public, max-age=60' });
    expect(noDelete.outputs).toMatchObject({ uploaded: '1', deleted: '0' });
    expect(sandbox.calls.count('DeleteObjects')).toBe(0);
    expect(noDelete.stdout).toContain('1 remote key(s) are gone locally and kept');

    writeFileSync(join(site, 'about', 'index.html'), '<!doctype html><title>About us</title>');
    sandbox.calls.clear();
    const withDelete = await sync({
      delete: 'true',
      'cache-control': 'robots.txt=public, max-age=60',
    });
    expect(withDelete.outputs).toMatchObject({ status: 'synced', uploaded: '1', deleted: '1' });
    const ops = sandbox.calls.mutating().map((e) => e.operation);
    expect(ops).toEqual(['PutObject', 'DeleteObjects']);
    expect(sandbox.calls.of('DeleteObjects')[0]!.input).toMatchObject({ Keys: ['old.txt'] });
    const put = sandbox.calls.of('PutObject')[0]!.input as { completedAt: number };
    expect(sandbox.calls.of('DeleteObjects')[0]!.at).toBeGreaterThanOrEqual(put.completedAt);
    expect(readLines(withDelete.outputs['changed-paths-file']!)).toEqual([
      '/about/',
      '/about/index.html',
      '/old.txt',
    ]);
  });

  it('rides out S3 errors and slow-downs through the SDK retries', async () => {
    writeFileSync(join(site, 'robots.txt'), 'User-agent: *\nDisallow: /private\n');
    sandbox.calls.clear();
    sandbox.faults.add({ service: 's3', operation: 'PutObject', kind: 'server-error' });
    sandbox.faults.add({ service: 's3', operation: 'HeadObject', kind: 'throttle' });
    const result = await sync({ 'cache-control': 'robots.txt=public, max-age=60' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(sandbox.calls.of('PutObject').map((e) => e.status)).toEqual([500, 200]);
  });

  it.each([
    [{ source: '/nonexistent/dist' }, "Input 'source' '/nonexistent/dist' does not exist"],
    [
      { bucket: 's3://cbi-dashboard-prod' },
      "Input 'bucket' 's3://cbi-dashboard-prod' is not a valid S3 bucket name",
    ],
    [{ concurrency: '0' }, "Input 'concurrency' must be at least 1, got 0."],
    [{ delete: 'maybe' }, "Input 'delete' must be true or false, got 'maybe'."],
    [{ 'cache-control': '*.html' }, "Input 'cache-control' line 1 must be glob=header"],
  ])('fails on bad input %j with one line and no mutating call', async (inputs, message) => {
    sandbox.calls.clear();
    const result = await sync(inputs);
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(message);
    expect(sandbox.calls.all()).toEqual([]);
  });

  it('names a missing bucket', async () => {
    sandbox.calls.clear();
    const result = await sync({ bucket: 'no-such-bucket' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(result.annotations.map((a) => a.message).join('\n')).toContain(
      "Bucket 'no-such-bucket' does not exist.",
    );
    expect(sandbox.calls.mutating()).toEqual([]);
  });

  it('an asset upload that fails for good uploads no HTML, deletes nothing, and says failed', async () => {
    writeFileSync(join(site, 'assets', 'index-BkL3x9aZ.js'), 'console.log("dashboard v3");');
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Dashboard v3</title>');
    writeFileSync(join(site, 'gone-soon.txt'), 'x');
    await sync({ 'cache-control': 'robots.txt=public, max-age=60' });
    rmSync(join(site, 'gone-soon.txt'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Dashboard v4</title>');
    writeFileSync(join(site, 'assets', 'index-BkL3x9aZ.js'), 'console.log("dashboard v4");');
    sandbox.calls.clear();
    sandbox.faults.add({
      service: 's3',
      operation: 'PutObject',
      kind: 'server-error',
      times: 1000,
    });
    try {
      const result = await sync({
        delete: 'true',
        'cache-control': 'robots.txt=public, max-age=60',
      });
      expect(result.exitCode).toBe(1);
      expect(result.outputs).toMatchObject({ status: 'failed', uploaded: '0', deleted: '0' });
      const keys = sandbox.calls.of('PutObject').map((e) => (e.input as { Key: string }).Key);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter(isHtml)).toEqual([]);
      expect(sandbox.calls.count('DeleteObjects')).toBe(0);
      expect(result.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
    } finally {
      sandbox.faults.clear();
    }
  });
});
