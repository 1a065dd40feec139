/**
 * The CallerReference of each invalidation batch. CloudFront answers a repeated reference with
 * the same paths by returning the invalidation it already has, so a step that runs again in the
 * same workflow attempt creates nothing new. The run attempt is part of it on purpose: a
 * re-run attempt may have uploaded the files again after the first invalidation finished, and
 * then needs an invalidation of its own.
 */
import { createHash } from 'node:crypto';

export interface RunIdentity {
  runId?: string;
  attempt?: string;
}

export function pathSetHash(paths: readonly string[]): string {
  return createHash('sha256')
    .update([...paths].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
}

export function runIdentity(env: NodeJS.ProcessEnv = process.env, now = Date.now()): RunIdentity {
  // Outside GitHub Actions there is no run to repeat: every run gets its own reference.
  if (!env.GITHUB_RUN_ID) return { runId: `local-${now}` };
  return { runId: env.GITHUB_RUN_ID, attempt: env.GITHUB_RUN_ATTEMPT ?? '1' };
}

/**
 * `<given or derived>-<batch>of<count>`; derived: `run-<id>-<attempt>-<distribution>-<hash>`,
 * hashing the whole path set (all batches), so each batch's reference is stable.
 */
export function callerReference(options: {
  given?: string;
  run: RunIdentity;
  distributionId: string;
  allPaths: readonly string[];
  batch: number;
  batches: number;
}): string {
  const base =
    options.given ??
    [
      'run',
      options.run.runId,
      options.run.attempt ?? '1',
      options.distributionId,
      pathSetHash(options.allPaths),
    ].join('-');
  return options.batches === 1 ? base : `${base}-${options.batch}of${options.batches}`;
}
