/**
 * Invalidations per distribution, on `ctx.state.cloudfront`. Status is worked out from the
 * clock on each request: InProgress until `completesAt`, then Completed.
 */
import type { Invalidation } from '@aws-sdk/client-cloudfront';
import type { PluginContext } from '../core/plugin.js';
import './scenario.js';

export interface StoredInvalidation {
  id: string;
  distributionId: string;
  callerReference: string;
  paths: string[];
  createdAt: number;
  completesAt: number;
}

export interface CloudFrontState {
  /** Newest first, as ListInvalidations returns them. */
  invalidations: StoredInvalidation[];
  sequence: number;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    cloudfront?: CloudFrontState;
  }
}

export function cloudfrontState(ctx: PluginContext): CloudFrontState {
  if (!ctx.state.cloudfront) ctx.state.cloudfront = { invalidations: [], sequence: 0 };
  return ctx.state.cloudfront;
}

export function statusOf(inv: StoredInvalidation, now: number): 'InProgress' | 'Completed' {
  return now >= inv.completesAt ? 'Completed' : 'InProgress';
}

export function toInvalidation(inv: StoredInvalidation, now: number): Invalidation {
  return {
    Id: inv.id,
    Status: statusOf(inv, now),
    CreateTime: new Date(inv.createdAt),
    InvalidationBatch: {
      CallerReference: inv.callerReference,
      Paths: { Quantity: inv.paths.length, Items: [...inv.paths] },
    },
  };
}
