import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Delivery } from '../../../src/verify-webhook/deliveries.js';
import { describeNetworkError } from '../../../src/verify-webhook/http.js';
import { fetchSender } from '../../../src/verify-webhook/probe.js';
import { TelegramClient } from '../../../src/verify-webhook/telegram-api.js';

const TOKEN_URL = 'https://api.telegram.org/bot123:SECRETSECRET/getWebhookInfo';
const fetchFailed = (code: string) =>
  Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error(`connect ${code} ${TOKEN_URL}`), { code }),
  });

describe('describeNetworkError', () => {
  it('names the failure by its code alone, never by the message that carries the URL', () => {
    expect(describeNetworkError(fetchFailed('ECONNREFUSED'))).toBe('connection refused');
    expect(describeNetworkError(fetchFailed('ECONNRESET'))).toBe('connection reset');
    expect(describeNetworkError(fetchFailed('ENOTFOUND'))).toBe('host not found');
    expect(describeNetworkError(fetchFailed('CERT_HAS_EXPIRED'))).toBe(
      'TLS error (CERT_HAS_EXPIRED)',
    );
    expect(describeNetworkError(fetchFailed('EWEIRD'))).toBe('network error (EWEIRD)');
    expect(describeNetworkError(new Error(TOKEN_URL))).toBe('network error');
  });
  it('describes timeouts and cancellation', () => {
    const timeout = Object.assign(new Error('x'), { name: 'TimeoutError' });
    expect(describeNetworkError(timeout, 10_000)).toBe('no answer within 10s');
    expect(describeNetworkError(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(
      'cancelled',
    );
  });
});

describe('bounded requests against real sockets on loopback', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.includes('/hang')) return; // never answers
      if (req.url?.includes('/stall')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":'); // the rest of the body never comes
        return;
      }
      res.writeHead(401).end('{"ok":false}');
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const delivery: Delivery = {
    name: 'unsigned',
    description: 'no signature',
    expect: 'reject',
    headers: {},
    body: '{}',
  };
  const send = fetchSender();

  it('a probe gets the status', async () => {
    expect(await send(`${base}/ok`, delivery, undefined, 5_000)).toEqual({ status: 401 });
  });

  it('a probe to an endpoint that never answers ends after its timeout', async () => {
    expect(await send(`${base}/hang`, delivery, undefined, 300)).toEqual({
      unreachable: 'no answer within 0.3s',
    });
  });

  it('a cancelled probe is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await send(`${base}/hang`, delivery, controller.signal, 10_000)).toEqual({
      unreachable: 'cancelled',
    });
  });

  it('a Bot API whose answer stalls mid-body: bounded, retried, then a clear error', async () => {
    for (const path of ['hang', 'stall']) {
      const client = new TelegramClient(`${base}/${path}`, '1:AAtoken', {
        requestTimeoutMs: 200,
        maxRetries: 1,
        sleep: async () => undefined,
      });
      await expect(client.getWebhookInfo()).rejects.toThrow(
        'Telegram getWebhookInfo failed: no answer within 0.2s.',
      );
    }
  });
});
