/**
 * The publish manifest, as pure functions. After a publish, s3-sync writes one object under
 * `<prefix>.s3-sync/` recording, for every key it published, the object as the listing showed it
 * right after (ETag and LastModified) and what s3-sync knows of it (SHA-256, Content-Type,
 * Cache-Control). The object's name carries the SHA-256 of that record, so a re-publish can
 * tell from the listing alone, without reading the manifest, that every object is still the one
 * recorded and every file and header rule still gives the recorded values.
 *
 * An entry is trusted only while the listing shows the same ETag and LastModified: an object
 * rewritten by anyone (new bytes change the ETag; a copy onto itself with other headers changes
 * LastModified) falls back to a HeadObject.
 */
import { createHash } from 'node:crypto';

export const MANIFEST_DIR = '.s3-sync/';
const MANIFEST_NAME = /^manifest-([0-9a-f]{64})\.json$/;

export interface ListedObject {
  key: string;
  size: number;
  /** As listed, quotes removed. */
  etag: string;
  /** Milliseconds since the epoch (S3 lists whole seconds). */
  lastModified: number;
}

export interface ManifestEntry {
  key: string;
  etag: string;
  lastModified: number;
  sha256: string;
  contentType: string;
  cacheControl: string;
}

export interface ManifestObject {
  key: string;
  hash: string;
  lastModified: number;
}

export const unquote = (etag: string | undefined): string => (etag ?? '').replace(/^"|"$/g, '');

export const isOwnKey = (prefix: string, key: string): boolean =>
  key.startsWith(prefix + MANIFEST_DIR);

export function manifestKey(prefix: string, hash: string): string {
  return `${prefix}${MANIFEST_DIR}manifest-${hash}.json`;
}

/** The manifests among the listed keys under `<prefix>.s3-sync/`, newest first. */
export function manifestsIn(prefix: string, listed: Iterable<ListedObject>): ManifestObject[] {
  const found: ManifestObject[] = [];
  for (const object of listed) {
    if (!isOwnKey(prefix, object.key)) continue;
    const match = MANIFEST_NAME.exec(object.key.slice(prefix.length + MANIFEST_DIR.length));
    if (match) found.push({ key: object.key, hash: match[1]!, lastModified: object.lastModified });
  }
  return found.sort((a, b) => b.lastModified - a.lastModified || a.key.localeCompare(b.key));
}

type Row = [string, string, number, string, string, string];

const rows = (entries: readonly ManifestEntry[]): Row[] =>
  [...entries]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((e) => [e.key, e.etag, e.lastModified, e.sha256, e.contentType, e.cacheControl]);

/** SHA-256 of the entries in key order; the same entries always give the same hash. */
export function manifestHash(entries: readonly ManifestEntry[]): string {
  return createHash('sha256')
    .update(JSON.stringify(rows(entries)))
    .digest('hex');
}

export function manifestBody(entries: readonly ManifestEntry[]): string {
  return `${JSON.stringify({ version: 1, entries: rows(entries) })}\n`;
}

/**
 * The entries of a manifest body, by key, or undefined when the body is not a manifest or does
 * not hash to the hash in its name (then every object is compared with a HeadObject).
 */
export function parseManifest(
  body: string,
  expectedHash: string,
): Map<string, ManifestEntry> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { version, entries } = parsed as { version?: unknown; entries?: unknown };
  if (version !== 1 || !Array.isArray(entries)) return undefined;
  const result: ManifestEntry[] = [];
  for (const row of entries as unknown[]) {
    if (!Array.isArray(row) || row.length !== 6) return undefined;
    const [key, etag, lastModified, sha256, contentType, cacheControl] = row as unknown[];
    if (
      typeof key !== 'string' ||
      typeof etag !== 'string' ||
      typeof lastModified !== 'number' ||
      typeof sha256 !== 'string' ||
      typeof contentType !== 'string' ||
      typeof cacheControl !== 'string'
    ) {
      return undefined;
    }
    result.push({ key, etag, lastModified, sha256, contentType, cacheControl });
  }
  if (manifestHash(result) !== expectedHash) return undefined;
  return new Map(result.map((e) => [e.key, e]));
}

/** The recorded entry, when the listing still shows the object it describes. */
export function trustedEntry(
  manifest: ReadonlyMap<string, ManifestEntry> | undefined,
  listed: ListedObject,
): ManifestEntry | undefined {
  const entry = manifest?.get(listed.key);
  if (!entry) return undefined;
  return entry.etag === listed.etag && entry.lastModified === listed.lastModified
    ? entry
    : undefined;
}
