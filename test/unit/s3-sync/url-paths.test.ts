import { describe, expect, it } from '@jest/globals';
import { normalisePaths } from '../../../src/cloudfront-invalidate/paths.js';
import { keyToInvalidationPath } from '../../../src/s3-sync/url-paths.js';

const KEYS: [string, string][] = [
  ['search?q=1.html', '/search%3Fq=1.html'],
  ['notes#2.html', '/notes%232.html'],
  ['100%.html', '/100%25.html'],
  ['100%25.html', '/100%2525.html'],
  ['a b.html', '/a%20b.html'],
  ['café/menü.html', '/caf%C3%A9/men%C3%BC.html'],
  ['日本語.html', '/%E6%97%A5%E6%9C%AC%E8%AA%9E.html'],
  ['emoji-😀.png', '/emoji-%F0%9F%98%80.png'],
  ['star*.txt', '/star%2A.txt'],
  ['trailing*', '/trailing%2A'],
  ['a+b&c=d;e,f(1)!$@:.html', '/a+b&c=d;e,f(1)!$@:.html'],
  ['quote"<>{}|\\^~[]`.txt', '/quote%22%3C%3E%7B%7D%7C%5C%5E%7E%5B%5D%60.txt'],
  ['docs/index.html', '/docs/index.html'],
];

describe('keyToInvalidationPath', () => {
  it.each(KEYS)('encodes the key %j as CloudFront matches it', (key, path) => {
    expect(keyToInvalidationPath(key)).toBe(path);
  });

  it.each(KEYS)('is lossless and never URL syntax for %j', (key) => {
    const path = keyToInvalidationPath(key);
    expect(path).not.toMatch(/[?#*\s]/);
    expect(decodeURIComponent(path)).toBe(`/${key}`);
  });

  it.each(KEYS)('survives cloudfront-invalidate reading the paths file (%j)', (key) => {
    const path = keyToInvalidationPath(key);
    const read = normalisePaths([path]);
    expect(read).toContain(path);
  });
});
