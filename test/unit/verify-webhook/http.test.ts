import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { boundedFetch, describeNetworkError } from '../../../src/verify-webhook/http.js';

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

describe('boundedFetch against real sockets on loopback', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<import('node:net').Socket>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":'); // the rest of the body never comes
        return;
      }
      res.writeHead(200).end('{"ok":true}');
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

  const text = (r: Response) => r.text();

  it('answers normally and leaves no timer behind', async () => {
    const spy = jest.spyOn(globalThis, 'clearTimeout');
    expect(await boundedFetch(fetch, `${base}/ok`, {}, { timeoutMs: 5_000 }, text)).toBe(
      '{"ok":true}',
    );
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('a server that never answers ends with a TimeoutError after timeoutMs', async () => {
    const error = await boundedFetch(fetch, `${base}/hang`, {}, { timeoutMs: 300 }, text).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('TimeoutError');
    expect(describeNetworkError(error, 300)).toBe('no answer within 0.3s');
  });

  it('the body is inside the bound: a stalled body ends with a TimeoutError too', async () => {
    const error = await boundedFetch(fetch, `${base}/stall`, {}, { timeoutMs: 300 }, text).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('the outer signal cancels the request', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await boundedFetch(
      fetch,
      `${base}/hang`,
      {},
      { timeoutMs: 10_000, signal: controller.signal },
      text,
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(describeNetworkError(error)).toBe('cancelled');
  });
});
