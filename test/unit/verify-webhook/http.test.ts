import { describe, expect, it } from '@jest/globals';
import { describeNetworkError } from '../../../src/verify-webhook/http.js';

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
