/**
 * CloudFront calls: CreateInvalidation with retry on TooManyInvalidationsInProgress and
 * throttling (the SDK retries neither the first nor, beyond its attempts, the second), and
 * GetInvalidation for the wait.
 */
import {
  CreateInvalidationCommand,
  GetInvalidationCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import { errorCode, isThrottlingError } from '../lib/aws-errors.js';
import { backoffDelay, type BackoffPolicy } from '../lib/backoff.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import { ConfigurationError, OutcomeError, messageOf } from '../lib/errors.js';

export interface Created {
  distributionId: string;
  id: string;
  status: string;
  paths: number;
  reference: string;
  /** CloudFront returned an invalidation made earlier with this reference. */
  existing: boolean;
  createdAt?: Date;
}

export interface CreateOptions {
  deadline: number;
  signal?: AbortSignal;
  backoff: BackoffPolicy;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  log?: (line: string) => void;
  /** When this run began; an invalidation created before it is one CloudFront already had. */
  startedAt: number;
}

export class InvalidationTimeout extends OutcomeError {}

export const isRetryable = (error: unknown): boolean =>
  errorCode(error) === 'TooManyInvalidationsInProgress' || isThrottlingError(error);

export function describeCreateError(
  error: unknown,
  distributionId: string,
  reference: string,
): Error {
  const code = errorCode(error);
  if (code === 'NoSuchDistribution') {
    return new ConfigurationError(
      `Distribution ${distributionId} does not exist (or these credentials cannot see it).`,
    );
  }
  if (code === 'InvalidationBatchAlreadyExists') {
    return new ConfigurationError(
      `Caller reference '${reference}' was already used on ${distributionId} with other paths; give a new 'caller-reference'.`,
    );
  }
  if (code === 'AccessDenied') {
    return new ConfigurationError(
      `Not allowed to create invalidations on ${distributionId}: ${messageOf(error)} (see docs/iam/cloudfront-invalidate.json).`,
    );
  }
  return new Error(
    `CreateInvalidation on ${distributionId} failed: ${code ?? 'error'}: ${messageOf(error)}`,
  );
}

export async function createInvalidation(
  client: CloudFrontClient,
  distributionId: string,
  reference: string,
  paths: readonly string[],
  options: CreateOptions,
): Promise<Created> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await client.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: {
            CallerReference: reference,
            Paths: { Quantity: paths.length, Items: [...paths] },
          },
        }),
        options.signal ? { abortSignal: options.signal } : {},
      );
      const invalidation = out.Invalidation;
      if (!invalidation?.Id)
        throw new Error(`CreateInvalidation on ${distributionId} returned no invalidation.`);
      const createdAt = invalidation.CreateTime;
      return {
        distributionId,
        id: invalidation.Id,
        status: invalidation.Status ?? 'InProgress',
        paths: paths.length,
        reference,
        // A new invalidation is always InProgress; one already Completed, or made before this
        // run began, is the one CloudFront had for this reference.
        existing:
          invalidation.Status === 'Completed' ||
          (createdAt !== undefined && createdAt.getTime() < options.startedAt - 1000),
        ...(createdAt ? { createdAt } : {}),
      };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (!isRetryable(error)) throw describeCreateError(error, distributionId, reference);
      const delay = backoffDelay(attempt, options.backoff, options.random);
      const remaining = options.deadline - clock();
      if (remaining <= delay) {
        throw new InvalidationTimeout(
          `Timed out creating an invalidation on ${distributionId}: CloudFront still answered ${errorCode(error)} after ${attempt} attempts.`,
        );
      }
      options.log?.(
        `${distributionId}: ${errorCode(error)}; retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt}).`,
      );
      await sleep(delay, options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}

export async function invalidationStatus(
  client: CloudFrontClient,
  distributionId: string,
  id: string,
  signal?: AbortSignal,
): Promise<string> {
  const out = await client.send(
    new GetInvalidationCommand({ DistributionId: distributionId, Id: id }),
    signal ? { abortSignal: signal } : {},
  );
  return out.Invalidation?.Status ?? 'InProgress';
}
