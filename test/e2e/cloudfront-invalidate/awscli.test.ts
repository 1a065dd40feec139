/** Debian's awscli must parse what the sandbox's CloudFront and S3 answer (skipped without it). */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { AWS_CLI, describeWithAwsCli } from '../../support/awscli.js';

const run = promisify(execFile);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.001 });
});
afterAll(() => sandbox.close());

async function aws(args: string[], endpoint = sandbox.url): Promise<unknown> {
  const { stdout } = await run(AWS_CLI, [...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...sandbox.env() },
  });
  return stdout.trim() ? JSON.parse(stdout) : {};
}

describeWithAwsCli('awscli against the sandbox', () => {
  it('creates, gets and lists CloudFront invalidations', async () => {
    const created = (await aws([
      'cloudfront',
      'create-invalidation',
      '--distribution-id',
      'E2CBIDASHBOARD',
      '--paths',
      '/index.html',
      '/assets/*',
    ])) as {
      Location: string;
      Invalidation: {
        Id: string;
        Status: string;
        InvalidationBatch: { Paths: { Quantity: number } };
      };
    };
    expect(created.Invalidation.Status).toBe('InProgress');
    expect(created.Invalidation.InvalidationBatch.Paths.Quantity).toBe(2);
    expect(created.Location).toContain(created.Invalidation.Id);
    await new Promise((r) => setTimeout(r, 100));
    const got = (await aws([
      'cloudfront',
      'get-invalidation',
      '--distribution-id',
      'E2CBIDASHBOARD',
      '--id',
      created.Invalidation.Id,
    ])) as {
      Invalidation: { Status: string };
    };
    expect(got.Invalidation.Status).toBe('Completed');
    const list = (await aws([
      'cloudfront',
      'list-invalidations',
      '--distribution-id',
      'E2CBIDASHBOARD',
    ])) as {
      InvalidationList: { Quantity: number; Items: { Id: string }[] };
    };
    expect(list.InvalidationList.Items.map((i) => i.Id)).toContain(created.Invalidation.Id);
  });

  it('gets CloudFront errors in a shape it understands', async () => {
    await expect(
      aws(['cloudfront', 'get-invalidation', '--distribution-id', 'E9NOTHERE', '--id', 'I1']),
    ).rejects.toThrow(/NoSuchDistribution/);
  });

  it('lists the bucket through the recording proxy', async () => {
    await aws(
      [
        's3api',
        'put-object',
        '--bucket',
        'cbi-dashboard-prod',
        '--key',
        'cli/hello.txt',
        '--content-type',
        'text/plain',
      ],
      sandbox.state.s3!.url,
    );
    const listed = (await aws(
      ['s3api', 'list-objects-v2', '--bucket', 'cbi-dashboard-prod', '--prefix', 'cli/'],
      sandbox.state.s3!.url,
    )) as {
      Contents: { Key: string }[];
    };
    expect(listed.Contents.map((c) => c.Key)).toEqual(['cli/hello.txt']);
    expect(sandbox.calls.of('PutObject').at(-1)!.input).toMatchObject({
      Key: 'cli/hello.txt',
      ContentType: 'text/plain',
    });
  });
});
