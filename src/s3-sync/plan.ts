/**
 * The sync plan, as pure functions: how each local file compares with the object under its key
 * (from the listing and the publish manifest where they settle it, else from a HeadObject),
 * which files are new, changed or unchanged, and the order they go up in. A file is unchanged
 * only when the object's content, Content-Type and Cache-Control all equal the local ones, so
 * a changed rule re-publishes the headers too.
 */
import { chunks } from '../lib/chunks.js';
import { isEntryPoint } from './content-type.js';
import type { FileIdentity } from './open-file.js';
import { trustedEntry, type ListedObject, type ManifestEntry } from './manifest.js';

export const HASH_METADATA_KEY = 'sha256';

export interface SourceFile {
  path: string;
  absolute: string;
  size: number;
  sha256: string;
  /** The bytes, when kept from hashing. */
  content?: Buffer;
  /** The file hashed (device, inode, size); a later read refuses any other (open-file.ts). */
  identity?: FileIdentity;
  contentType: string;
  cacheControl: string;
}

export type RemoteObject = ListedObject;

export interface RemoteHead {
  sha256?: string;
  contentType?: string;
  cacheControl?: string;
  /** Quotes removed. */
  etag?: string;
  /** Milliseconds since the epoch (whole seconds, as listed). */
  lastModified?: number;
  size?: number;
  /** `x-amz-server-side-encryption`: AES256, aws:kms, aws:kms:dsse. */
  encryption?: string;
  /** Encrypted with a key the client gave (SSE-C). */
  customerKey?: boolean;
}

/** What to compare with: `undefined` means unchanged, a string is why the file goes up. */
export type Verdicts = Map<string, string | undefined>;

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

const SINGLE_PART_MD5 = /^[0-9a-f]{32}$/;

/**
 * True when S3 guarantees the ETag is the MD5 of the bytes: a single-part upload (no `-N`
 * suffix) not encrypted with SSE-KMS, DSSE-KMS or SSE-C.
 */
export function etagIsMd5(head: RemoteHead): boolean {
  return (
    head.etag !== undefined &&
    SINGLE_PART_MD5.test(head.etag) &&
    !head.customerKey &&
    !(head.encryption ?? '').startsWith('aws:kms')
  );
}

/** The entries a manifest would hold if every listed object were the local file, or undefined. */
export function expectedEntries(
  files: readonly SourceFile[],
  remote: ReadonlyMap<string, RemoteObject>,
  prefix: string,
): ManifestEntry[] | undefined {
  const entries: ManifestEntry[] = [];
  for (const file of files) {
    const listed = remote.get(keyFor(prefix, file.path));
    if (!listed || listed.size !== file.size) return undefined;
    entries.push({
      key: listed.key,
      etag: listed.etag,
      lastModified: listed.lastModified,
      sha256: file.sha256,
      contentType: file.contentType,
      cacheControl: file.cacheControl,
    });
  }
  return entries;
}

export function differenceOfEntry(file: SourceFile, entry: ManifestEntry): string | undefined {
  if (entry.sha256 !== file.sha256) return 'content';
  if (entry.contentType !== file.contentType) return 'Content-Type';
  if (entry.cacheControl !== file.cacheControl) return 'Cache-Control';
  return undefined;
}

/**
 * Compares by the manifest where it still describes the listed object; the rest (same size,
 * no trusted entry) need a HeadObject.
 */
export function compareWithManifest(
  files: readonly SourceFile[],
  remote: ReadonlyMap<string, RemoteObject>,
  manifest: ReadonlyMap<string, ManifestEntry> | undefined,
  prefix: string,
): { verdicts: Verdicts; needHead: { key: string; file: SourceFile }[] } {
  const verdicts: Verdicts = new Map();
  const needHead: { key: string; file: SourceFile }[] = [];
  for (const file of files) {
    const key = keyFor(prefix, file.path);
    const listed = remote.get(key);
    if (!listed || listed.size !== file.size) continue;
    const entry = trustedEntry(manifest, listed);
    if (entry) verdicts.set(key, differenceOfEntry(file, entry));
    else needHead.push({ key, file });
  }
  return { verdicts, needHead };
}

/**
 * Compares with a HeadObject. Content: where the ETag is the MD5 (see etagIsMd5) it decides;
 * otherwise the SHA-256 s3-sync stores in the object's metadata does. `md5` is the local file's.
 */
export function differenceOfHead(
  file: SourceFile,
  head: RemoteHead,
  md5: string | undefined,
): string | undefined {
  if (etagIsMd5(head) && md5 !== undefined) {
    if (head.etag !== md5) return 'content';
  } else if (head.sha256 === undefined) return 'no stored hash';
  else if (head.sha256 !== file.sha256) return 'content';
  if ((head.contentType ?? '') !== file.contentType) return 'Content-Type';
  if ((head.cacheControl ?? '') !== file.cacheControl) return 'Cache-Control';
  return undefined;
}

export function buildPlan(
  files: readonly SourceFile[],
  remote: ReadonlyMap<string, RemoteObject>,
  verdicts: ReadonlyMap<string, string | undefined>,
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
      const reason = verdicts.has(key) ? verdicts.get(key) : 'not compared';
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
