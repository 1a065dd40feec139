/**
 * The CloudFront plugin (REST-XML under `/2020-05-31/`): CreateInvalidation with CloudFront's
 * CallerReference semantics and in-progress limits, GetInvalidation, ListInvalidations.
 *
 * - The same CallerReference with the same paths returns the invalidation made before; with other
 *   paths it is `InvalidationBatchAlreadyExists` (409).
 * - In progress at once per distribution: 3,000 paths and 15 wildcard paths; beyond that,
 *   `TooManyInvalidationsInProgress` (400). One batch over the limits is `BatchTooLarge` (413).
 * - Invalid paths (no leading `/`, unencoded unsafe characters, `*` not at the end) are
 *   `InvalidArgument`.
 */
import type {
  PluginContext,
  RequestIdentity,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from '../core/plugin.js';
import { cloudfrontState, statusOf, toInvalidation, type StoredInvalidation } from './state.js';
import {
  errorResponse,
  invalidationResponse,
  listResponse,
  parseInvalidationBatch,
} from './xml.js';

export const CLOUDFRONT_PREFIX = '/2020-05-31/';
export const IN_PROGRESS_LIMITS = { paths: 3000, wildcards: 15 };

class CfError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const ROUTES: { method: string; re: RegExp; operation: string }[] = [
  {
    method: 'POST',
    re: /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/,
    operation: 'CreateInvalidation',
  },
  {
    method: 'GET',
    re: /^\/2020-05-31\/distribution\/([^/]+)\/invalidation\/([^/]+)$/,
    operation: 'GetInvalidation',
  },
  {
    method: 'GET',
    re: /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/,
    operation: 'ListInvalidations',
  },
];

function route(req: SandboxRequest): { operation: string; params: string[] } | undefined {
  for (const r of ROUTES) {
    const match = r.method === req.method ? r.re.exec(req.path) : null;
    if (match) return { operation: r.operation, params: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

const isWildcard = (p: string) => p.endsWith('*');

/** A path CloudFront accepts: leading `/`, no raw unsafe or non-ASCII characters, `*` last only. */
export function validPath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  if (/[^\x21-\x7e]|["<>#{}|\\^`[\]]/.test(path)) return false;
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return false;
  return !path.slice(0, -1).includes('*');
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((p, i) => p === [...b].sort()[i]);

export function cloudfrontPlugin(): SandboxPlugin {
  const distributionKnown = (ctx: PluginContext, id: string) => {
    const listed = ctx.scenario.cloudfront?.distributions;
    return !listed || listed.some((d) => d.id === id);
  };
  const secondsFor = (ctx: PluginContext, id: string) =>
    ctx.scenario.cloudfront?.distributions?.find((d) => d.id === id)?.invalidationSeconds ??
    ctx.scenario.cloudfront?.invalidationSeconds ??
    60;

  function create(ctx: PluginContext, distributionId: string, body: string): SandboxResponse {
    const state = cloudfrontState(ctx);
    const batch = parseInvalidationBatch(body);
    if (!batch.callerReference) throw new CfError('MissingBody', 'CallerReference is required.');
    if (batch.paths.length === 0)
      throw new CfError('InvalidArgument', 'Your request contains no invalidation paths.');
    if (batch.quantity !== batch.paths.length)
      throw new CfError(
        'InconsistentQuantities',
        "The value of Quantity and the size of Items don't match.",
      );
    if (!batch.paths.every(validPath))
      throw new CfError(
        'InvalidArgument',
        'Your request contains one or more invalid invalidation paths.',
      );
    const now = ctx.clock.now();
    const previous = state.invalidations.find(
      (i) => i.distributionId === distributionId && i.callerReference === batch.callerReference,
    );
    if (previous) {
      if (!sameSet(previous.paths, batch.paths))
        throw new CfError(
          'InvalidationBatchAlreadyExists',
          'The CallerReference you attempted to create the invalidation with is associated with another invalidation.',
          409,
        );
      return invalidationResponse(toInvalidation(previous, now), 201, locationOf(ctx, previous));
    }
    if (
      batch.paths.length > IN_PROGRESS_LIMITS.paths ||
      batch.paths.filter(isWildcard).length > IN_PROGRESS_LIMITS.wildcards
    )
      throw new CfError('BatchTooLarge', 'Invalidation batch specified is too large.', 413);
    const inProgress = state.invalidations.filter(
      (i) => i.distributionId === distributionId && statusOf(i, now) === 'InProgress',
    );
    const paths = inProgress.reduce((n, i) => n + i.paths.length, 0) + batch.paths.length;
    const wildcards = [...inProgress.flatMap((i) => i.paths), ...batch.paths].filter(
      isWildcard,
    ).length;
    if (paths > IN_PROGRESS_LIMITS.paths || wildcards > IN_PROGRESS_LIMITS.wildcards)
      throw new CfError(
        'TooManyInvalidationsInProgress',
        wildcards > IN_PROGRESS_LIMITS.wildcards
          ? 'Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.'
          : 'Processing your request will cause you to exceed the maximum number of in-progress invalidations.',
      );
    state.sequence += 1;
    const stored: StoredInvalidation = {
      id: `I${String(state.sequence).padStart(4, '0')}${distributionId.slice(0, 6)}SBX`.slice(
        0,
        14,
      ),
      distributionId,
      callerReference: batch.callerReference,
      paths: batch.paths,
      createdAt: now,
      completesAt: ctx.clock.at(now, secondsFor(ctx, distributionId)),
    };
    state.invalidations.unshift(stored);
    return invalidationResponse(toInvalidation(stored, now), 201, locationOf(ctx, stored));
  }

  function locationOf(ctx: PluginContext, inv: StoredInvalidation): string {
    return `${ctx.url}${CLOUDFRONT_PREFIX}distribution/${inv.distributionId}/invalidation/${inv.id}`;
  }

  return {
    name: 'cloudfront',
    match: (req) => req.path.startsWith(CLOUDFRONT_PREFIX),
    identify(req): RequestIdentity {
      const found = route(req);
      const operation = found?.operation ?? `${req.method} ${req.path}`;
      const input: Record<string, unknown> = { DistributionId: found?.params[0] };
      if (found?.operation === 'GetInvalidation') input.Id = found.params[1];
      if (found?.operation === 'CreateInvalidation') {
        const batch = parseInvalidationBatch(req.body.toString('utf8'));
        input.InvalidationBatch = {
          CallerReference: batch.callerReference,
          Paths: { Quantity: batch.quantity, Items: batch.paths },
        };
      }
      return { service: 'cloudfront', operation, input };
    },
    faultResponse: (error) =>
      errorResponse(
        error.code === 'ThrottlingException'
          ? 'Throttling'
          : error.code === 'InternalFailure'
            ? 'InternalError'
            : error.code,
        error.message,
        error.status,
      ),
    async handle(req, ctx) {
      const found = route(req);
      if (!found)
        return errorResponse(
          'InvalidAction',
          `No CloudFront operation answers ${req.method} ${req.path}`,
          400,
        );
      const [distributionId = '', id] = found.params;
      try {
        if (!distributionKnown(ctx, distributionId))
          throw new CfError(
            'NoSuchDistribution',
            'The specified distribution does not exist.',
            404,
          );
        const state = cloudfrontState(ctx);
        const now = ctx.clock.now();
        if (found.operation === 'CreateInvalidation')
          return create(ctx, distributionId, req.body.toString('utf8'));
        if (found.operation === 'GetInvalidation') {
          const inv = state.invalidations.find(
            (i) => i.distributionId === distributionId && i.id === id,
          );
          if (!inv)
            throw new CfError(
              'NoSuchInvalidation',
              'The specified invalidation does not exist.',
              404,
            );
          return invalidationResponse(toInvalidation(inv, now), 200);
        }
        const all = state.invalidations.filter((i) => i.distributionId === distributionId);
        const marker = req.query.get('Marker') ?? '';
        const maxItems = Math.max(
          1,
          Math.min(100, Number(req.query.get('MaxItems') ?? 100) || 100),
        );
        const start = marker ? all.findIndex((i) => i.id === marker) + 1 : 0;
        const page = all.slice(start, start + maxItems);
        const truncated = start + maxItems < all.length;
        return listResponse({
          Marker: marker,
          MaxItems: maxItems,
          IsTruncated: truncated,
          Quantity: page.length,
          ...(truncated ? { NextMarker: page[page.length - 1]!.id } : {}),
          Items: page.map((i) => ({
            Id: i.id,
            CreateTime: new Date(i.createdAt),
            Status: statusOf(i, now),
          })),
        });
      } catch (error) {
        if (error instanceof CfError) return errorResponse(error.code, error.message, error.status);
        throw error;
      }
    },
  };
}
