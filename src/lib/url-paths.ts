/**
 * URL paths as CloudFront expects them, as pure functions shared by s3-sync (the changed-paths
 * file) and cloudfront-invalidate. CloudFront wants a leading `/`, non-ASCII and RFC 1738
 * "unsafe" characters percent-encoded and nothing else encoded (else the path names another
 * cache entry), and `*` only as the last character.
 */

/** RFC 1738 unsafe characters (besides `%`, handled on its own, and controls / non-ASCII). */
const UNSAFE = new Set([' ', '"', '<', '>', '#', '{', '}', '|', '\\', '^', '~', '[', ']', '`']);

const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

function encodeChar(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map(hex).join('');
}

/**
 * One path in CloudFront's form. Already-encoded `%XX` sequences are kept (so a path from
 * s3-sync's file is not encoded twice); a `*` anywhere but at the end is a literal character.
 */
export function encodePath(raw: string): string {
  const text = raw.startsWith('/') ? raw : `/${raw}`;
  const chars = [...text];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const code = ch.codePointAt(0)!;
    if (ch === '%') {
      out += /^[0-9A-Fa-f]{2}$/.test(chars.slice(i + 1, i + 3).join('')) ? '%' : '%25';
    } else if (ch === '*') {
      out += i === chars.length - 1 ? '*' : '%2A';
    } else if (code < 0x21 || code > 0x7e || UNSAFE.has(ch)) {
      out += encodeChar(ch);
    } else out += ch;
  }
  return out;
}

export const isWildcard = (path: string): boolean => path.endsWith('*');

/** `index.html` is also served as its folder: `/docs/index.html` adds `/docs/`. */
export function withFolderPaths(path: string): string[] {
  const match = /^(.*\/)index\.html?$/.exec(path);
  return match ? [path, match[1]!] : [path];
}
