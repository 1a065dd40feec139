import { describe, expect, it } from '@jest/globals';
import {
  buildPlan,
  deleteBatches,
  headCandidates,
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
  new Map<string, RemoteObject>(objects.map(([key, size]) => [key, { key, size }]));
const same = (f: SourceFile): RemoteHead => ({
  sha256: f.sha256,
  contentType: f.contentType,
  cacheControl: f.cacheControl,
});

const files = [
  file('index.html', 100, 'h-index-2'),
  file('about/index.html', 50, 'h-about'),
  file('assets/app-1a2b3c4d.js', 1000, 'h-app'),
  file('assets/new-9f8e7d6c.js', 300, 'h-new'),
  file('robots.txt', 10, 'h-robots'),
];

describe('headCandidates', () => {
  it('asks only for objects that exist with the same size', () => {
    const listing = remote(
      ['site/index.html', 100],
      ['site/about/index.html', 51],
      ['site/assets/app-1a2b3c4d.js', 1000],
    );
    expect(headCandidates(files, listing, 'site/')).toEqual([
      'site/index.html',
      'site/assets/app-1a2b3c4d.js',
    ]);
  });
});

describe('buildPlan', () => {
  const listing = remote(
    ['index.html', 100],
    ['about/index.html', 50],
    ['assets/app-1a2b3c4d.js', 1000],
    ['robots.txt', 10],
    ['assets/old-00aa11bb.js', 900],
  );
  const heads = new Map<string, RemoteHead>([
    ['index.html', { ...same(files[0]!), sha256: 'h-index-1' }], // same length, other content
    ['about/index.html', same(files[1]!)],
    ['assets/app-1a2b3c4d.js', same(files[2]!)],
    ['robots.txt', { ...same(files[4]!), cacheControl: 'max-age=1' }],
  ]);

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
      new Map([['assets/app-1a2b3c4d.js', {}]]),
      {
        prefix: '',
        delete: false,
      },
    );
    expect(plan.assets.map((u) => u.reason)).toEqual(['no stored hash']);
    expect(plan.entryPoints.map((u) => u.reason)).toEqual(['size']);
  });
  it('leaves everything alone when nothing changed', () => {
    const all = new Map(files.map((f) => [f.path, same(f)]));
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
