/**
 * Compares the local files with the bucket in as few requests as the state allows, and records
 * the publish afterwards (see manifest.ts and actions/s3-sync/README.md):
 * - the listing shows the manifest whose hash equals the hash of what the files and rules give
 *   now for the listed objects: everything is unchanged, no further request;
 * - otherwise the manifest is read (one GET) and settles every object it still describes;
 * - the rest of the same-size objects get a HeadObject each (the ETag where it is the MD5,
 *   else the stored SHA-256; and the headers).
 */
import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  isOwnKey,
  manifestBody,
  manifestHash,
  manifestKey,
  manifestsIn,
  parseManifest,
  type ListedObject,
  type ManifestEntry,
  type ManifestObject,
} from './manifest.js';
import {
  compareWithManifest,
  deleteBatches,
  differenceOfHead,
  etagIsMd5,
  expectedEntries,
  keyFor,
  type SourceFile,
  type Verdicts,
} from './plan.js';
import { digestDescriptor, withSourceFile } from './open-file.js';
import { mapLimit } from './pool.js';
import { deleteKeys, headObjects, listRemote, readManifest, writeManifest } from './remote.js';

export interface Target {
  client: S3Client;
  bucket: string;
  prefix: string;
  concurrency: number;
  signal?: AbortSignal;
}

export interface Listing {
  /** The objects a publish compares with (s3-sync's own keys left out). */
  site: Map<string, ListedObject>;
  /** s3-sync's manifests under `<prefix>.s3-sync/`, newest first. */
  manifests: ManifestObject[];
}

export function splitListing(prefix: string, listed: Map<string, ListedObject>): Listing {
  const site = new Map<string, ListedObject>();
  for (const [key, object] of listed) if (!isOwnKey(prefix, key)) site.set(key, object);
  return { site, manifests: manifestsIn(prefix, listed.values()) };
}

export interface Comparison {
  verdicts: Verdicts;
  /** How the objects were compared, for the log. */
  how: string;
  heads: number;
}

export function md5Of(file: SourceFile): Promise<string> {
  if (file.content) return Promise.resolve(createHash('md5').update(file.content).digest('hex'));
  return withSourceFile(
    file,
    async (fd) => (await digestDescriptor(file.absolute, fd, 'md5')).digest,
  );
}

export async function compareRemote(
  target: Target,
  files: readonly SourceFile[],
  listing: Listing,
): Promise<Comparison> {
  const current = listing.manifests[0];
  const expected = expectedEntries(files, listing.site, target.prefix);
  if (current && expected && manifestHash(expected) === current.hash) {
    return {
      verdicts: new Map(expected.map((e) => [e.key, undefined])),
      how: `the listing shows manifest ${current.key}, which records every object as it is listed and every file and header rule as they are now`,
      heads: 0,
    };
  }
  let manifest: Map<string, ManifestEntry> | undefined;
  if (current) {
    const body = await readManifest(target.client, target.bucket, current, target.signal);
    manifest = body === undefined ? undefined : parseManifest(body, current.hash);
  }
  const { verdicts, needHead } = compareWithManifest(files, listing.site, manifest, target.prefix);
  const heads = await headObjects(
    target.client,
    target.bucket,
    needHead.map((n) => n.key),
    target.concurrency,
    target.signal,
  );
  await mapLimit(
    needHead,
    Math.max(4, target.concurrency),
    async ({ key, file }) => {
      const head = heads.get(key) ?? {};
      verdicts.set(
        key,
        differenceOfHead(file, head, etagIsMd5(head) ? await md5Of(file) : undefined),
      );
    },
    target.signal,
  );
  const settled = verdicts.size - needHead.length;
  return {
    verdicts,
    how: `${current ? (manifest ? `manifest ${current.key} settled ${settled} object(s)` : `manifest ${current.key} was unreadable or gone`) : 'no manifest yet'}; HeadObject on ${needHead.length} object(s) of the same size it does not describe`,
    heads: needHead.length,
  };
}

export interface Published {
  /** ETags PutObject returned, by key. */
  uploaded: Map<string, string>;
  /** Keys compared unchanged. */
  unchanged: string[];
}

/**
 * The manifest entries after a publish: each file's object as listed now, recorded only when it
 * is the object this run put or found unchanged (same ETag; for an unchanged one also the same
 * LastModified), so a write by someone else meanwhile is never recorded as ours.
 */
export function publishedEntries(
  files: readonly SourceFile[],
  prefix: string,
  before: ReadonlyMap<string, ListedObject>,
  after: ReadonlyMap<string, ListedObject>,
  published: Published,
): ManifestEntry[] {
  const unchanged = new Set(published.unchanged);
  const entries: ManifestEntry[] = [];
  for (const file of files) {
    const key = keyFor(prefix, file.path);
    const now = after.get(key);
    if (!now) continue;
    const put = published.uploaded.get(key);
    const was = before.get(key);
    const ours =
      put !== undefined
        ? put === now.etag
        : unchanged.has(key) &&
          was !== undefined &&
          was.etag === now.etag &&
          was.lastModified === now.lastModified;
    if (!ours) continue;
    entries.push({
      key,
      etag: now.etag,
      lastModified: now.lastModified,
      sha256: file.sha256,
      contentType: file.contentType,
      cacheControl: file.cacheControl,
    });
  }
  return entries;
}

/** Up to this many uploads, a HeadObject each reads their LastModified; above, a new listing. */
export const HEAD_UPLOADS_UP_TO = 50;

/** The listing as it is after the uploads: the uploaded objects read again, or listed again. */
async function listingAfter(
  target: Target,
  listing: Listing,
  uploaded: ReadonlyMap<string, string>,
): Promise<Listing> {
  if (uploaded.size === 0) return listing;
  if (uploaded.size > HEAD_UPLOADS_UP_TO) {
    const listed = await listRemote(target.client, target.bucket, target.prefix, target.signal);
    return splitListing(target.prefix, listed);
  }
  const keys = [...uploaded.keys()];
  const heads = await headObjects(
    target.client,
    target.bucket,
    keys,
    target.concurrency,
    target.signal,
  );
  const site = new Map(listing.site);
  for (const key of keys) {
    const head = heads.get(key);
    if (head?.etag === undefined || head.lastModified === undefined) site.delete(key);
    else {
      site.set(key, {
        key,
        size: head.size ?? 0,
        etag: head.etag,
        lastModified: head.lastModified,
      });
    }
  }
  return { site, manifests: listing.manifests };
}

/**
 * Writes the manifest of this publish (when it differs from the listed one) and removes older
 * ones. After uploads, each new object's LastModified is read (HeadObject for a few, else a new
 * listing). Returns what it did, for the log.
 */
export async function recordPublish(
  target: Target,
  files: readonly SourceFile[],
  listing: Listing,
  published: Published,
): Promise<string> {
  const after = await listingAfter(target, listing, published.uploaded);
  const entries = publishedEntries(files, target.prefix, listing.site, after.site, published);
  const hash = manifestHash(entries);
  const key = manifestKey(target.prefix, hash);
  const stale = after.manifests.filter((m) => m.key !== key).map((m) => m.key);
  const present = after.manifests.some((m) => m.key === key);
  if (present && stale.length === 0) return `manifest ${key} is current.`;
  if (!present) {
    await writeManifest(target.client, target.bucket, key, manifestBody(entries), target.signal);
  }
  if (stale.length > 0) {
    await deleteKeys(target.client, target.bucket, deleteBatches(stale), target.signal);
  }
  return `manifest ${key} ${present ? 'kept' : 'written'} (${entries.length} of ${files.length} object(s) recorded)${stale.length ? `; ${stale.length} older one(s) removed` : ''}.`;
}
