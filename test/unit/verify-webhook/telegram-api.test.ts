import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../../src/lib/errors.js';
import { TelegramApiError, TelegramClient } from '../../../src/verify-webhook/telegram-api.js';

const TOKEN = '123456:AAbbCCddEEff_gg-hh';
type Reply = { status: number; body: unknown } | Error;

function fakeFetch(replies: Reply[]) {
  const requests: { url: string; body: unknown }[] = [];
  const fetchImpl = (async (url: string | URL, init?: RequestInit) => {
    requests.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    const reply = replies.shift();
    if (!reply) throw new Error('no reply scripted');
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  }) as typeof fetch;
  return { requests, fetchImpl };
}

const client = (replies: Reply[], sleeps: number[] = []) => {
  const fake = fakeFetch(replies);
  return {
    ...fake,
    client: new TelegramClient('http://127.0.0.1:9/', TOKEN, {
      fetch: fake.fetchImpl,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0,
    }),
  };
};

describe('TelegramClient', () => {
  it('POSTs JSON to /bot<token>/<method> and unwraps the envelope', async () => {
    const { client: c, requests } = client([
      {
        status: 200,
        body: {
          ok: true,
          result: { url: 'https://x', has_custom_certificate: false, pending_update_count: 0 },
        },
      },
    ]);
    await expect(c.getWebhookInfo()).resolves.toMatchObject({ url: 'https://x' });
    expect(requests[0]!.url).toBe(`http://127.0.0.1:9/bot${TOKEN}/getWebhookInfo`);
  });

  it('honours retry_after on 429', async () => {
    const sleeps: number[] = [];
    const { client: c, requests } = client(
      [
        {
          status: 429,
          body: {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 3',
            parameters: { retry_after: 3 },
          },
        },
        { status: 200, body: { ok: true, result: true, description: 'Webhook was set' } },
      ],
      sleeps,
    );
    await c.setWebhook({ url: 'https://x' });
    expect(sleeps).toEqual([3000]);
    expect(requests).toHaveLength(2);
  });

  it('refuses to wait for an unreasonable retry_after', async () => {
    const { client: c } = client([
      {
        status: 429,
        body: {
          ok: false,
          error_code: 429,
          description: 'Too Many Requests',
          parameters: { retry_after: 3600 },
        },
      },
    ]);
    await expect(c.getWebhookInfo()).rejects.toThrow(/rate limited for 3600s/);
  });

  it('retries 5xx and dropped connections with backoff, then gives up', async () => {
    const sleeps: number[] = [];
    const dropped = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error(`connect ECONNRESET http://127.0.0.1:9/bot${TOKEN}/x`), {
        code: 'ECONNRESET',
      }),
    });
    const { client: c } = client(
      [
        { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } },
        dropped,
        {
          status: 200,
          body: {
            ok: true,
            result: { url: '', has_custom_certificate: false, pending_update_count: 0 },
          },
        },
      ],
      sleeps,
    );
    await expect(c.getWebhookInfo()).resolves.toMatchObject({ url: '' });
    expect(sleeps).toHaveLength(2);
    const failing = client([dropped, dropped, dropped, dropped, dropped]).client;
    const error = await failing.getWebhookInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramApiError);
    expect(String(error)).toBe(
      'TelegramApiError: Telegram getWebhookInfo failed: connection reset.',
    );
    expect(String(error)).not.toContain(TOKEN);
  });

  it('turns 401 into a configuration error naming the input, without the token', async () => {
    const { client: c } = client([
      { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } },
    ]);
    const error = await c.getWebhookInfo().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toMatch(
      /Telegram refused the bot token \(401 Unauthorized\): check 'telegram-bot-token'/,
    );
    expect(String(error)).not.toContain(TOKEN);
  });

  it('reports a 400 with its description', async () => {
    const { client: c } = client([
      {
        status: 400,
        body: {
          ok: false,
          error_code: 400,
          description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook',
        },
      },
    ]);
    await expect(c.setWebhook({ url: 'http://x' })).rejects.toThrow(
      'Telegram setWebhook failed: 400 Bad Request: bad webhook: HTTPS url must be provided for webhook',
    );
  });

  it('a Bot API that never answers: each call is bounded by requestTimeoutMs, then retried, then fails', async () => {
    let calls = 0;
    const hung = ((_url: string | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        calls += 1;
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      })) as typeof fetch;
    const c = new TelegramClient('http://127.0.0.1:9/', TOKEN, {
      fetch: hung,
      sleep: async () => undefined,
      requestTimeoutMs: 50,
      maxRetries: 2,
    });
    await expect(c.getWebhookInfo()).rejects.toThrow(
      'Telegram getWebhookInfo failed: no answer within 0.1s.',
    );
    expect(calls).toBe(3);
  });
});
