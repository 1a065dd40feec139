/**
 * The URL paths a publish changed, for cloudfront-invalidate's `paths-file`: every changed or
 * deleted object, and new files that a visitor could have asked for before they existed (a new
 * fingerprinted asset cannot be in any cache, so it is left out). An `index.html` adds its
 * folder path. Paths are written encoded as CloudFront expects.
 */
import { encodePath, withFolderPaths } from '../cloudfront-invalidate/paths.js';
import { isFingerprinted } from './cache-control.js';
import type { SyncPlan } from './plan.js';

export function changedUrlPaths(plan: SyncPlan): string[] {
  const keys: string[] = [];
  for (const upload of [...plan.assets, ...plan.entryPoints]) {
    if (upload.change === 'new' && isFingerprinted(upload.file.path)) continue;
    keys.push(upload.key);
  }
  keys.push(...plan.deletions);
  const paths = new Set<string>();
  for (const key of keys) for (const path of withFolderPaths(encodePath(key))) paths.add(path);
  return [...paths].sort();
}
