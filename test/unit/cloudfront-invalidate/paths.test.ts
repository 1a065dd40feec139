import { describe, expect, it } from '@jest/globals';
import {
  batchPaths,
  collapsePaths,
  dropCovered,
  normalisePaths,
} from '../../../src/cloudfront-invalidate/paths.js';
import { encodePath, isWildcard } from '../../../src/lib/url-paths.js';
import { planPaths } from '../../../src/cloudfront-invalidate/run.js';

describe('encodePath', () => {
  it('adds the leading slash and leaves safe characters alone', () => {
    expect(encodePath('assets/app.js')).toBe('/assets/app.js');
    expect(encodePath('/a-b_c.d/e+f=g&h?x=1')).toBe('/a-b_c.d/e+f=g&h?x=1');
  });
  it('percent-encodes unsafe and non-ASCII characters as UTF-8', () => {
    expect(encodePath('/my file.html')).toBe('/my%20file.html');
    expect(encodePath('/café/ü.png')).toBe('/caf%C3%A9/%C3%BC.png');
    expect(encodePath('/a{b}|c^d~e[f]`g"h<i>#j\\k')).toBe(
      '/a%7Bb%7D%7Cc%5Ed%7Ee%5Bf%5D%60g%22h%3Ci%3E%23j%5Ck',
    );
  });
  it('keeps existing %XX escapes and encodes a lone %', () => {
    expect(encodePath('/my%20file.html')).toBe('/my%20file.html');
    expect(encodePath('/100%.html')).toBe('/100%25.html');
    expect(encodePath(encodePath('/a b/100%'))).toBe(encodePath('/a b/100%'));
  });
  it('keeps * only at the end', () => {
    expect(encodePath('/assets/*')).toBe('/assets/*');
    expect(encodePath('/a*b/*')).toBe('/a%2Ab/*');
    expect(isWildcard('/assets/*')).toBe(true);
  });
});

describe('normalisePaths', () => {
  it('de-duplicates, adds index.html folders, skips blanks and comments, sorts', () => {
    expect(
      normalisePaths(['index.html', '/index.html', '', '# note', 'docs/index.html', '/b.js']),
    ).toEqual(['/', '/b.js', '/docs/', '/docs/index.html', '/index.html']);
  });
  it('drops paths a wildcard covers', () => {
    expect(normalisePaths(['/assets/a.js', '/assets/*', '/assets/x/*', '/b.js'])).toEqual([
      '/assets/*',
      '/b.js',
    ]);
    expect(normalisePaths(['/*', '/a', '/b/*'])).toEqual(['/*']);
    expect(dropCovered(['/a*', '/ab', '/b'])).toEqual(['/a*', '/b']);
  });
});

describe('collapsePaths', () => {
  const many = (folder: string, n: number) =>
    Array.from({ length: n }, (_, i) => `/${folder}/f${String(i).padStart(4, '0')}.js`);

  it('leaves a set at or under max-paths alone', () => {
    const paths = many('assets', 10);
    expect(collapsePaths(paths, 10)).toEqual({ paths, collapsed: false });
  });
  it('collapses to the deepest folders that fit', () => {
    const paths = [
      ...many('assets/js', 30),
      ...many('assets/css', 30),
      '/index.html',
      '/docs/a/index.html',
    ];
    const out = collapsePaths(paths, 10);
    expect(out.collapsed).toBe(true);
    expect(out.paths).toEqual([
      '/assets/css/*',
      '/assets/js/*',
      '/docs/a/index.html',
      '/index.html',
    ]);
  });
  it('never uses more than 15 wildcards; falls back to shallower folders, then /*', () => {
    const paths = Array.from({ length: 20 }, (_, i) => many(`d${i}/sub`, 5)).flat();
    const out = collapsePaths(paths, 50);
    expect(out.paths).toEqual(['/*']);
    const nested = Array.from({ length: 20 }, (_, i) => many(`top/d${i}`, 5)).flat();
    expect(collapsePaths(nested, 50).paths).toEqual(['/top/*']);
  });
  it('falls back to /* when root files alone exceed max-paths', () => {
    const paths = Array.from({ length: 30 }, (_, i) => `/f${i}.html`);
    expect(collapsePaths(paths, 10).paths).toEqual(['/*']);
  });
});

describe('batchPaths', () => {
  it('splits at 3,000 paths', () => {
    const paths = Array.from({ length: 7001 }, (_, i) => `/p${i}`);
    const batches = batchPaths(paths);
    expect(batches.map((b) => b.length)).toEqual([3000, 3000, 1001]);
    expect(batches.flat()).toEqual(paths);
  });
  it('splits at 15 wildcards', () => {
    const paths = [...Array.from({ length: 20 }, (_, i) => `/w${i}/*`), '/x'];
    const batches = batchPaths(paths);
    expect(batches.map((b) => b.filter(isWildcard).length)).toEqual([15, 5]);
    expect(batches.flat()).toEqual(paths);
  });
});

describe('planPaths', () => {
  it('normalises, collapses and batches in one go', () => {
    const plan = planPaths(['a.js', 'a.js', 'index.html'], 1000);
    expect(plan).toEqual({
      paths: ['/', '/a.js', '/index.html'],
      requested: 3,
      collapsed: false,
      batches: [['/', '/a.js', '/index.html']],
    });
    expect(planPaths([], 1000).paths).toEqual([]);
  });
});
