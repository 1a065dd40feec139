/**
 * S3 calls: list the prefix, read the manifest and stored headers, upload with headers, write
 * the manifest, delete in batches.
 */
import { ReadStream } from 'node:fs';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorCode } from '../lib/aws-errors.js';
import { ConfigurationError, messageOf } from '../lib/errors.js';
import { unquote, type ListedObject, type ManifestObject } from './manifest.js';
import { HASH_METADATA_KEY, type RemoteHead, type Upload } from './plan.js';
import { WHOLE_FILE_LIMIT } from './local-files.js';
import { readSourceFile, streamSourceFile } from './open-file.js';
import { mapLimit } from './pool.js';

export function describeS3Error(error: unknown, bucket: string, what: string): Error {
  const code = errorCode(error);
  if (code === 'NoSuchBucket') return new ConfigurationError(`Bucket '${bucket}' does not exist.`);
  if (code === 'AccessDenied' || code === 'Forbidden') {
    return new ConfigurationError(
      `Not allowed to ${what} in bucket '${bucket}': ${messageOf(error)} (see docs/iam/s3-sync.json).`,
    );
  }
  return new Error(`${what} in '${bucket}' failed: ${code ?? 'error'}: ${messageOf(error)}`);
}

const sendOptions = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});

/** Every object under the prefix (the SDK's paginator follows the continuation tokens). */
export async function listRemote(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<Map<string, ListedObject>> {
  const objects = new Map<string, ListedObject>();
  try {
    const pages = paginateListObjectsV2(
      { client },
      { Bucket: bucket, ...(prefix ? { Prefix: prefix } : {}) },
      sendOptions(signal),
    );
    for await (const page of pages) {
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        objects.set(item.Key, {
          key: item.Key,
          size: item.Size ?? 0,
          etag: unquote(item.ETag),
          lastModified: item.LastModified?.getTime() ?? 0,
        });
      }
    }
  } catch (error) {
    throw describeS3Error(error, bucket, 'list objects');
  }
  return objects;
}

/** The manifest's body, or undefined when it is gone (a concurrent run replaced it). */
export async function readManifest(
  client: S3Client,
  bucket: string,
  manifest: ManifestObject,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const out = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: manifest.key }),
      sendOptions(signal),
    );
    return (await out.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    if (errorCode(error) === 'NoSuchKey' || errorCode(error) === 'NotFound') return undefined;
    throw describeS3Error(error, bucket, `read ${manifest.key}`);
  }
}

export async function writeManifest(
  client: S3Client,
  bucket: string,
  key: string,
  body: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        CacheControl: 'no-store',
      }),
      sendOptions(signal),
    );
  } catch (error) {
    throw describeS3Error(error, bucket, `write ${key}`);
  }
}

export async function headObjects(
  client: S3Client,
  bucket: string,
  keys: readonly string[],
  concurrency: number,
  signal?: AbortSignal,
): Promise<Map<string, RemoteHead>> {
  const heads = await mapLimit(
    keys,
    concurrency,
    async (key) => {
      try {
        const out = await client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: key }),
          sendOptions(signal),
        );
        const head: RemoteHead = {};
        const sha = out.Metadata?.[HASH_METADATA_KEY];
        if (sha !== undefined) head.sha256 = sha;
        if (out.ContentType !== undefined) head.contentType = out.ContentType;
        if (out.CacheControl !== undefined) head.cacheControl = out.CacheControl;
        if (out.ETag !== undefined) head.etag = unquote(out.ETag);
        if (out.LastModified !== undefined) head.lastModified = out.LastModified.getTime();
        if (out.ContentLength !== undefined) head.size = out.ContentLength;
        if (out.ServerSideEncryption !== undefined) head.encryption = out.ServerSideEncryption;
        if (out.SSECustomerAlgorithm !== undefined) head.customerKey = true;
        return [key, head] as const;
      } catch (error) {
        // Deleted between the listing and now: compare as "no stored hash", so it is uploaded.
        if (errorCode(error) === 'NotFound' || errorCode(error) === 'NoSuchKey')
          return [key, {}] as const;
        throw describeS3Error(error, bucket, `read ${key}`);
      }
    },
    signal,
  );
  return new Map(heads);
}

export async function uploadAll(
  client: S3Client,
  bucket: string,
  uploads: readonly Upload[],
  concurrency: number,
  onDone: (upload: Upload, etag: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  await mapLimit(
    uploads,
    concurrency,
    async (upload) => {
      const { file } = upload;
      // Large files stream; the rest were kept from hashing or are read whole. Either way the
      // file is opened as open-file.ts does: the one hashed, never a link swapped in since.
      const body =
        file.content ??
        (file.size > WHOLE_FILE_LIMIT ? await streamSourceFile(file) : await readSourceFile(file));
      let etag: string;
      try {
        const out = await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: upload.key,
            Body: body,
            ContentLength: file.size,
            // S3 checks the bytes against the hash we store; the SDK need not compute a CRC32.
            ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
            ContentType: upload.file.contentType,
            CacheControl: upload.file.cacheControl,
            Metadata: { [HASH_METADATA_KEY]: upload.file.sha256 },
          }),
          sendOptions(signal),
        );
        etag = unquote(out.ETag);
      } catch (error) {
        throw describeS3Error(error, bucket, `upload ${upload.key}`);
      } finally {
        // A stream the request did not read to its end still holds its descriptor.
        if (body instanceof ReadStream && !body.destroyed) body.destroy();
      }
      onDone(upload, etag);
    },
    signal,
  );
}

export async function deleteKeys(
  client: S3Client,
  bucket: string,
  batches: readonly string[][],
  signal?: AbortSignal,
): Promise<number> {
  let deleted = 0;
  for (const batch of batches) {
    let out;
    try {
      out = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
        sendOptions(signal),
      );
    } catch (error) {
      throw describeS3Error(error, bucket, 'delete objects');
    }
    const errors = out.Errors ?? [];
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new Error(
        `Could not delete ${errors.length} key(s) from '${bucket}', e.g. ${first.Key}: ${first.Code} ${first.Message ?? ''}`.trim(),
      );
    }
    deleted += batch.length;
  }
  return deleted;
}
