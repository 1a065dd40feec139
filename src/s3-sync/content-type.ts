/** Content-Type for every file: from its extension, with `charset=utf-8` for text formats. */
import mime from 'mime';

export const FALLBACK_TYPE = 'application/octet-stream';

const TEXT_TYPES = new Set([
  'application/javascript',
  'application/json',
  'application/manifest+json',
  'application/ld+json',
  'application/xml',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'image/svg+xml',
]);

export function contentTypeFor(path: string): string {
  const type = mime.getType(path) ?? FALLBACK_TYPE;
  return type.startsWith('text/') || TEXT_TYPES.has(type) ? `${type}; charset=utf-8` : type;
}

/** HTML pages are the entry points a visitor loads first; they go up after everything else. */
export function isEntryPoint(path: string): boolean {
  return /\.html?$/i.test(path);
}
