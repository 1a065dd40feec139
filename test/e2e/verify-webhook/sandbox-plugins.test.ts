/**
 * The sandbox's Telegram Bot API and webhook receivers, checked on their own: the Bot API's real
 * envelope and rules, and receivers that accept the providers' published examples and refuse
 * everything else. The receivers are written independently of the action's signing code, so the
 * end-to-end tests that pass against them are a real cross-check.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { addEndpoint } from '../../../sandbox/webhooks/plugin.js';
import { SECRET, TOKEN } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox('webhook-telegram');
});
afterAll(() => sandbox.close());

const bot = async (method: string, body?: object, token = TOKEN) => {
  const response = await fetch(`${sandbox.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const post = async (hook: string, body: string, headers: Record<string, string>) =>
  (await fetch(`${sandbox.url}/hooks/${hook}`, { method: 'POST', headers, body })).status;

describe('sandbox Telegram Bot API', () => {
  it('getWebhookInfo: the documented fields, never the secret token', async () => {
    const { status, json } = await bot('getWebhookInfo');
    expect(status).toBe(200);
    expect(json).toEqual({
      ok: true,
      result: {
        url: `${sandbox.url}/hooks/telegram`,
        has_custom_certificate: false,
        pending_update_count: 0,
        ip_address: '127.0.0.1',
        max_connections: 40,
        allowed_updates: ['message', 'callback_query'],
      },
    });
    expect(JSON.stringify(json)).not.toContain(SECRET);
  });

  it('a wrong token is 401 Unauthorized in the error envelope', async () => {
    expect(await bot('getWebhookInfo', {}, '1:wrong')).toEqual({
      status: 401,
      json: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
  });

  it('a throttle is 429 with parameters.retry_after', async () => {
    sandbox.faults.add({ service: 'telegram', operation: 'getWebhookInfo', kind: 'throttle' });
    expect(await bot('getWebhookInfo')).toEqual({
      status: 429,
      json: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
  });

  it('setWebhook validates like Telegram, accepts form fields, and deleteWebhook clears the URL', async () => {
    expect((await bot('setWebhook', { url: 'http://bot.example.com/x' })).json).toMatchObject({
      ok: false,
      error_code: 400,
    });
    expect(
      (await bot('setWebhook', { url: 'https://bot.example.com/x', secret_token: 'bad token!' }))
        .status,
    ).toBe(400);
    const form = await fetch(`${sandbox.url}/bot${TOKEN}/setWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        url: 'https://bot.example.com/x',
        allowed_updates: '["message"]',
        max_connections: '5',
        drop_pending_updates: 'true',
      }).toString(),
    });
    expect(await form.json()).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    expect((await bot('getWebhookInfo')).json.result).toMatchObject({
      url: 'https://bot.example.com/x',
      max_connections: 5,
      allowed_updates: ['message'],
    });
    expect((await bot('deleteWebhook')).json).toEqual({
      ok: true,
      result: true,
      description: 'Webhook was deleted',
    });
    expect((await bot('getWebhookInfo')).json.result).toEqual({
      url: '',
      has_custom_certificate: false,
      pending_update_count: 0,
    });
  });
});

describe('sandbox webhook receivers', () => {
  it("GitHub: accepts GitHub's documented example and refuses a changed byte", async () => {
    addEndpoint(sandbox.context, 'gh-doc', {
      scheme: 'github',
      secret: "It's a Secret to Everybody",
    });
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await post('gh-doc', 'Hello, World!', { 'X-Hub-Signature-256': signature })).toBe(200);
    expect(await post('gh-doc', 'Hello, World?', { 'X-Hub-Signature-256': signature })).toBe(401);
    expect(await post('gh-doc', 'Hello, World!', {})).toBe(401);
  });

  it('Slack: checks the v0 signature and the five-minute window', async () => {
    addEndpoint(sandbox.context, 'slack-doc', { scheme: 'slack', secret: 'slack-secret' });
    const body = 'token=x&team_id=T1';
    const sign = (ts: number) => ({
      'X-Slack-Request-Timestamp': String(ts),
      'X-Slack-Signature': `v0=${createHmac('sha256', 'slack-secret').update(`v0:${ts}:${body}`).digest('hex')}`,
    });
    const now = Math.floor(Date.now() / 1000);
    expect(await post('slack-doc', body, sign(now))).toBe(200);
    expect(await post('slack-doc', body, sign(now - 301))).toBe(401);
  });

  it('Stripe: t=,v1= with a tolerance; any matching v1 counts', async () => {
    addEndpoint(sandbox.context, 'stripe-doc', {
      scheme: 'stripe',
      secret: 'whsec_x',
      rejectStatus: 400,
    });
    const body = '{"id":"evt_1"}';
    const now = Math.floor(Date.now() / 1000);
    const v1 = (ts: number) =>
      createHmac('sha256', 'whsec_x').update(`${ts}.${body}`).digest('hex');
    expect(
      await post('stripe-doc', body, { 'Stripe-Signature': `t=${now},v1=00,v1=${v1(now)}` }),
    ).toBe(200);
    expect(
      await post('stripe-doc', body, { 'Stripe-Signature': `t=${now - 400},v1=${v1(now - 400)}` }),
    ).toBe(400);
  });

  it("Standard Webhooks: accepts the specification's example, refuses a changed id", async () => {
    addEndpoint(sandbox.context, 'sw-doc', {
      scheme: 'standard-webhooks',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      toleranceSeconds: 1e10,
    });
    const headers = (id: string) => ({
      'webhook-id': id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    const body = '{"test": 2432232314}';
    expect(await post('sw-doc', body, headers('msg_p5jXN8AQM9LWM0D4loKWxJek'))).toBe(200);
    expect(await post('sw-doc', body, headers('msg_p5jXN8AQM9LWM0D4loKWxJeK'))).toBe(401);
  });

  it('warming up answers 503 first, then verifies', async () => {
    addEndpoint(sandbox.context, 'warm', {
      scheme: 'telegram',
      secret: SECRET,
      warmup: { requests: 2 },
    });
    const headers = { 'X-Telegram-Bot-Api-Secret-Token': SECRET };
    expect([
      await post('warm', '{}', headers),
      await post('warm', '{}', headers),
      await post('warm', '{}', headers),
      await post('warm', '{}', {}),
    ]).toEqual([503, 503, 200, 401]);
  });
});
