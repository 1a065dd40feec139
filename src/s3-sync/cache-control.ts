/**
 * Cache-Control per file: the user's `glob=header` rules in order, then the defaults; the first
 * rule whose glob matches the file's path (relative to `source`) wins. A glob without a slash
 * matches the file name in any folder (`*.html` matches `docs/index.html`).
 */
import picomatch from 'picomatch';
import { inputError } from '../lib/errors.js';

export interface CacheRule {
  glob: string;
  header: string;
  /** Where the rule came from, for the plan printout. */
  origin: 'input' | 'default';
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';
export const SHORT = 'public, max-age=300';

/**
 * A file whose name carries a content hash: `index-BkL3x9aZ.js` (Vite), `main.3f2a1b9c.js`
 * (webpack / Create React App), `chunk.8d7e.0a1b2c3d.css`. The hash is 8+ characters of
 * letters, digits, `_` or `-` with at least one digit, between separators before the extension.
 */
const FINGERPRINT = /[.-](?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_]{8,}(?:\.[A-Za-z0-9]+)+$/;

export function isFingerprinted(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return FINGERPRINT.test(name);
}

export const DEFAULT_RULES: readonly CacheRule[] = [
  { glob: '*.{html,htm}', header: NO_CACHE, origin: 'default' },
  // Next.js puts only content-addressed files under _next/static.
  { glob: '_next/static/**', header: IMMUTABLE, origin: 'default' },
];

/** Parses `glob=header` lines, keeping their order; the header may contain `=`. */
export function parseCacheRules(name: string, raw: string): CacheRule[] {
  const rules: CacheRule[] = [];
  raw.split(/\r?\n/).forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const eq = text.indexOf('=');
    if (eq <= 0) throw inputError(name, `line ${index + 1} must be glob=header, got '${text}'.`);
    const glob = text.slice(0, eq).trim();
    const header = text.slice(eq + 1).trim();
    if (header === '') throw inputError(name, `line ${index + 1} gives no header for '${glob}'.`);
    if (/[\r\n]/.test(header) || /[^\x20-\x7e]/.test(header)) {
      throw inputError(
        name,
        `line ${index + 1}: header '${header}' has characters an HTTP header cannot carry.`,
      );
    }
    try {
      picomatch(glob);
    } catch {
      throw inputError(name, `line ${index + 1}: '${glob}' is not a valid glob.`);
    }
    rules.push({ glob, header, origin: 'input' });
  });
  return rules;
}

export type CacheControlFor = (path: string) => { header: string; rule: string };

/** A function giving each path its Cache-Control: user rules, then defaults, then fingerprint/short. */
export function cacheControlResolver(userRules: readonly CacheRule[]): CacheControlFor {
  const rules = [...userRules, ...DEFAULT_RULES].map((rule) => ({
    rule,
    test: picomatch(rule.glob, { dot: true, basename: !rule.glob.includes('/') }),
  }));
  return (path) => {
    for (const { rule, test } of rules) {
      if (test(path)) return { header: rule.header, rule: `${rule.glob} (${rule.origin})` };
    }
    if (isFingerprinted(path)) return { header: IMMUTABLE, rule: 'fingerprinted (default)' };
    return { header: SHORT, rule: 'other (default)' };
  };
}
