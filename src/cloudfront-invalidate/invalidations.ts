/**
 * CloudFront calls: CreateInvalidation retried (src/lib/retry.ts) on TooManyInvalidationsInProgress
 * and transient faults until the deadline (the SDK retries neither the first nor, beyond its
 * attempts, the others), and GetInvalidation for the wait.
 */
import {
  CreateInvalidationCommand,
  GetInvalidationCommand,
  type CloudFrontClient,
} from '@aws-sdk/client-cloudfront';
import { errorCode, isTransientError } from '../lib/aws-errors.js';
import type { BackoffPolicy } from '../lib/backoff.js';
import type { Deadline } from '../lib/deadline.js';
import { ConfigurationError, OutcomeError, messageOf } from '../lib/errors.js';
import { retryWithBackoff, RetryDeadlineError, shortMessage } from '../lib/retry.js';

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
  /** The action's Deadline, or an absolute time per `clock`. */
  deadline: number | Deadline;
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
  errorCode(error) === 'TooManyInvalidationsInProgress' || isTransientError(error);

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
  // The caller reference makes a resend safe: CloudFront answers a repeated one with the
  // invalidation it already made, so transient faults are retried like the busy answers.
  const send = (_attempt: number, signal?: AbortSignal) =>
    client.send(
      new CreateInvalidationCommand({
        DistributionId: distributionId,
        InvalidationBatch: {
          CallerReference: reference,
          Paths: { Quantity: paths.length, Items: [...paths] },
        },
      }),
      signal ? { abortSignal: signal } : {},
    );
  let out;
  try {
    out = await retryWithBackoff(send, {
      retryable: isRetryable,
      backoff: options.backoff,
      deadline: options.deadline,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
      onRetry: ({ error, attempt, delayMs }) => {
        // One line when the episode begins, not one per attempt.
        if (attempt === 1)
          options.log?.(
            `${distributionId}: ${errorCode(error) ?? shortMessage(error)}; retrying with backoff (first retry in ${(delayMs / 1000).toFixed(1)}s) until the deadline.`,
          );
      },
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (error instanceof RetryDeadlineError) {
      throw new InvalidationTimeout(
        `Timed out creating an invalidation on ${distributionId}: CloudFront still answered ${errorCode(error.lastError) ?? shortMessage(error.lastError)} after ${error.attempts} attempts.`,
      );
    }
    throw isRetryable(error) ? error : describeCreateError(error, distributionId, reference);
  }
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
