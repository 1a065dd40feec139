import { tag, unescapeXml } from '../core/xml.js';

/** Names an S3 REST request (path-style) the way the SDK names the operation. */
export interface S3Identity {
  operation: string;
  bucket?: string;
  key?: string;
}

export function identifyS3(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
): S3Identity {
  const path = rawPath.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
  const key =
    slash < 0 || slash === path.length - 1 ? undefined : decodeURIComponent(path.slice(slash + 1));
  const has = (name: string) => query.has(name);
  let operation: string;
  if (!bucket) operation = method === 'GET' ? 'ListBuckets' : `${method} /`;
  else if (key === undefined) {
    if (method === 'GET')
      operation =
        query.get('list-type') === '2'
          ? 'ListObjectsV2'
          : has('location')
            ? 'GetBucketLocation'
            : 'ListObjects';
    else if (method === 'PUT') operation = 'CreateBucket';
    else if (method === 'HEAD') operation = 'HeadBucket';
    else if (method === 'POST' && has('delete')) operation = 'DeleteObjects';
    else if (method === 'DELETE') operation = 'DeleteBucket';
    else operation = `${method} bucket`;
  } else if (method === 'PUT') {
    operation = headers['x-amz-copy-source']
      ? 'CopyObject'
      : has('uploadId')
        ? 'UploadPart'
        : 'PutObject';
  } else if (method === 'GET') operation = has('uploadId') ? 'ListParts' : 'GetObject';
  else if (method === 'HEAD') operation = 'HeadObject';
  else if (method === 'DELETE')
    operation = has('uploadId') ? 'AbortMultipartUpload' : 'DeleteObject';
  else if (method === 'POST')
    operation = has('uploads')
      ? 'CreateMultipartUpload'
      : has('uploadId')
        ? 'CompleteMultipartUpload'
        : 'PostObject';
  else operation = `${method} object`;
  return { operation, ...(bucket ? { bucket } : {}), ...(key !== undefined ? { key } : {}) };
}

/** Keys in a DeleteObjects request body. */
export function deleteKeysOf(xml: string): string[] {
  return [...xml.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) => unescapeXml(m[1]!));
}

/** S3's error body: `<Error><Code/><Message/><RequestId/></Error>`, values escaped. */
export function s3ErrorXml(code: string, message: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Error>${tag('Code', code)}${tag('Message', message)}${tag('RequestId', 'sandbox')}</Error>`
  );
}
