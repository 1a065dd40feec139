import { describe, expect, it } from '@jest/globals';
import {
  buildPlan,
  compareWithManifest,
  deleteBatches,
  differenceOfHead,
  etagIsMd5,
  expectedEntries,
  uploadBytes,
  type RemoteHead,
  type RemoteObject,
  type SourceFile,
} from '../../../src/s3-sync/plan.js';
import { changedUrlPaths } from '../../../src/s3-sync/url-paths.js';

const file = (
  path: string,
  size: number,
  sha256: string,
  extra: Partial<SourceFile> = {},
): SourceFile => ({
  path,
  absolute: `/src/${path}`,
  size,
  sha256,
  contentType: path.endsWith('.html')
    ? 'text/html; charset=utf-8'
    : 'text/javascript; charset=utf-8',
  cacheControl: path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  ...extra,
});
const remote = (...objects: [string, number][]) =>
  new Map<string, RemoteObject>(
    objects.map(([key, size]) => [key, { key, size, etag: `etag-${key}`, lastModified: 1000 }]),
  );
const same = (f: SourceFile): RemoteHead => ({
  sha256: f.sha256,
  contentType: f.contentType,
  cacheControl: f.cacheControl,
});

/** Verdicts from HeadObject answers that carry no ETag (so the stored SHA-256 decides). */
const verdictsOf = (heads: Map<string, RemoteHead>) =>
  new Map(
    [...heads].map(([key, head]) => [
      key,
      differenceOfHead(
        files.find((f) => f.path === key)!,
        head,
        undefined,
      ),
    ]),
  );

const files = [
  file('index.html', 100, 'h-index-2'),
  file('about/index.html', 50, 'h-about'),
  file('assets/app-1a2b3c4d.js', 1000, 'h-app'),
  file('assets/new-9f8e7d6c.js', 300, 'h-new'),
  file('robots.txt', 10, 'h-robots'),
];

describe('buildPlan', () => {
  const listing = remote(
    ['index.html', 100],
    ['about/index.html', 50],
    ['assets/app-1a2b3c4d.js', 1000],
    ['robots.txt', 10],
    ['assets/old-00aa11bb.js', 900],
  );
  const heads = verdictsOf(
    new Map<string, RemoteHead>([
      ['index.html', { ...same(files[0]!), sha256: 'h-index-1' }], // same length, other content
      ['about/index.html', same(files[1]!)],
      ['assets/app-1a2b3c4d.js', same(files[2]!)],
      ['robots.txt', { ...same(files[4]!), cacheControl: 'max-age=1' }],
    ]),
  );

  it('uploads new and changed assets first, HTML after, deletes only with delete', () => {
    const plan = buildPlan(files, listing, heads, { prefix: '', delete: true });
    expect(plan.assets.map((u) => [u.key, u.change, u.reason])).toEqual([
      ['assets/new-9f8e7d6c.js', 'new', undefined],
      ['robots.txt', 'changed', 'Cache-Control'],
    ]);
    expect(plan.entryPoints.map((u) => [u.key, u.change, u.reason])).toEqual([
      ['index.html', 'changed', 'content'],
    ]);
    expect(plan.unchanged.map((f) => f.path)).toEqual([
      'about/index.html',
      'assets/app-1a2b3c4d.js',
    ]);
    expect(plan.deletions).toEqual(['assets/old-00aa11bb.js']);
    expect(uploadBytes(plan)).toBe(410);
    const kept = buildPlan(files, listing, heads, { prefix: '', delete: false });
    expect(kept.deletions).toEqual([]);
    expect(kept.kept).toEqual(['assets/old-00aa11bb.js']);
  });
  it('uploads an object without a stored hash, and one that differs in size', () => {
    const plan = buildPlan(
      [files[2]!, files[0]!],
      remote(['assets/app-1a2b3c4d.js', 1000], ['index.html', 99]),
      verdictsOf(new Map([['assets/app-1a2b3c4d.js', {}]])),
      {
        prefix: '',
        delete: false,
      },
    );
    expect(plan.assets.map((u) => u.reason)).toEqual(['no stored hash']);
    expect(plan.entryPoints.map((u) => u.reason)).toEqual(['size']);
  });
  it('leaves everything alone when nothing changed', () => {
    const all = verdictsOf(new Map(files.map((f) => [f.path, same(f)])));
    const listing2 = remote(...files.map((f): [string, number] => [f.path, f.size]));
    const plan = buildPlan(files, listing2, all, { prefix: '', delete: true });
    expect(plan.assets).toEqual([]);
    expect(plan.entryPoints).toEqual([]);
    expect(plan.deletions).toEqual([]);
    expect(changedUrlPaths(plan)).toEqual([]);
  });
  it('lists changed URL paths with index.html folders and without new fingerprinted assets', () => {
    const plan = buildPlan(files, listing, heads, { prefix: '', delete: true });
    expect(changedUrlPaths(plan)).toEqual([
      '/',
      '/assets/old-00aa11bb.js',
      '/index.html',
      '/robots.txt',
    ]);
    const prefixed = buildPlan([file('a b/index.html', 1, 'x')], new Map(), new Map(), {
      prefix: 'app/',
      delete: false,
    });
    expect(changedUrlPaths(prefixed)).toEqual(['/app/a%20b/', '/app/a%20b/index.html']);
  });
});

describe('deleteBatches', () => {
  it('splits at 1,000 keys', () => {
    const keys = Array.from({ length: 2001 }, (_, i) => `k${i}`);
    expect(deleteBatches(keys).map((b) => b.length)).toEqual([1000, 1000, 1]);
  });
});

describe('comparing with a HeadObject', () => {
  const f = file('a.js', 10, 'sha-a');
  const md5 = '0cc175b9c0f1b6a831c399e269772661';
  const head = (extra: Partial<RemoteHead>): RemoteHead => ({ ...same(f), ...extra });
  it('takes the ETag as the MD5 only for single-part uploads without SSE-KMS or SSE-C', () => {
    expect(etagIsMd5({ etag: md5 })).toBe(true);
    expect(etagIsMd5({ etag: md5, encryption: 'AES256' })).toBe(true);
    expect(etagIsMd5({ etag: md5, encryption: 'aws:kms' })).toBe(false);
    expect(etagIsMd5({ etag: md5, encryption: 'aws:kms:dsse' })).toBe(false);
    expect(etagIsMd5({ etag: md5, customerKey: true })).toBe(false);
    expect(etagIsMd5({ etag: `${md5.slice(0, 30)}ab-3` })).toBe(false);
    expect(etagIsMd5({})).toBe(false);
  });
  it('decides content by the ETag where it is the MD5, whatever the stored hash says', () => {
    expect(differenceOfHead(f, head({ etag: md5, sha256: 'stale' }), md5)).toBeUndefined();
    expect(differenceOfHead(f, head({ etag: md5 }), 'another-md5')).toBe('content');
  });
  it('falls back to the stored SHA-256 where the ETag is not the MD5', () => {
    const kms = head({ etag: 'ffffffffffffffffffffffffffffffff', encryption: 'aws:kms' });
    expect(differenceOfHead(f, kms, undefined)).toBeUndefined();
    expect(differenceOfHead(f, { ...kms, sha256: 'other' }, undefined)).toBe('content');
    const { sha256: _, ...noHash } = kms;
    expect(differenceOfHead(f, noHash, undefined)).toBe('no stored hash');
  });
  it('then compares the headers', () => {
    expect(differenceOfHead(f, head({ etag: md5, contentType: 'text/plain' }), md5)).toBe(
      'Content-Type',
    );
    expect(differenceOfHead(f, head({ etag: md5, cacheControl: 'no-cache' }), md5)).toBe(
      'Cache-Control',
    );
  });
});

describe('comparing with the manifest', () => {
  const listing = remote(['site/index.html', 100], ['site/assets/app-1a2b3c4d.js', 1000]);
  const local = [files[0]!, files[2]!];
  const entries = expectedEntries(local, listing, 'site/')!;

  it('expects one entry per local file from the listing and the local hash and headers', () => {
    expect(entries.map((e) => [e.key, e.etag, e.sha256, e.cacheControl])).toEqual([
      ['site/index.html', 'etag-site/index.html', 'h-index-2', 'no-cache'],
      [
        'site/assets/app-1a2b3c4d.js',
        'etag-site/assets/app-1a2b3c4d.js',
        'h-app',
        files[2]!.cacheControl,
      ],
    ]);
    expect(expectedEntries(files, listing, 'site/')).toBeUndefined(); // some files are not listed
  });

  it('settles the objects it still describes and sends the rest to HeadObject', () => {
    const manifest = new Map(entries.map((e) => [e.key, e]));
    // Rewritten by someone else since: the listing shows another LastModified.
    manifest.set('site/index.html', { ...entries[0]!, lastModified: 999 });
    // Recorded with another Cache-Control: the rule changed since.
    manifest.set('site/assets/app-1a2b3c4d.js', { ...entries[1]!, cacheControl: 'max-age=60' });
    const { verdicts, needHead } = compareWithManifest(local, listing, manifest, 'site/');
    expect(needHead.map((n) => n.key)).toEqual(['site/index.html']);
    expect([...verdicts]).toEqual([['site/assets/app-1a2b3c4d.js', 'Cache-Control']]);
  });

  it('sends everything of the same size to HeadObject without a manifest', () => {
    const { verdicts, needHead } = compareWithManifest(local, listing, undefined, 'site/');
    expect(needHead.map((n) => n.key)).toEqual(['site/index.html', 'site/assets/app-1a2b3c4d.js']);
    expect(verdicts.size).toBe(0);
  });
});
