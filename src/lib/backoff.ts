/** Exponential backoff with "full jitter" (AWS Architecture Blog), capped. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Growth factor per attempt; 2 doubles the window. */
  factor?: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry). The window grows as
 * base * factor^(attempt-1), never beyond `capMs`; the delay is drawn uniformly from
 * [window/2, window] so that retries spread out but never collapse to zero.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const factor = policy.factor ?? 2;
  const window = Math.min(policy.capMs, policy.baseMs * factor ** Math.max(0, attempt - 1));
  return Math.round(window / 2 + random() * (window / 2));
}
