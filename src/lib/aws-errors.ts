/** Classifies AWS SDK v3 errors without depending on any one client's exception classes. */
interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as SdkErrorShape;
  return e.name ?? e.Code ?? e.code;
}

export function isThrottlingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorShape;
  if (e.$retryable?.throttling) return true;
  if (e.$metadata?.httpStatusCode === 429) return true;
  const code = errorCode(error);
  return code !== undefined && THROTTLING_CODES.has(code);
}

const TRANSIENT_CODES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServerException',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Messages of a connection that closed under a request, or of an answer cut short. */
const DROPPED = /socket hang up|ECONNRESET|premature close|aborted|other side closed|terminated/i;

interface TransientShape extends SdkErrorShape {
  message?: string;
  cause?: unknown;
  $fault?: string;
  $response?: unknown;
}

/**
 * Whether an error is a fault of the moment that the same request may not meet again: a 5xx,
 * throttling, a dropped or refused connection, a request timeout (the SDK's `TimeoutError`), or
 * an answer the SDK could not read. The SDK surfaces the last as the parser's error (often a
 * `SyntaxError`) carrying the hidden `$response` but no `$fault` (a modelled service exception
 * always has one) and a message with "Deserialization error". An abort is never transient: it
 * is the deadline or a cancellation.
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as TransientShape;
  if (e.name === 'AbortError' || e.name === 'CancelledError' || e.name === 'DeadlineExceededError')
    return false;
  if (isThrottlingError(error)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500 && status <= 599) return true;
  if (e.$retryable !== undefined) return true;
  const name = e.name ?? '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (TRANSIENT_CODES.has(name) || TRANSIENT_CODES.has(code) || TRANSIENT_CODES.has(e.Code ?? ''))
    return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (isUnreadableAnswer(e, message)) return true;
  if (e.$fault === undefined && DROPPED.test(message)) return true;
  if (e.cause !== undefined && depth < 5) return isTransientError(e.cause, depth + 1);
  return false;
}

function isUnreadableAnswer(e: TransientShape, message: string): boolean {
  if (message.includes('Deserialization error')) return true;
  // Set (non-enumerably) by the SDK's deserializer on whatever it threw; modelled errors have $fault.
  return '$response' in e && e.$fault === undefined && e.name !== undefined && e.name !== 'Error'
    ? e.name === 'SyntaxError' || e.name === 'TypeError' || e.name === 'RangeError'
    : false;
}

/**
 * Definite answers that no retry changes: validation, access denied, not found, a bad request.
 * Used to say "this ends it"; anything neither transient nor definite is also not retried.
 */
export function isDefiniteError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (isTransientError(error)) return false;
  const e = error as TransientShape;
  const status = e.$metadata?.httpStatusCode;
  return e.$fault === 'client' || (status !== undefined && status >= 400 && status < 500);
}
