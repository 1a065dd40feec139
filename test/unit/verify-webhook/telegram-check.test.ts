import { describe, expect, it } from '@jest/globals';
import type { TelegramInputs } from '../../../src/verify-webhook/inputs.js';
import type {
  SetWebhookParams,
  TelegramClient,
  WebhookInfo,
} from '../../../src/verify-webhook/telegram-api.js';
import {
  completeTelegram,
  expectedRegistration,
  inspectTelegram,
} from '../../../src/verify-webhook/telegram-check.js';

const NEW = 'https://api.example.com/webhook';
const settings = (over: Partial<TelegramInputs> = {}): TelegramInputs => ({
  token: '1:x',
  apiUrl: 'https://api.telegram.org/',
  register: true,
  maxPendingUpdates: 100,
  errorWindowMs: 300_000,
  ...over,
});

/** A Bot API stand-in that keeps one registration. */
function fakeClient(initial: WebhookInfo) {
  let info = { ...initial };
  const calls: string[] = [];
  const set: SetWebhookParams[] = [];
  const client = {
    getWebhookInfo: async () => {
      calls.push('getWebhookInfo');
      return { ...info };
    },
    setWebhook: async (params: SetWebhookParams) => {
      calls.push('setWebhook');
      set.push(params);
      info = { ...info, url: params.url };
      if (params.drop_pending_updates) info.pending_update_count = 0;
    },
  } as unknown as TelegramClient;
  return { client, calls, set };
}

const NOW = 1_750_000_000_000;
const clock = () => NOW;
const quiet = () => undefined;

describe('inspectTelegram + completeTelegram', () => {
  const old: WebhookInfo = {
    url: 'https://old.example.com/webhook',
    has_custom_certificate: false,
    pending_update_count: 7,
    last_error_date: NOW / 1000 - 20,
    last_error_message: 'Connection refused',
  };

  it('moves the webhook, reads it again, and ignores the old URL’s error', async () => {
    const fake = fakeClient(old);
    const expected = expectedRegistration(NEW, 'sec', settings({ dropPendingUpdates: true }));
    const inspection = await inspectTelegram(fake.client, expected, quiet, clock);
    expect(inspection.reasons).toHaveLength(2);
    const report = await completeTelegram(
      fake.client,
      inspection,
      settings(),
      quiet,
      undefined,
      clock,
    );
    expect(fake.calls).toEqual(['getWebhookInfo', 'setWebhook', 'getWebhookInfo']);
    expect(fake.set).toEqual([{ url: NEW, secret_token: 'sec', drop_pending_updates: true }]);
    expect(report).toMatchObject({
      registered: true,
      differences: [],
      info: { url: NEW, pending_update_count: 0 },
    });
    expect(report.health.problems).toEqual([]);
    expect(report.health.lastError?.ignoredBecause).toMatch(/before this run moved the webhook/);
  });

  it('does not register when blocked (failed probes), and reports the mismatch', async () => {
    const fake = fakeClient(old);
    const inspection = await inspectTelegram(
      fake.client,
      expectedRegistration(NEW, 'sec', settings()),
      quiet,
      clock,
    );
    const report = await completeTelegram(
      fake.client,
      inspection,
      settings(),
      quiet,
      'the endpoint failed its probe deliveries',
      clock,
    );
    expect(fake.calls).toEqual(['getWebhookInfo']);
    expect(report.registered).toBe(false);
    expect(report.registrationSkipped).toBe('the endpoint failed its probe deliveries');
    expect(report.differences).toHaveLength(1);
    // the old URL's error still counts: nothing was moved
    expect(report.health.problems).toHaveLength(1);
  });

  it('without register only reads', async () => {
    const fake = fakeClient({ ...old, url: NEW, last_error_date: undefined });
    const inspection = await inspectTelegram(
      fake.client,
      expectedRegistration(NEW, 'sec', settings()),
      quiet,
      clock,
    );
    const report = await completeTelegram(
      fake.client,
      inspection,
      settings({ register: false }),
      quiet,
      undefined,
      clock,
    );
    expect(fake.calls).toEqual(['getWebhookInfo']);
    expect(report).toMatchObject({ registered: false, differences: [] });
  });
});
