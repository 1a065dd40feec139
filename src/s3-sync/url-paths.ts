/**
 * The URL paths a publish changed, for cloudfront-invalidate's `paths-file`: every changed or
 * deleted object, and new files that a visitor could have asked for before they existed (a new
 * fingerprinted asset cannot be in any cache, so it is left out). An `index.html` adds its
 * folder path. Paths are written encoded as CloudFront matches them against viewer requests.
 */
import { encodePath, withFolderPaths } from '../lib/url-paths.js';
import { isFingerprinted } from './cache-control.js';
import type { SyncPlan } from './plan.js';

/**
 * The invalidation path of an S3 key, for any legal key. A key is literal text, so what would
 * read as URL syntax is encoded: `%` always (`100%25.html` is the key `100%25.html`, not
 * `100%.html`), `?` (else CloudFront reads a query string), `#` (a fragment) and `*` anywhere
 * (a wildcard only at the end). Non-ASCII, controls and RFC 1738's unsafe characters are
 * percent-encoded as UTF-8, as CloudFront's documentation asks; everything else is left as it is
 * (encoding more would name another cache entry).
 */
export function keyToInvalidationPath(key: string): string {
  const literal = key.replace(/%/g, '%25').replace(/\?/g, '%3F').replace(/\*/g, '%2A');
  return encodePath(literal);
}

export function changedUrlPaths(plan: SyncPlan): string[] {
  const keys: string[] = [];
  for (const upload of [...plan.assets, ...plan.entryPoints]) {
    if (upload.change === 'new' && isFingerprinted(upload.file.path)) continue;
    keys.push(upload.key);
  }
  keys.push(...plan.deletions);
  const paths = new Set<string>();
  for (const key of keys)
    for (const path of withFolderPaths(keyToInvalidationPath(key))) paths.add(path);
  return [...paths].sort();
}
