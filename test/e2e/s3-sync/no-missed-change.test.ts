/**
 * s3-sync's re-publish compares in as few requests as the bucket's state allows and misses no
 * change (actions/s3-sync/README.md, "What a re-publish detects"). Each case runs the bundle
 * against s3rver behind the sandbox's recording proxy and counts the requests in its call log.
 * Writes "by someone else" go straight to s3rver (sandbox.state.s3.directUrl), as another tool
 * would, and are not in the call log. s3rver lists the MD5 of the bytes as the ETag and
 * LastModified in whole seconds, as S3 does for a single-part upload without SSE-KMS.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { manifestBody, manifestHash, manifestKey } from '../../../src/s3-sync/manifest.js';
import { runBundle } from '../../support/run-bundle.js';
import { headDirect, SITE, writeSite } from './site.js';

const BUCKET = 'cbi-dashboard-prod';
const PREFIX = 'dashboard/';
let sandbox: Sandbox;
let direct: S3Client;
let site: string;
let runnerTemp: string;

beforeAll(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.01 });
  direct = new S3Client({
    endpoint: sandbox.state.s3!.directUrl,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: 'AKIASANDBOXEXAMPLE',
      secretAccessKey: 'sandbox-secret-access-key',
    },
  });
  site = writeSite();
  runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
});
afterAll(async () => {
  direct.destroy();
  await sandbox.close();
  rmSync(site, { recursive: true, force: true });
  rmSync(runnerTemp, { recursive: true, force: true });
});

const sync = (inputs: Record<string, string> = {}, source = site) =>
  runBundle(
    's3-sync',
    { source, bucket: BUCKET, prefix: PREFIX, ...inputs },
    { env: { ...sandbox.env(), RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: dirname(source) } },
  );

const keyOf = (e: { input: unknown }) => (e.input as { Key?: string }).Key ?? '';
const isManifest = (key: string) => key.includes('/.s3-sync/');
/** Every request of the last run, as `Operation` or `Operation key` for object requests. */
const requests = () =>
  sandbox.calls
    .all()
    .filter((c) => c.service === 's3')
    .map((c) =>
      keyOf(c) ? `${c.operation} ${isManifest(keyOf(c)) ? 'manifest' : keyOf(c)}` : c.operation,
    );
const uploadedKeys = () =>
  sandbox.calls
    .of('PutObject')
    .map(keyOf)
    .filter((k) => !isManifest(k))
    .sort();
/** HeadObject requests made to compare, before the first upload (later ones record the publish). */
const comparingHeads = () => {
  const ops = requests();
  const firstPut = ops.findIndex((o) => o.startsWith('PutObject'));
  return ops
    .slice(0, firstPut < 0 ? ops.length : firstPut)
    .filter((o) => o.startsWith('HeadObject'));
};
const waitNextSecond = () => new Promise((r) => setTimeout(r, 1100));

async function listedManifests(): Promise<string[]> {
  const out = await direct.send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}.s3-sync/` }),
  );
  return (out.Contents ?? []).map((o) => o.Key!);
}

describe('s3-sync re-publish: few requests, no missed change (s3rver)', () => {
  it('first publish uploads the site, reads the new objects again and writes the manifest last', async () => {
    sandbox.calls.clear();
    const result = await sync();
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ status: 'synced' });
    const ops = requests();
    const total = Object.keys(SITE).length;
    expect(ops[0]).toBe('ListObjectsV2');
    expect(comparingHeads()).toEqual([]);
    // A few uploads: a HeadObject each reads their LastModified (many: a new listing, below).
    expect(ops.slice(1 + total, 1 + 2 * total).every((o) => o.startsWith('HeadObject'))).toBe(true);
    expect(ops.slice(1 + 2 * total)).toEqual(['PutObject manifest']);
    expect(await listedManifests()).toHaveLength(1);
  });

  it('an unchanged re-publish is one listing and nothing else', async () => {
    sandbox.calls.clear();
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'unchanged', uploaded: '0' });
    expect(requests()).toEqual(['ListObjectsV2']);
  });

  it('a same-length edit: read from the manifest (one GET), no HeadObject', async () => {
    const changed = SITE['about/index.html']!.replace('About', 'Abovt');
    writeFileSync(join(site, 'about/index.html'), changed);
    sandbox.calls.clear();
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(uploadedKeys()).toEqual([`${PREFIX}about/index.html`]);
    expect(requests()).toEqual([
      'ListObjectsV2',
      'GetObject manifest',
      `PutObject ${PREFIX}about/index.html`,
      `HeadObject ${PREFIX}about/index.html`,
      'PutObject manifest',
      'DeleteObjects',
    ]);
    expect(await listedManifests()).toHaveLength(1);
    sandbox.calls.clear();
    await sync();
    expect(requests()).toEqual(['ListObjectsV2']);
  });

  it('a changed Cache-Control rule re-publishes exactly the files it now covers', async () => {
    sandbox.calls.clear();
    const result = await sync({ 'cache-control': '*.txt=public, max-age=60' });
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '2' });
    expect(uploadedKeys()).toEqual([`${PREFIX}old.txt`, `${PREFIX}robots.txt`]);
    expect(comparingHeads()).toEqual([]);
    expect(
      (await headDirect(sandbox.state.s3!.directUrl, BUCKET, `${PREFIX}robots.txt`)).CacheControl,
    ).toBe('public, max-age=60');
    // ...and going back to the default rule re-publishes them again.
    sandbox.calls.clear();
    await sync();
    expect(uploadedKeys()).toEqual([`${PREFIX}old.txt`, `${PREFIX}robots.txt`]);
  });

  it('a changed Content-Type rule (a manifest recorded under another rule) re-publishes the file', async () => {
    // What an earlier release with another Content-Type rule for .svg would have recorded.
    const [key] = await listedManifests();
    const body = await (
      await direct.send(new GetObjectCommand({ Bucket: BUCKET, Key: key! }))
    ).Body!.transformToString();
    const rows = (JSON.parse(body) as { entries: unknown[][] }).entries;
    const entries = rows.map(([k, etag, lastModified, sha256, contentType, cacheControl]) => ({
      key: k as string,
      etag: etag as string,
      lastModified: lastModified as number,
      sha256: sha256 as string,
      contentType:
        k === `${PREFIX}assets/logo-a1b2c3d4.svg` ? 'image/svg+xml' : (contentType as string),
      cacheControl: cacheControl as string,
    }));
    await direct.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key! }));
    await direct.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: manifestKey(PREFIX, manifestHash(entries)),
        Body: manifestBody(entries),
      }),
    );
    sandbox.calls.clear();
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(uploadedKeys()).toEqual([`${PREFIX}assets/logo-a1b2c3d4.svg`]);
    expect(result.stdout).toContain('(Content-Type)');
    expect(comparingHeads()).toEqual([]);
  });

  it('an object someone else rewrote with other bytes of the same length (new ETag)', async () => {
    const key = `${PREFIX}assets/index-BkL3x9aZ.js`;
    const theirs = SITE['assets/index-BkL3x9aZ.js']!.replace('v1', 'v9');
    await direct.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: theirs }));
    sandbox.calls.clear();
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(uploadedKeys()).toEqual([key]);
    // The listing's ETag no longer matches the manifest: one HeadObject, whose ETag (the MD5
    // of their bytes) differs from the local file's MD5.
    expect(comparingHeads()).toEqual([`HeadObject ${key}`]);
    expect(result.stdout).toContain('(content)');
  });

  it('an object someone else rewrote with the same bytes but other headers (new LastModified)', async () => {
    const key = `${PREFIX}robots.txt`;
    await waitNextSecond(); // S3 lists LastModified in whole seconds
    await direct.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: SITE['robots.txt'],
        ContentType: 'text/plain; charset=utf-8',
        CacheControl: 'no-store',
      }),
    );
    sandbox.calls.clear();
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(uploadedKeys()).toEqual([key]);
    expect(comparingHeads()).toEqual([`HeadObject ${key}`]);
    expect(result.stdout).toContain('(Cache-Control)');
    expect((await headDirect(sandbox.state.s3!.directUrl, BUCKET, key)).CacheControl).toBe(
      'public, max-age=300',
    );
  });

  it('a manifest someone deleted or edited: HeadObject for every object, nothing missed', async () => {
    const [key] = await listedManifests();
    const body = await (
      await direct.send(new GetObjectCommand({ Bucket: BUCKET, Key: key! }))
    ).Body!.transformToString();
    // Edited to claim index.html is something else: it no longer hashes to its name.
    await direct.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key!, Body: body.replace('no-cache', 'x') }),
    );
    writeFileSync(join(site, 'index.html'), SITE['index.html']!.replace('BkL3x9aZ', 'Zq81mNc4'));
    sandbox.calls.clear();
    const edited = await sync();
    expect(edited.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(uploadedKeys()).toEqual([`${PREFIX}index.html`]);
    expect(comparingHeads()).toHaveLength(Object.keys(SITE).length);

    for (const k of await listedManifests()) {
      await direct.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: k }));
    }
    sandbox.calls.clear();
    const gone = await sync();
    expect(gone.outputs).toMatchObject({ status: 'unchanged', uploaded: '0' });
    expect(requests().filter((o) => o.startsWith('HeadObject'))).toHaveLength(
      Object.keys(SITE).length,
    );
    expect(requests().slice(-1)).toEqual(['PutObject manifest']);
    sandbox.calls.clear();
    await sync();
    expect(requests()).toEqual(['ListObjectsV2']);
  });

  it('a dry run reads but writes no manifest', async () => {
    writeFileSync(join(site, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
    sandbox.calls.clear();
    const result = await sync({ 'dry-run': 'true' });
    expect(result.outputs).toMatchObject({ status: 'dry-run' });
    expect(sandbox.calls.mutating()).toEqual([]);
  });

  it('refuses a source with a .s3-sync/ folder before any write', async () => {
    const own = writeSite({ 'index.html': 'x', '.s3-sync/manifest.json': '{}' });
    sandbox.calls.clear();
    const result = await sync({}, own);
    rmSync(own, { recursive: true, force: true });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      expect.stringContaining("Input 'source' has .s3-sync/manifest.json"),
    ]);
    expect(sandbox.calls.mutating()).toEqual([]);
  });

  it('1,000 files and the manifest: an unchanged re-publish is two listing pages, nothing else', async () => {
    const many = writeSite(
      Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p/${i}.txt`, `${i}`])),
    );
    try {
      const inputs = { prefix: 'many/', concurrency: '64' };
      sandbox.calls.clear();
      expect((await sync(inputs, many)).exitCode).toBe(0);
      // More than a few uploads: the prefix is listed again (1,000 keys: one page) for their
      // LastModified, instead of a HeadObject each.
      expect(requests().filter((o) => !o.startsWith('PutObject'))).toEqual([
        'ListObjectsV2',
        'ListObjectsV2',
      ]);
      sandbox.calls.clear();
      const result = await sync(inputs, many);
      expect(result.outputs).toMatchObject({ status: 'unchanged', unchanged: '1000' });
      expect(requests()).toEqual(['ListObjectsV2', 'ListObjectsV2']);
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });
});
