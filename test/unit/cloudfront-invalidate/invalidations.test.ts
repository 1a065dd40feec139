import { describe, expect, it } from '@jest/globals';
import {
  CloudFrontClient,
  CloudFrontServiceException,
  CreateInvalidationCommand,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../src/lib/errors.js';
import {
  createInvalidation,
  InvalidationTimeout,
} from '../../../src/cloudfront-invalidate/invalidations.js';

const error = (name: string, status = 400) =>
  new CloudFrontServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });

function options(now = { t: 0 }) {
  const sleeps: number[] = [];
  return {
    sleeps,
    opts: {
      deadline: 60_000,
      backoff: { baseMs: 1000, capMs: 8000 },
      clock: () => now.t,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now.t += ms;
      },
      random: () => 1,
      startedAt: 0,
    },
  };
}

describe('createInvalidation', () => {
  it('retries TooManyInvalidationsInProgress and throttling with growing backoff', async () => {
    const cf = mockClient(CloudFrontClient);
    cf.on(CreateInvalidationCommand)
      .rejectsOnce(error('TooManyInvalidationsInProgress'))
      .rejectsOnce(error('Throttling'))
      .resolves({
        Invalidation: {
          Id: 'I1',
          Status: 'InProgress',
          CreateTime: new Date(5000),
          CreationTime: undefined,
        } as never,
      });
    const { sleeps, opts } = options();
    const created = await createInvalidation(
      new CloudFrontClient({ region: 'us-east-1' }),
      'E1',
      'ref',
      ['/a'],
      opts,
    );
    expect(created).toMatchObject({ id: 'I1', status: 'InProgress', existing: false, paths: 1 });
    expect(sleeps).toEqual([1000, 2000]);
    const input = cf.commandCalls(CreateInvalidationCommand)[0]!.args[0].input;
    expect(input).toEqual({
      DistributionId: 'E1',
      InvalidationBatch: { CallerReference: 'ref', Paths: { Quantity: 1, Items: ['/a'] } },
    });
    cf.restore();
  });
  it('gives up at the deadline with a timeout', async () => {
    const cf = mockClient(CloudFrontClient);
    cf.on(CreateInvalidationCommand).rejects(error('TooManyInvalidationsInProgress'));
    const { opts } = options();
    await expect(
      createInvalidation(new CloudFrontClient({ region: 'us-east-1' }), 'E1', 'ref', ['/a'], opts),
    ).rejects.toBeInstanceOf(InvalidationTimeout);
    cf.restore();
  });
  it('names the cause of errors it does not retry', async () => {
    const cf = mockClient(CloudFrontClient);
    cf.on(CreateInvalidationCommand).rejects(error('InvalidationBatchAlreadyExists', 409));
    const { opts } = options();
    const failure = createInvalidation(
      new CloudFrontClient({ region: 'us-east-1' }),
      'E1',
      'ref',
      ['/a'],
      opts,
    );
    await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
    await expect(failure).rejects.toThrow(/Caller reference 'ref' was already used on E1/);
    cf.restore();
  });
  it('reports an invalidation CloudFront already had for this reference', async () => {
    const cf = mockClient(CloudFrontClient);
    cf.on(CreateInvalidationCommand).resolves({
      Invalidation: { Id: 'I0', Status: 'Completed', CreateTime: new Date(1000) } as never,
    });
    const { opts } = options();
    const created = await createInvalidation(
      new CloudFrontClient({ region: 'us-east-1' }),
      'E1',
      'ref',
      ['/a'],
      {
        ...opts,
        startedAt: 10_000,
      },
    );
    expect(created).toMatchObject({ id: 'I0', existing: true, status: 'Completed' });
    cf.restore();
  });
});
