/**
 * A bounded `fetch` for the calls that are not AWS SDK calls (verify-webhook's deliveries and
 * Bot API calls). The timeout covers the whole exchange, the body included, and is built from an
 * AbortController and a timer this module holds until the exchange ends: never from
 * `AbortSignal.timeout` or `AbortSignal.any`, whose signals Node 20 can garbage-collect while
 * fetch still waits on them, so that the request then never times out.
 */
import { timedSignal, untilAborted } from './deadline.js';

export interface BoundedFetchOptions {
  /** Longest the whole exchange (connection, answer, body) may take. */
  timeoutMs: number;
  /** The action's cancellation or deadline signal. */
  signal?: AbortSignal;
  /** Read the body as text (up to `maxBodyBytes`); otherwise it is discarded. */
  readBody?: boolean;
  /** Longest body kept, in bytes (default 1 MiB); the rest is dropped unread. */
  maxBodyBytes?: number;
  fetch?: typeof fetch;
}

export interface BoundedAnswer {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body as text, when `readBody` was set. */
  body?: string;
}

/**
 * Sends one request and settles within `timeoutMs`: rejects with a `TimeoutError` when the
 * exchange takes longer, with the signal's reason when it aborts, or with fetch's own error.
 */
export async function fetchBounded(
  url: string,
  init: Omit<RequestInit, 'signal'>,
  options: BoundedFetchOptions,
): Promise<BoundedAnswer> {
  const bound = timedSignal(options.timeoutMs, options.signal);
  const doFetch = options.fetch ?? fetch;
  try {
    const exchange = (async (): Promise<BoundedAnswer> => {
      const response = await doFetch(url, { ...init, signal: bound.signal });
      const answer: BoundedAnswer = {
        status: response.status,
        ok: response.ok,
        headers: response.headers,
      };
      if (options.readBody) answer.body = await readText(response, options.maxBodyBytes);
      else await response.body?.cancel().catch(() => undefined);
      return answer;
    })();
    return await settleBy(exchange, bound.signal);
  } finally {
    bound.dispose();
  }
}

async function readText(response: Response, maxBytes = 1024 * 1024): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= maxBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/**
 * Rejects with the signal's reason when it aborts, whatever the exchange is doing; an error the
 * abort itself caused is reported as that reason.
 */
function settleBy<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return untilAborted(
    promise.catch((error: unknown) => {
      throw signal.aborted ? signal.reason : error;
    }),
    signal,
  );
}
