import { describe, expect, it } from '@jest/globals';
import { publishedEntries, splitListing } from '../../../src/s3-sync/compare.js';
import {
  manifestBody,
  manifestHash,
  manifestKey,
  parseManifest,
  trustedEntry,
  type ListedObject,
  type ManifestEntry,
} from '../../../src/s3-sync/manifest.js';
import type { SourceFile } from '../../../src/s3-sync/plan.js';

const entry = (key: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({
  key,
  etag: `e-${key}`,
  lastModified: 1_700_000_000_000,
  sha256: `s-${key}`,
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'no-cache',
  ...extra,
});
const listed = (key: string, extra: Partial<ListedObject> = {}): ListedObject => ({
  key,
  size: 1,
  etag: `e-${key}`,
  lastModified: 1_700_000_000_000,
  ...extra,
});

describe('manifest', () => {
  const entries = [entry('b.html'), entry('a.html')];
  const hash = manifestHash(entries);

  it('hashes the entries in key order, and every field counts', () => {
    expect(manifestHash([...entries].reverse())).toBe(hash);
    for (const field of ['etag', 'sha256', 'contentType', 'cacheControl'] as const) {
      expect(manifestHash([entry('b.html', { [field]: 'x' }), entry('a.html')])).not.toBe(hash);
    }
    expect(manifestHash([entry('b.html', { lastModified: 1 }), entry('a.html')])).not.toBe(hash);
  });

  it('reads back what it wrote, and nothing that does not hash to its name', () => {
    const parsed = parseManifest(manifestBody(entries), hash)!;
    expect([...parsed.keys()].sort()).toEqual(['a.html', 'b.html']);
    expect(parsed.get('a.html')).toEqual(entry('a.html'));
    expect(parseManifest(manifestBody(entries), '0'.repeat(64))).toBeUndefined();
    const edited = manifestBody(entries).replace('no-cache', 'max-age=1');
    expect(parseManifest(edited, hash)).toBeUndefined();
    expect(parseManifest('not json', hash)).toBeUndefined();
    expect(parseManifest('{"version":2,"entries":[]}', hash)).toBeUndefined();
  });

  it('trusts an entry only while the listing shows the same ETag and LastModified', () => {
    const manifest = new Map([['a.html', entry('a.html')]]);
    expect(trustedEntry(manifest, listed('a.html'))).toEqual(entry('a.html'));
    expect(trustedEntry(manifest, listed('a.html', { etag: 'other' }))).toBeUndefined();
    expect(trustedEntry(manifest, listed('a.html', { lastModified: 1 }))).toBeUndefined();
    expect(trustedEntry(manifest, listed('b.html'))).toBeUndefined();
    expect(trustedEntry(undefined, listed('a.html'))).toBeUndefined();
  });

  it("keeps s3-sync's own keys out of the site and finds the newest manifest", () => {
    const key1 = manifestKey('app/', 'a'.repeat(64));
    const key2 = manifestKey('app/', 'b'.repeat(64));
    const all = new Map(
      [
        listed('app/index.html'),
        listed(key1, { lastModified: 1 }),
        listed(key2, { lastModified: 2 }),
        listed('app/.s3-sync/other'),
        listed('app/nested/.s3-sync/manifest-' + 'c'.repeat(64) + '.json'),
      ].map((o) => [o.key, o]),
    );
    const split = splitListing('app/', all);
    expect([...split.site.keys()]).toEqual([
      'app/index.html',
      'app/nested/.s3-sync/manifest-' + 'c'.repeat(64) + '.json',
    ]);
    expect(split.manifests.map((m) => m.key)).toEqual([key2, key1]);
  });
});

describe('publishedEntries', () => {
  const file = (path: string): SourceFile => ({
    path,
    absolute: `/site/${path}`,
    size: 1,
    sha256: `s-${path}`,
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'no-cache',
  });
  const files = [file('put.html'), file('same.html'), file('raced.html'), file('touched.html')];
  const before = new Map(
    [listed('same.html'), listed('raced.html'), listed('touched.html')].map((o) => [o.key, o]),
  );
  const after = new Map(
    [
      listed('put.html', { etag: 'put-etag', lastModified: 5 }),
      listed('same.html'),
      // Someone else wrote these between this run's PutObject (or listing) and the re-listing.
      listed('raced.html', { etag: 'theirs' }),
      listed('touched.html', { lastModified: 9 }),
    ].map((o) => [o.key, o]),
  );

  it('records only the objects this run put or found unchanged, as listed after', () => {
    const entries = publishedEntries(files, '', before, after, {
      uploaded: new Map([
        ['put.html', 'put-etag'],
        ['raced.html', 'ours'],
      ]),
      unchanged: ['same.html', 'touched.html'],
    });
    expect(entries.map((e) => [e.key, e.etag, e.lastModified])).toEqual([
      ['put.html', 'put-etag', 5],
      ['same.html', 'e-same.html', 1_700_000_000_000],
    ]);
  });
});
