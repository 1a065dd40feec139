/**
 * s3-sync against moto_server, a second S3 implementation that models what s3rver does not:
 * default SSE-KMS encryption (HeadObject answers `x-amz-server-side-encryption: aws:kms`) and the
 * request validation of botocore's models. What this proves: on a bucket encrypted with SSE-KMS
 * by default, an unchanged re-publish is settled by the manifest alone; without a manifest the
 * comparison does not take the ETag for the MD5 (S3 does not guarantee it under SSE-KMS) and
 * falls back to the stored SHA-256, so nothing is uploaded again; a same-length edit is still
 * seen. (moto keeps the MD5 as the ETag even under SSE-KMS, unlike S3, so it cannot show that
 * an ETag mismatch under SSE-KMS is not taken as a change; the unit tests cover that.) moto has
 * no call log: the counts come from the action's own log line. The request counts against a
 * recorded server are in no-missed-change.test.ts. Skipped, visibly, without moto_server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runBundle } from '../../support/run-bundle.js';
import { SITE, writeSite } from './site.js';

const MOTO = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).stdout.trim();
const BUCKET = 'cbi-dashboard-kms';
const CREDENTIALS = { accessKeyId: 'AKIAMOTOEXAMPLE', secretAccessKey: 'moto-secret' };

let moto: ChildProcess | undefined;
let endpoint = '';
let client: S3Client;
let site: string;
let runnerTemp: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

(MOTO ? describe : describe.skip)('s3-sync against moto_server (SSE-KMS by default)', () => {
  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn(MOTO, ['-p', String(port)], { stdio: 'ignore' });
    await waitUntilUp(endpoint, Date.now() + 30_000);
    client = new S3Client({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await client.send(
      new PutBucketEncryptionCommand({
        Bucket: BUCKET,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
        },
      }),
    );
    site = writeSite();
    runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
  }, 40_000);
  afterAll(() => {
    client?.destroy();
    moto?.kill('SIGTERM');
    rmSync(site, { recursive: true, force: true });
    rmSync(runnerTemp, { recursive: true, force: true });
  });

  const sync = () =>
    runBundle(
      's3-sync',
      { source: site, bucket: BUCKET },
      {
        env: {
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
          AWS_ENDPOINT_URL_S3: endpoint,
          AWS_EC2_METADATA_DISABLED: 'true',
          RUNNER_TEMP: runnerTemp,
          GITHUB_WORKSPACE: dirname(site),
        },
      },
    );
  const compared = (stdout: string) => /Compared: (.*)\./.exec(stdout)?.[1] ?? '';
  const total = Object.keys(SITE).length;

  it('publishes, then settles an unchanged re-publish from the listing alone', async () => {
    const first = await sync();
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ status: 'synced', uploaded: String(total) });
    const again = await sync();
    expect(again.outputs).toMatchObject({ status: 'unchanged', uploaded: '0' });
    expect(compared(again.stdout)).toContain('the listing shows manifest .s3-sync/manifest-');
  });

  it('without the manifest, HeadObject settles the SSE-KMS objects (stored SHA-256) and uploads nothing', async () => {
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: '.s3-sync/' }),
    );
    for (const object of listed.Contents ?? []) {
      await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: object.Key! }));
    }
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'unchanged', uploaded: '0' });
    expect(compared(result.stdout)).toContain(`HeadObject on ${total} object(s)`);
  });

  it('sees a same-length edit', async () => {
    writeFileSync(join(site, 'robots.txt'), SITE['robots.txt']!.replace('Allow', 'Aloow'));
    const result = await sync();
    expect(result.outputs).toMatchObject({ status: 'synced', uploaded: '1' });
    expect(result.stdout).toContain('~ robots.txt (content)');
  });
});
