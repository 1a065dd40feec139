/**
 * A minimal Bot API client: getWebhookInfo and setWebhook over JSON POST. Honours a 429's
 * `parameters.retry_after`, retries 5xx and dropped connections a few times with backoff, and
 * never lets the request URL (which carries the bot token) into an error.
 */
import { backoffDelay } from '../lib/backoff.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import { ConfigurationError } from '../lib/errors.js';
import { fetchBounded } from '../lib/http.js';
import { describeNetworkError } from './http.js';

/** Longest one Bot API call may take, its answer included. */
const REQUEST_TIMEOUT_MS = 30_000;

/** getWebhookInfo's result (https://core.telegram.org/bots/api#webhookinfo). */
export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  ip_address?: string;
  last_error_date?: number;
  last_error_message?: string;
  last_synchronization_error_date?: number;
  max_connections?: number;
  allowed_updates?: string[];
}

export interface SetWebhookParams {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
  drop_pending_updates?: boolean;
}

interface Envelope<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export class TelegramApiError extends Error {
  override readonly name = 'TelegramApiError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface TelegramClientOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Retries of one call after 429, 5xx or a dropped connection. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this fails instead of waiting. */
  maxRetryAfterMs?: number;
  random?: () => number;
  log?: (line: string) => void;
  /** Longest one call may take, its answer included (30 s). */
  requestTimeoutMs?: number;
  /** Redacts secrets from text that came from the server. */
  redact?: (text: string) => string;
}

export class TelegramClient {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(
    apiUrl: string,
    private readonly token: string,
    private readonly options: TelegramClientOptions = {},
  ) {
    this.base = apiUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? realSleep;
  }

  getWebhookInfo(): Promise<WebhookInfo> {
    return this.call<WebhookInfo>('getWebhookInfo', {});
  }

  async setWebhook(params: SetWebhookParams): Promise<void> {
    const ok = await this.call<boolean>('setWebhook', params);
    if (ok !== true) throw new TelegramApiError('setWebhook did not confirm the new webhook.');
  }

  async call<T>(method: string, params: object): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 4;
    const redact = this.options.redact ?? ((text: string) => text);
    for (let attempt = 0; ; attempt++) {
      let retryIn: number;
      let why: string;
      let response: { ok: boolean; status: number; envelope: Envelope<T> | undefined };
      try {
        const answer = await fetchBounded(
          `${this.base}/bot${this.token}/${method}`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(params),
            redirect: 'error',
          },
          {
            timeoutMs: this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
            readBody: true,
            fetch: this.fetch,
            ...(this.options.signal ? { signal: this.options.signal } : {}),
          },
        );
        response = {
          ok: answer.ok,
          status: answer.status,
          envelope: parseEnvelope<T>(answer.body),
        };
      } catch (error) {
        why = describeNetworkError(error, this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
        if (attempt >= maxRetries || this.options.signal?.aborted)
          throw new TelegramApiError(`Telegram ${method} failed: ${why}.`);
        retryIn = backoffDelay(attempt + 1, { baseMs: 500, capMs: 8_000 }, this.options.random);
        this.options.log?.(
          `Telegram ${method}: ${why}; retrying in ${(retryIn / 1000).toFixed(1)}s.`,
        );
        await this.sleep(retryIn, this.options.signal);
        continue;
      }
      const envelope = response.envelope;
      if (envelope?.ok === true && response.ok) return envelope.result as T;
      const status = envelope?.error_code ?? response.status;
      const description = redact(envelope?.description ?? `HTTP ${response.status}`);
      if (status === 401 || status === 404) {
        throw new ConfigurationError(
          `Telegram refused the bot token (${status} ${description}): check 'telegram-bot-token' and 'telegram-api-url'.`,
        );
      }
      const retryAfter = envelope?.parameters?.retry_after;
      if (status === 429) {
        retryIn = Math.max(0, (typeof retryAfter === 'number' ? retryAfter : 1) * 1000);
        if (retryIn > (this.options.maxRetryAfterMs ?? 60_000))
          throw new TelegramApiError(
            `Telegram ${method} is rate limited for ${retryIn / 1000}s; try again later.`,
            429,
          );
        why = `rate limited (429), retry after ${retryIn / 1000}s`;
      } else if (status >= 500) {
        retryIn = backoffDelay(attempt + 1, { baseMs: 500, capMs: 8_000 }, this.options.random);
        why = `${status} ${description}`;
      } else {
        throw new TelegramApiError(`Telegram ${method} failed: ${status} ${description}`, status);
      }
      if (attempt >= maxRetries || this.options.signal?.aborted)
        throw new TelegramApiError(`Telegram ${method} failed: ${why}.`, status);
      this.options.log?.(
        `Telegram ${method}: ${why}; retrying in ${(retryIn / 1000).toFixed(1)}s.`,
      );
      await this.sleep(retryIn, this.options.signal);
    }
  }
}

function parseEnvelope<T>(text: string | undefined): Envelope<T> | undefined {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed as Envelope<T>;
  } catch {
    // not JSON: a proxy's error page; described by the status alone
  }
  return undefined;
}
