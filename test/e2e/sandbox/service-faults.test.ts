import { afterEach, describe, expect, it } from '@jest/globals';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import {
  CONTAINER_AUTHORIZATION_TOKEN,
  CONTAINER_CREDENTIALS_PREFIX,
} from '../../../sandbox/identity/plugin.js';
import { scenarios } from '../../../sandbox/scenarios/index.js';

const BUCKET = 'fault-bucket';
const KEY_ID = 'AKIASANDBOXEXAMPLE';

let sandbox: Sandbox | undefined;
let s3: S3Client | undefined;
afterEach(async () => {
  s3?.destroy();
  s3 = undefined;
  await sandbox?.close();
  sandbox = undefined;
});

function s3Client(sb: Sandbox, maxAttempts: number): S3Client {
  const env = sb.env();
  return new S3Client({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL_S3,
    forcePathStyle: true,
    maxAttempts,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
    },
  });
}

const put = (client: S3Client, key: string) =>
  client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: `body of ${key}` }));

describe('S3 through the shared fault machinery', () => {
  it('throttles PutObject over a scenario rate limit with SlowDown (503), logged as rate-limit', async () => {
    sandbox = await startSandbox({
      s3: { buckets: [{ name: BUCKET }] },
      rateLimits: [{ service: 's3', operation: 'PutObject', perSecond: 0.001, burst: 1 }],
    });
    s3 = s3Client(sandbox, 1);
    await put(s3, 'first.txt');
    const error = await put(s3, 'second.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe('SlowDown');
    expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(503);
    expect(
      sandbox.calls
        .of('PutObject')
        .map((c) => [(c.input as { Key: string }).Key, c.status, c.fault]),
    ).toEqual([
      ['first.txt', 200, undefined],
      ['second.txt', 503, 'rate-limit'],
    ]);
  });

  it('records the access key id that signed each S3 call, faulted or not', async () => {
    sandbox = await startSandbox({ s3: { buckets: [{ name: BUCKET }] } });
    sandbox.faults.add({ service: 's3', operation: 'PutObject', kind: 'throttle' });
    s3 = s3Client(sandbox, 3);
    await put(s3, 'signed.txt');
    const calls = sandbox.calls.of('PutObject');
    expect(calls.map((c) => [c.status, c.fault])).toEqual([
      [503, 'throttle'],
      [200, undefined],
    ]);
    expect(calls.map((c) => c.accessKeyId)).toEqual([KEY_ID, KEY_ID]);
    expect(sandbox.calls.all().every((c) => c.service === 's3' && c.accessKeyId === KEY_ID)).toBe(
      true,
    );
  });
});

describe('identity fault shapes', () => {
  it('answers a fault on the container credentials endpoint in JSON', async () => {
    sandbox = await startSandbox('empty');
    sandbox.faults.add({ service: 'container-credentials', operation: '*', kind: 'server-error' });
    const response = await fetch(`${sandbox.url}${CONTAINER_CREDENTIALS_PREFIX}cbi-deploy`, {
      headers: { authorization: CONTAINER_AUTHORIZATION_TOKEN },
    });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      Code: 'InternalFailure',
      Message: 'An internal error occurred',
    });
  });

  it('says Receiver for an STS 5xx and Sender for a throttle', async () => {
    sandbox = await startSandbox('empty');
    sandbox.faults.add({ service: 'sts', operation: '*', kind: 'server-error', status: 503 });
    sandbox.faults.add({ service: 'sts', operation: '*', kind: 'throttle' });
    const call = () =>
      fetch(sandbox!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15',
      });
    const unavailable = await call();
    expect(unavailable.status).toBe(503);
    expect(await unavailable.text()).toContain(
      '<Type>Receiver</Type><Code>ServiceUnavailable</Code>',
    );
    const throttled = await call();
    expect(throttled.status).toBe(400);
    expect(await throttled.text()).toContain('<Type>Sender</Type><Code>ThrottlingException</Code>');
  });
});

describe('scenario registry', () => {
  it('knows migration-cases by name', async () => {
    expect(scenarios['migration-cases']?.name).toBe('migration-cases');
    sandbox = await startSandbox('migration-cases');
    expect(sandbox.scenario.name).toBe('migration-cases');
  });
});

describe('S3 in a scenario without buckets', () => {
  it('starts s3rver at the first S3 request, once, and answers the requests that waited for it', async () => {
    sandbox = await startSandbox('empty');
    // Nothing of S3 runs yet: the endpoint is the proxy's, and there is no s3rver state.
    expect(sandbox.env().AWS_ENDPOINT_URL_S3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.state.s3).toBeUndefined();
    s3 = s3Client(sandbox, 1);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // Two requests at once while s3rver may still be starting: both answered by the same one.
    await Promise.all([put(s3, 'a.txt'), put(s3, 'b.txt')]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['a.txt', 'b.txt']);
    expect(sandbox.state.s3?.directUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.calls.all().map((c) => [c.operation, c.status])).toEqual([
      ['CreateBucket', 200],
      ['PutObject', 200],
      ['PutObject', 200],
      ['ListObjectsV2', 200],
    ]);
  });
});
