/**
 * The sync plan, as pure functions: which local files need a HeadObject to compare, which are
 * new, changed or unchanged, and the order they go up in. A file is unchanged only when the
 * object's stored SHA-256, Content-Type and Cache-Control all equal the local ones, so a changed
 * rule re-publishes the headers too.
 */
import { chunks } from '../lib/chunks.js';
import { isEntryPoint } from './content-type.js';

export const HASH_METADATA_KEY = 'sha256';

export interface SourceFile {
  path: string;
  absolute: string;
  size: number;
  sha256: string;
  /** The bytes, when kept from hashing. */
  content?: Buffer;
  contentType: string;
  cacheControl: string;
}

export interface RemoteObject {
  key: string;
  size: number;
}

export interface RemoteHead {
  sha256?: string;
  contentType?: string;
  cacheControl?: string;
}

export type Change = 'new' | 'changed';

export interface Upload {
  file: SourceFile;
  key: string;
  change: Change;
  /** Why a changed file goes up again. */
  reason?: string;
}

export interface SyncPlan {
  /** New and changed files that are not HTML, uploaded first. */
  assets: Upload[];
  /** New and changed HTML entry points, uploaded once every asset is in place. */
  entryPoints: Upload[];
  /** Remote keys that are gone locally, removed last (only with `delete`). */
  deletions: string[];
  /** Remote keys that are gone locally but kept (no `delete`). */
  kept: string[];
  unchanged: SourceFile[];
}

export function keyFor(prefix: string, path: string): string {
  return prefix + path;
}

/** Local files that exist remotely with the same size: only these need a HeadObject. */
export function headCandidates(
  files: readonly SourceFile[],
  remote: ReadonlyMap<string, RemoteObject>,
  prefix: string,
): string[] {
  return files
    .filter((file) => remote.get(keyFor(prefix, file.path))?.size === file.size)
    .map((file) => keyFor(prefix, file.path));
}

export function differenceOf(file: SourceFile, head: RemoteHead): string | undefined {
  if (head.sha256 === undefined) return 'no stored hash';
  if (head.sha256 !== file.sha256) return 'content';
  if ((head.contentType ?? '') !== file.contentType) return 'Content-Type';
  if ((head.cacheControl ?? '') !== file.cacheControl) return 'Cache-Control';
  return undefined;
}

export function buildPlan(
  files: readonly SourceFile[],
  remote: ReadonlyMap<string, RemoteObject>,
  heads: ReadonlyMap<string, RemoteHead>,
  options: { prefix: string; delete: boolean },
): SyncPlan {
  const plan: SyncPlan = { assets: [], entryPoints: [], deletions: [], kept: [], unchanged: [] };
  const localKeys = new Set<string>();
  for (const file of files) {
    const key = keyFor(options.prefix, file.path);
    localKeys.add(key);
    const existing = remote.get(key);
    let upload: Upload | undefined;
    if (!existing) upload = { file, key, change: 'new' };
    else if (existing.size !== file.size) upload = { file, key, change: 'changed', reason: 'size' };
    else {
      const head = heads.get(key);
      const reason = head ? differenceOf(file, head) : 'not compared';
      if (reason) upload = { file, key, change: 'changed', reason };
    }
    if (!upload) plan.unchanged.push(file);
    else if (isEntryPoint(file.path)) plan.entryPoints.push(upload);
    else plan.assets.push(upload);
  }
  const gone = [...remote.keys()].filter((key) => !localKeys.has(key)).sort();
  if (options.delete) plan.deletions = gone;
  else plan.kept = gone;
  // Largest first within a wave keeps the pool busy to the end.
  const bySize = (a: Upload, b: Upload) => b.file.size - a.file.size || a.key.localeCompare(b.key);
  plan.assets.sort(bySize);
  plan.entryPoints.sort(bySize);
  return plan;
}

export function uploadCount(plan: SyncPlan): number {
  return plan.assets.length + plan.entryPoints.length;
}

export function uploadBytes(plan: SyncPlan): number {
  return [...plan.assets, ...plan.entryPoints].reduce((sum, u) => sum + u.file.size, 0);
}

/** DeleteObjects takes at most 1,000 keys per request. */
export function deleteBatches(keys: readonly string[], size = 1000): string[][] {
  return chunks(keys, size);
}
