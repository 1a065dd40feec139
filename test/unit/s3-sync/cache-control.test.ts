import { describe, expect, it } from '@jest/globals';
import {
  cacheControlResolver,
  IMMUTABLE,
  isFingerprinted,
  NO_CACHE,
  parseCacheRules,
  SHORT,
} from '../../../src/s3-sync/cache-control.js';

describe('isFingerprinted', () => {
  it.each([
    ['assets/index-BkL3x9aZ.js', true],
    ['static/js/main.3f2a1b9c.js', true],
    ['static/css/main.8d7e0a1b.chunk.css', true],
    ['assets/logo-a1b2c3d4.svg', true],
    ['favicon.ico', false],
    ['robots.txt', false],
    ['assets/vendor-react.js', false],
    ['manifest.webmanifest', false],
    ['assets/background-image.png', false],
  ])('%s -> %s', (path, expected) => {
    expect(isFingerprinted(path)).toBe(expected);
  });
});

describe('parseCacheRules', () => {
  it('keeps order and allows = in the header', () => {
    expect(
      parseCacheRules(
        'cache-control',
        '# c\n*.js=public, max-age=60\n\nimg/**=max-age=5, s-maxage=10',
      ),
    ).toEqual([
      { glob: '*.js', header: 'public, max-age=60', origin: 'input' },
      { glob: 'img/**', header: 'max-age=5, s-maxage=10', origin: 'input' },
    ]);
  });
  it('names the input and line of a bad rule', () => {
    expect(() => parseCacheRules('cache-control', '*.js')).toThrow(
      "Input 'cache-control' line 1 must be glob=header, got '*.js'.",
    );
    expect(() => parseCacheRules('cache-control', 'a\n*.js=')).toThrow(/line 1/);
    expect(() => parseCacheRules('cache-control', '*.js=')).toThrow(
      "Input 'cache-control' line 1 gives no header for '*.js'.",
    );
    expect(() => parseCacheRules('cache-control', '*.js=max-age=1\u00e9')).toThrow(/cannot carry/);
  });
});

describe('cacheControlResolver', () => {
  const defaults = cacheControlResolver([]);
  it('applies the defaults: HTML no-cache, fingerprinted immutable, the rest short', () => {
    expect(defaults('index.html').header).toBe(NO_CACHE);
    expect(defaults('docs/deep/page.html').header).toBe(NO_CACHE);
    expect(defaults('assets/index-BkL3x9aZ.js').header).toBe(IMMUTABLE);
    expect(defaults('_next/static/chunks/pages/app.js').header).toBe(IMMUTABLE);
    expect(defaults('favicon.ico').header).toBe(SHORT);
  });
  it('lets the first matching user rule win, before the defaults', () => {
    const resolve = cacheControlResolver(
      parseCacheRules('cache-control', 'sw.js=no-store\n*.html=max-age=60\n**=public, max-age=10'),
    );
    expect(resolve('sw.js')).toEqual({ header: 'no-store', rule: 'sw.js (input)' });
    expect(resolve('a/b.html').header).toBe('max-age=60');
    expect(resolve('assets/index-BkL3x9aZ.js').header).toBe('public, max-age=10');
    expect(resolve('.well-known/x').header).toBe('public, max-age=10');
  });
});
