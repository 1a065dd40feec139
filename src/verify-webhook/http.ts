/**
 * Network failures described without the request: Node's fetch errors can carry the URL, and a
 * Bot API URL carries the token, so only the error code is ever shown.
 */
const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS)',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A short, URL-free description of why a request got no HTTP answer. */
export function describeNetworkError(error: unknown, timeoutMs?: number): string {
  // By name, not instanceof: an abort reason is a DOMException, from whichever realm made it.
  const name =
    error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string'
      ? (error as { name: string }).name
      : '';
  if (name === 'TimeoutError')
    return timeoutMs
      ? `no answer within ${Math.round(timeoutMs / 100) / 10}s`
      : 'no answer in time';
  if (name === 'AbortError' || name === 'CancelledError') return 'cancelled';
  const code = codeOf(error);
  if (code && CODES[code]) return CODES[code];
  if (code && /CERT|SSL|TLS/.test(code)) return `TLS error (${code})`;
  return code ? `network error (${code})` : 'network error';
}
