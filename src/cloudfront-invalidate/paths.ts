/**
 * Invalidation path sets as CloudFront takes them, as pure functions: normalised, collapsed to
 * wildcards above a limit, batched within CloudFront's in-progress limits. One path's encoding
 * is src/lib/url-paths.ts.
 */

import { encodePath, isWildcard, withFolderPaths } from '../lib/url-paths.js';

/** Drops paths a wildcard already covers (`/assets/*` covers `/assets/a.js` and `/assets/x/*`). */
export function dropCovered(paths: readonly string[]): string[] {
  const prefixes = paths.filter(isWildcard).map((p) => p.slice(0, -1));
  return paths.filter(
    (path) => !prefixes.some((prefix) => path !== `${prefix}*` && path.startsWith(prefix)),
  );
}

/**
 * Lines of a `paths` input or a paths file to the set to invalidate: blank lines and `#`
 * comments skipped, encoded, `index.html` folders added, de-duplicated, covered paths dropped,
 * sorted.
 */
export function normalisePaths(lines: readonly string[]): string[] {
  const set = new Set<string>();
  for (const line of lines) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    for (const path of withFolderPaths(encodePath(text))) set.add(path);
  }
  return dropCovered([...set]).sort();
}

export interface Limits {
  paths: number;
  wildcards: number;
}

/** CloudFront's in-progress limits per distribution. */
export const CLOUDFRONT_LIMITS: Limits = { paths: 3000, wildcards: 15 };

function folderAt(path: string, depth: number): string | undefined {
  const segments = path.split('/').slice(1); // '' before the leading '/'
  // A path with more than `depth` folders collapses to its first `depth` folders.
  if (segments.length - 1 <= depth - 1) return undefined;
  return `/${segments.slice(0, depth).join('/')}/*`;
}

/**
 * Above `maxPaths`, replaces paths by prefix wildcards: the deepest folder depth at which the
 * result fits in `maxPaths` paths with at most `maxWildcards` wildcards, else `/*`. At depth d,
 * the paths under the same first d folders become `/<folders>/*` (a lone path stays as it is).
 */
export function collapsePaths(
  paths: readonly string[],
  maxPaths: number,
  maxWildcards = CLOUDFRONT_LIMITS.wildcards,
): { paths: string[]; collapsed: boolean } {
  const fits = (set: readonly string[]) =>
    set.length <= maxPaths && set.filter(isWildcard).length <= maxWildcards;
  if (paths.length <= maxPaths) return { paths: [...paths], collapsed: false };
  const maxDepth = Math.max(0, ...paths.map((p) => p.split('/').length - 2));
  for (let depth = maxDepth; depth >= 1; depth--) {
    const groups = new Map<string, string[]>();
    for (const path of paths) {
      const folder = folderAt(path, depth) ?? path;
      groups.set(folder, [...(groups.get(folder) ?? []), path]);
    }
    // A folder with one path keeps the path itself: the same count, one wildcard fewer.
    const result = [...groups].map(([folder, members]) =>
      members.length === 1 ? members[0]! : folder,
    );
    const candidate = dropCovered([...new Set(result)]).sort();
    if (fits(candidate)) return { paths: candidate, collapsed: true };
  }
  return { paths: ['/*'], collapsed: true };
}

/** Splits a path set into batches within the in-progress limits. */
export function batchPaths(
  paths: readonly string[],
  limits: Limits = CLOUDFRONT_LIMITS,
): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let wildcards = 0;
  for (const path of paths) {
    const wild = isWildcard(path) ? 1 : 0;
    if (current.length >= limits.paths || wildcards + wild > limits.wildcards) {
      batches.push(current);
      current = [];
      wildcards = 0;
    }
    current.push(path);
    wildcards += wild;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
