/** Injected faults, matched per operation (and optionally service), each used `times` times. */
export type FaultKind =
  | 'throttle'
  | 'server-error'
  | 'latency'
  | 'drop-after-apply'
  | 'drop-before-apply'
  | 'hang'
  | 'truncate'
  | 'garble';

export interface FaultSpec {
  service?: string;
  operation: string;
  kind: FaultKind;
  /** How many matching calls it affects (default 1; `Infinity` for all). */
  times?: number;
  /** For `latency`: the delay before the call is handled (default 1000). */
  latencyMs?: number;
  /** For `server-error`: 500 (InternalFailure, the default) or 503 (ServiceUnavailable). */
  status?: 500 | 503;
}

export interface ActiveFault extends FaultSpec {
  remaining: number;
  /** How many calls it has affected so far. */
  hits: number;
}

/**
 * A per-operation rate limit in real (unscaled) time, as AWS enforces per account and region:
 * a token bucket of `burst` (default `perSecond`) refilled at `perSecond`; calls beyond it are
 * throttled.
 */
export interface RateLimit {
  service?: string;
  operation: string;
  perSecond: number;
  burst?: number;
}

interface Bucket extends RateLimit {
  tokens: number;
  refilledAt: number;
}

export class Faults {
  private active: ActiveFault[] = [];
  private buckets: Bucket[] = [];

  /** Throttles `operation` beyond `perSecond` calls a second (bursts up to `burst`). */
  limit(limit: RateLimit): void {
    const burst = limit.burst ?? limit.perSecond;
    this.buckets.push({ ...limit, tokens: burst, refilledAt: Date.now() });
  }

  /** Whether a call is over its rate limit (consumes a token when it is not). */
  overLimit(service: string, operation: string, nowMs = Date.now()): boolean {
    const bucket = this.buckets.find(
      (b) =>
        (b.operation === operation || b.operation === '*') &&
        (b.service === undefined || b.service === service),
    );
    if (!bucket) return false;
    const burst = bucket.burst ?? bucket.perSecond;
    bucket.tokens = Math.min(
      burst,
      bucket.tokens + ((nowMs - bucket.refilledAt) / 1000) * bucket.perSecond,
    );
    bucket.refilledAt = nowMs;
    if (bucket.tokens < 1) return true;
    bucket.tokens -= 1;
    return false;
  }

  add(spec: FaultSpec): ActiveFault {
    const fault: ActiveFault = { ...spec, remaining: spec.times ?? 1, hits: 0 };
    this.active.push(fault);
    return fault;
  }

  clear(): void {
    this.active = [];
    this.buckets = [];
  }

  list(): ActiveFault[] {
    return [...this.active];
  }

  /** Takes the first live fault matching the call, consuming one use of it. */
  take(service: string, operation: string): ActiveFault | undefined {
    const fault = this.active.find(
      (f) =>
        f.remaining > 0 &&
        (f.operation === operation || f.operation === '*') &&
        (f.service === undefined || f.service === service),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }
}

/** The service error a fault answers with. */
export function faultError(fault: ActiveFault): { code: string; message: string; status: number } {
  if (fault.kind === 'throttle')
    return { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 };
  if (fault.status === 503)
    return { code: 'ServiceUnavailable', message: 'Service is unavailable', status: 503 };
  return { code: 'InternalFailure', message: 'An internal error occurred', status: 500 };
}
