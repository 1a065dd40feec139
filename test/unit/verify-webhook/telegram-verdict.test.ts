import { describe, expect, it } from '@jest/globals';
import type { WebhookInfo } from '../../../src/verify-webhook/telegram-api.js';
import {
  differences,
  judgeHealth,
  registrationReasons,
  setWebhookParams,
} from '../../../src/verify-webhook/telegram-verdict.js';

const NOW = 1_750_000_000_000;
const URL_ = 'https://bot.example.com/webhook';
const info = (over: Partial<WebhookInfo> = {}): WebhookInfo => ({
  url: URL_,
  has_custom_certificate: false,
  pending_update_count: 0,
  max_connections: 40,
  ip_address: '203.0.113.7',
  ...over,
});
const rules = { maxPendingUpdates: 100, errorWindowMs: 300_000 };

describe('differences', () => {
  it('compares the URL exactly', () => {
    expect(differences(info(), { url: URL_ })).toEqual([]);
    expect(differences(info(), { url: `${URL_}/` })).toEqual([
      `the webhook points at ${URL_}, expected ${URL_}/`,
    ]);
    expect(differences(info({ url: '' }), { url: URL_ })).toEqual([
      `no webhook is set (expected ${URL_})`,
    ]);
  });
  it('compares allowed_updates as a set and max_connections only when given', () => {
    const current = info({ allowed_updates: ['message', 'callback_query'], max_connections: 40 });
    expect(
      differences(current, { url: URL_, allowedUpdates: ['callback_query', 'message'] }),
    ).toEqual([]);
    expect(differences(current, { url: URL_, allowedUpdates: ['message'] })).toEqual([
      'allowed_updates is [message, callback_query], expected [message]',
    ]);
    expect(differences(current, { url: URL_, maxConnections: 10 })).toEqual([
      'max_connections is 40, expected 10',
    ]);
    expect(
      differences(info({ max_connections: undefined }), { url: URL_, maxConnections: 40 }),
    ).toEqual([]);
  });
});

describe('registrationReasons and setWebhookParams', () => {
  it('always registers when a secret is given, since it cannot be read back', () => {
    expect(registrationReasons(info(), { url: URL_ })).toEqual([]);
    expect(registrationReasons(info(), { url: URL_, secret: 's' })).toEqual([
      'a secret is given, and getWebhookInfo cannot confirm it',
    ]);
  });
  it('passes only what was given', () => {
    expect(setWebhookParams({ url: URL_ })).toEqual({ url: URL_ });
    expect(
      setWebhookParams({
        url: URL_,
        secret: 's',
        allowedUpdates: ['message'],
        maxConnections: 5,
        dropPendingUpdates: true,
      }),
    ).toEqual({
      url: URL_,
      secret_token: 's',
      allowed_updates: ['message'],
      max_connections: 5,
      drop_pending_updates: true,
    });
  });
});

describe('judgeHealth', () => {
  it('is healthy without errors or backlog', () => {
    expect(judgeHealth(info(), rules, NOW)).toEqual({ problems: [], warnings: [] });
  });
  it('fails on an error newer than the window', () => {
    const health = judgeHealth(
      info({
        last_error_date: NOW / 1000 - 30,
        last_error_message: 'Wrong response from the webhook: 502 Bad Gateway',
      }),
      rules,
      NOW,
    );
    expect(health.problems).toEqual([
      "Telegram reports a delivery error 30s ago, within 'error-window-seconds' (5m): Wrong response from the webhook: 502 Bad Gateway",
    ]);
    expect(health.lastError).toMatchObject({ counts: true, ageMs: 30_000 });
  });
  it('reports but ignores an error older than the window (Telegram never clears it)', () => {
    const health = judgeHealth(
      info({ last_error_date: NOW / 1000 - 3600, last_error_message: 'Connection refused' }),
      rules,
      NOW,
    );
    expect(health.problems).toEqual([]);
    expect(health.lastError).toMatchObject({ counts: false, message: 'Connection refused' });
    expect(health.lastError?.ignoredBecause).toMatch(/older than 'error-window-seconds'/);
  });
  it('ignores a recent error from before this run moved the webhook', () => {
    const health = judgeHealth(
      info({ last_error_date: NOW / 1000 - 30, last_error_message: 'x' }),
      { ...rules, urlChangedAt: NOW - 1000 },
      NOW,
    );
    expect(health.problems).toEqual([]);
    expect(health.lastError?.ignoredBecause).toMatch(/before this run moved the webhook/);
    const after = judgeHealth(
      info({ last_error_date: NOW / 1000 - 1, last_error_message: 'x' }),
      { ...rules, urlChangedAt: NOW - 5000 },
      NOW,
    );
    expect(after.problems).toHaveLength(1);
  });
  it('treats a date in the future (clock skew) as fresh', () => {
    expect(
      judgeHealth(info({ last_error_date: NOW / 1000 + 60, last_error_message: 'x' }), rules, NOW)
        .problems,
    ).toHaveLength(1);
  });
  it('fails on a backlog above max-pending-updates, not at it', () => {
    expect(judgeHealth(info({ pending_update_count: 100 }), rules, NOW).problems).toEqual([]);
    expect(judgeHealth(info({ pending_update_count: 101 }), rules, NOW).problems[0]).toMatch(
      /^101 updates are waiting for delivery, more than 'max-pending-updates' \(100\)/,
    );
  });
  it('warns on a recent synchronization error', () => {
    expect(
      judgeHealth(info({ last_synchronization_error_date: NOW / 1000 - 10 }), rules, NOW).warnings,
    ).toHaveLength(1);
  });
});
