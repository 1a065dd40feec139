import { describe, expect, it } from '@jest/globals';
import { contentTypeFor, isEntryPoint } from '../../../src/s3-sync/content-type.js';

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/app-1234abcd.js', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml; charset=utf-8'],
    ['site.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['photo.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['app.wasm', 'application/wasm'],
    ['LICENSE', 'application/octet-stream'],
    ['weird.unknownext', 'application/octet-stream'],
  ])('%s -> %s', (path, type) => {
    expect(contentTypeFor(path)).toBe(type);
  });
});

describe('isEntryPoint', () => {
  it('is true for HTML only', () => {
    expect(isEntryPoint('index.html')).toBe(true);
    expect(isEntryPoint('a/b.HTM')).toBe(true);
    expect(isEntryPoint('a/b.js')).toBe(false);
    expect(isEntryPoint('html/app.css')).toBe(false);
  });
});
