import { describe, expect, it } from '@jest/globals';
import { isDefiniteError, isTransientError } from '../../../src/lib/aws-errors.js';

const sdkError = (name: string, status: number, fault: 'client' | 'server', extra = {}) =>
  Object.assign(new Error(name), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status },
    ...extra,
  });

describe('isTransientError', () => {
  it.each([
    ['500', sdkError('InternalFailure', 500, 'server')],
    ['503', sdkError('ServiceUnavailable', 503, 'server')],
    ['502 unmodelled', sdkError('Unknown', 502, 'client')],
    ['throttling', sdkError('ThrottlingException', 400, 'client')],
    ['429', sdkError('TooManyRequests', 429, 'client')],
    ['SDK request timeout', Object.assign(new Error('requestTimeout'), { name: 'TimeoutError' })],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['socket hang up', new Error('socket hang up')],
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    [
      'undici socket in cause',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }),
    ],
    ['truncated body', new TypeError('terminated')],
  ])('%s is transient', (_label, error) => {
    expect(isTransientError(error)).toBe(true);
    expect(isDefiniteError(error)).toBe(false);
  });

  it('an unreadable answer (the SDK deserializer error) is transient', () => {
    const e = new SyntaxError('Unexpected token < in JSON at position 0');
    Object.defineProperty(e, '$response', { value: {}, enumerable: false });
    Object.assign(e, { $metadata: { httpStatusCode: 200 } });
    expect(isTransientError(e)).toBe(true);
    const hinted = new Error(
      'Expected closing tag\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
    );
    expect(isTransientError(hinted)).toBe(true);
  });

  it.each([
    ['validation', sdkError('InvalidParameterException', 400, 'client')],
    ['access denied', sdkError('AccessDeniedException', 400, 'client')],
    ['not found', sdkError('ServiceNotFoundException', 400, 'client')],
    ['NoSuchDistribution', sdkError('NoSuchDistribution', 404, 'client')],
    [
      'a modelled error that was read',
      (() => {
        const e = sdkError('ClusterNotFoundException', 400, 'client');
        Object.defineProperty(e, '$response', { value: {}, enumerable: false });
        return e;
      })(),
    ],
  ])('%s is definite, not transient', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
    expect(isDefiniteError(error)).toBe(true);
  });

  it.each([
    ['abort', Object.assign(new Error('Request aborted'), { name: 'AbortError' })],
    ['cancellation', Object.assign(new Error('cancelled'), { name: 'CancelledError' })],
    ['deadline', Object.assign(new Error('deadline'), { name: 'DeadlineExceededError' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['not an object', 'boom'],
    ['null', null],
  ])('%s is not transient', (_label, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
