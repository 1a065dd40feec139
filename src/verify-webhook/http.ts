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
  if (name === 'AbortError') return 'cancelled';
  const code = codeOf(error);
  if (code && CODES[code]) return CODES[code];
  if (code && /CERT|SSL|TLS/.test(code)) return `TLS error (${code})`;
  return code ? `network error (${code})` : 'network error';
}

/**
 * `fetch` bounded by `timeoutMs` for the whole exchange, the answer's body included (`read` runs
 * inside the bound), and by `signal`. The timeout is a plain timer on our own AbortController,
 * cleared in `finally`: Node 20's fetch can lose an `AbortSignal.any` or `AbortSignal.timeout`
 * signal to garbage collection, and a request that lost its timeout never ends.
 */
export async function boundedFetch<T>(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The request timed out.', 'TimeoutError')),
    options.timeoutMs,
  );
  const outer = options.signal;
  const onAbort = () => controller.abort(new DOMException('The run was cancelled.', 'AbortError'));
  if (outer?.aborted) onAbort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    return await read(response);
  } catch (error) {
    // An abort surfaces as the reason we gave, or as a generic AbortError: name it by its cause.
    if (controller.signal.aborted && controller.signal.reason !== undefined)
      throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
}
