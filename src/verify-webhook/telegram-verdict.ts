/**
 * Verdicts on Telegram's getWebhookInfo, as pure functions: does the registration match what
 * the workflow expects, must setWebhook be called, and is the webhook healthy (no recent delivery
 * error, no backlog). Telegram never clears `last_error_*` after later successful deliveries, so
 * only an error newer than the window counts.
 */
import type { SetWebhookParams, WebhookInfo } from './telegram-api.js';

export interface Expected {
  url: string;
  secret?: string;
  allowedUpdates?: readonly string[];
  maxConnections?: number;
  dropPendingUpdates?: boolean;
}

/** Telegram's default when setWebhook is called without max_connections. */
export const DEFAULT_MAX_CONNECTIONS = 40;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Each way the registration differs from the expectation, as a sentence fragment. */
export function differences(info: WebhookInfo, expected: Expected): string[] {
  const out: string[] = [];
  if (info.url !== expected.url) {
    out.push(
      info.url === ''
        ? `no webhook is set (expected ${expected.url})`
        : `the webhook points at ${info.url}, expected ${expected.url}`,
    );
  }
  if (expected.allowedUpdates !== undefined) {
    const actual = info.allowed_updates ?? [];
    if (!sameSet(actual, expected.allowedUpdates))
      out.push(
        `allowed_updates is [${actual.join(', ')}], expected [${expected.allowedUpdates.join(', ')}]`,
      );
  }
  if (expected.maxConnections !== undefined) {
    const actual = info.max_connections ?? DEFAULT_MAX_CONNECTIONS;
    if (actual !== expected.maxConnections)
      out.push(`max_connections is ${actual}, expected ${expected.maxConnections}`);
  }
  return out;
}

/**
 * Why setWebhook must be called: every difference, and the secret whenever one is given (the
 * Bot API never returns it, so the only way to be sure it is the right one is to set it).
 * drop_pending_updates only acts on a setWebhook call, so it does not force one.
 */
export function registrationReasons(info: WebhookInfo, expected: Expected): string[] {
  const reasons = differences(info, expected);
  if (expected.secret !== undefined)
    reasons.push('a secret is given, and getWebhookInfo cannot confirm it');
  return reasons;
}

export function setWebhookParams(expected: Expected): SetWebhookParams {
  return {
    url: expected.url,
    ...(expected.secret !== undefined ? { secret_token: expected.secret } : {}),
    ...(expected.allowedUpdates !== undefined
      ? { allowed_updates: [...expected.allowedUpdates] }
      : {}),
    ...(expected.maxConnections !== undefined ? { max_connections: expected.maxConnections } : {}),
    ...(expected.dropPendingUpdates !== undefined
      ? { drop_pending_updates: expected.dropPendingUpdates }
      : {}),
  };
}

export interface LastError {
  message: string;
  /** Epoch milliseconds. */
  at: number;
  ageMs: number;
  /** Counted against the webhook: newer than the window (and than a URL change we made). */
  counts: boolean;
  /** Why it does not count, when it does not. */
  ignoredBecause?: string;
}

export interface HealthRules {
  maxPendingUpdates: number;
  errorWindowMs: number;
  /**
   * When this run moved the webhook to a new URL: errors before that moment were about the old
   * URL, so they are reported but do not count.
   */
  urlChangedAt?: number;
}

export interface Health {
  problems: string[];
  warnings: string[];
  lastError?: LastError;
}

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h}h` : `${Math.round(h / 24)}d`;
}

export function judgeHealth(info: WebhookInfo, rules: HealthRules, nowMs: number): Health {
  const problems: string[] = [];
  const warnings: string[] = [];
  let lastError: LastError | undefined;
  if (info.last_error_date !== undefined && info.last_error_date > 0) {
    const at = info.last_error_date * 1000;
    const ageMs = Math.max(0, nowMs - at);
    const message = info.last_error_message ?? 'unknown error';
    let ignoredBecause: string | undefined;
    if (ageMs > rules.errorWindowMs)
      ignoredBecause = `older than 'error-window-seconds' (${formatAge(rules.errorWindowMs)})`;
    else if (rules.urlChangedAt !== undefined && at < rules.urlChangedAt)
      ignoredBecause = 'it happened before this run moved the webhook to the new URL';
    lastError = { message, at, ageMs, counts: ignoredBecause === undefined };
    if (ignoredBecause) lastError.ignoredBecause = ignoredBecause;
    if (lastError.counts)
      problems.push(
        `Telegram reports a delivery error ${formatAge(ageMs)} ago, within 'error-window-seconds' (${formatAge(rules.errorWindowMs)}): ${message}`,
      );
  }
  if (info.pending_update_count > rules.maxPendingUpdates)
    problems.push(
      `${info.pending_update_count} updates are waiting for delivery, more than 'max-pending-updates' (${rules.maxPendingUpdates}): the endpoint is not taking them.`,
    );
  if (info.last_synchronization_error_date !== undefined) {
    const ageMs = Math.max(0, nowMs - info.last_synchronization_error_date * 1000);
    if (ageMs <= rules.errorWindowMs)
      warnings.push(
        `The Bot API server reports a synchronization error with Telegram's datacenters ${formatAge(ageMs)} ago.`,
      );
  }
  return { problems, warnings, ...(lastError ? { lastError } : {}) };
}
