/**
 * Keys with characters that are URL syntax (`?`, `#`, `%`, `*`), spaces and non-ASCII: s3-sync's
 * changed-paths-file holds each as CloudFront matches it, and cloudfront-invalidate sends those
 * paths unchanged (the real bundles, chained as a workflow chains them).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { runBundle } from '../../support/run-bundle.js';
import { readLines } from './site.js';

const FILES: Record<string, string> = {
  'search?q=1.html': '/search%3Fq=1.html',
  'notes#2.html': '/notes%232.html',
  '100%.html': '/100%25.html',
  'a b.html': '/a%20b.html',
  'café/menü.html': '/caf%C3%A9/men%C3%BC.html',
  'star*.txt': '/star%2A.txt',
};

let sandbox: Sandbox;
let site: string;
let runnerTemp: string;
beforeAll(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.01 });
  site = mkdtempSync(join(tmpdir(), 'keys-site-'));
  runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
  for (const name of Object.keys(FILES)) {
    const path = join(site, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `<p>${name}</p>\n`);
  }
});
afterAll(async () => {
  await sandbox.close();
  rmSync(site, { recursive: true, force: true });
  rmSync(runnerTemp, { recursive: true, force: true });
});

describe('changed-paths-file for keys with URL syntax', () => {
  it('writes every key as CloudFront matches it, and cloudfront-invalidate sends exactly those', async () => {
    const env = { ...sandbox.env(), RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: dirname(site) };
    const synced = await runBundle(
      's3-sync',
      { source: site, bucket: 'cbi-dashboard-prod', prefix: 'keys' },
      { env },
    );
    expect(synced.annotations).toEqual([]);
    expect(synced.exitCode).toBe(0);
    const keys = sandbox.calls
      .of('PutObject')
      .map((c) => (c.input as { Key: string }).Key)
      // The publish manifest (s3-sync's own record, never a page) is not a site key.
      .filter((key) => !key.includes('/.s3-sync/'))
      .sort();
    expect(keys).toEqual(
      Object.keys(FILES)
        .map((k) => `keys/${k}`)
        .sort(),
    );
    const paths = readLines(synced.outputs['changed-paths-file']!);
    expect(paths).toEqual(
      Object.values(FILES)
        .map((p) => `/keys${p}`)
        .sort(),
    );

    const invalidated = await runBundle(
      'cloudfront-invalidate',
      {
        'distribution-id': 'E2CBIDASHBOARD',
        'paths-file': synced.outputs['changed-paths-file']!,
        wait: 'false',
      },
      { env },
    );
    expect(invalidated.exitCode).toBe(0);
    const sent = sandbox.calls.of('CreateInvalidation')[0]!.input as {
      InvalidationBatch?: { Paths?: { Items?: string[] } };
    };
    expect(JSON.stringify(sent)).toContain('/keys/search%3Fq=1.html');
    for (const path of paths) expect(JSON.stringify(sent)).toContain(path);
  });
});
