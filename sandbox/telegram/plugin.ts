/**
 * The Telegram Bot API (`/bot<token>/<method>`): getMe, getWebhookInfo, setWebhook and
 * deleteWebhook, with the real envelope: `{ok: true, result, description?}` or
 * `{ok: false, error_code, description, parameters?: {retry_after}}`. A wrong token is 401
 * Unauthorized, an unknown method 404 Not Found, an injected throttle 429 with `retry_after`.
 * Parameters come as JSON, form fields or the query string, as the Bot API accepts them.
 */
import type {
  PluginContext,
  RequestIdentity,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from '../core/plugin.js';
import { ipFor, seedBot, telegramState, type StoredBot } from './state.js';

const PATH = /^\/bot([^/]+)\/([A-Za-z]+)$/;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

type Params = Record<string, unknown>;

function envelope(status: number, body: object): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
const ok = (result: unknown, description?: string) =>
  envelope(200, { ok: true, result, ...(description ? { description } : {}) });
const fail = (code: number, description: string, parameters?: object) =>
  envelope(code, {
    ok: false,
    error_code: code,
    description,
    ...(parameters ? { parameters } : {}),
  });

export function readParams(req: SandboxRequest): Params {
  const params: Params = Object.fromEntries(req.query.entries());
  const type = String(req.headers['content-type'] ?? '');
  const text = req.body.toString('utf8');
  if (text.trim() === '') return params;
  if (type.includes('application/json')) return { ...params, ...(JSON.parse(text) as Params) };
  if (type.includes('application/x-www-form-urlencoded'))
    return { ...params, ...Object.fromEntries(new URLSearchParams(text).entries()) };
  return params;
}

const bool = (v: unknown) => v === true || v === 'true' || v === 'True' || v === '1';

function list(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(String);
  const parsed: unknown = JSON.parse(String(v));
  return Array.isArray(parsed) ? parsed.map(String) : undefined;
}

function webhookUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Bad Request: bad webhook: Failed to resolve host: Name or service not known';
  }
  const loopback =
    parsed.hostname === 'localhost' ||
    parsed.hostname.startsWith('127.') ||
    parsed.hostname === '[::1]';
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return undefined;
  return 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook';
}

function setWebhook(bot: StoredBot, p: Params): SandboxResponse {
  const url = p.url === undefined ? '' : String(p.url);
  if (url === '') return deleteWebhook(bot, p);
  const problem = webhookUrlProblem(url);
  if (problem) return fail(400, problem);
  const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
  if (secret !== undefined && !SECRET_TOKEN.test(secret))
    return fail(400, 'Bad Request: secret token contains unallowed characters');
  const max = p.max_connections === undefined ? 40 : Number(p.max_connections);
  if (!Number.isInteger(max) || max < 1 || max > 100)
    return fail(400, 'Bad Request: bad webhook: max_connections must be between 1 and 100');
  let allowed: string[] | undefined;
  try {
    allowed = list(p.allowed_updates);
  } catch {
    return fail(400, "Bad Request: can't parse allowed updates JSON object");
  }
  const w = bot.webhook;
  const unchanged =
    w.url === url &&
    w.secretToken === secret &&
    w.maxConnections === max &&
    JSON.stringify(w.allowedUpdates ?? null) ===
      JSON.stringify(allowed ?? w.allowedUpdates ?? null) &&
    !bool(p.drop_pending_updates);
  w.url = url;
  w.ipAddress = ipFor(url);
  w.maxConnections = max;
  if (secret === undefined) delete w.secretToken;
  else w.secretToken = secret;
  if (allowed !== undefined) w.allowedUpdates = allowed;
  if (bool(p.drop_pending_updates)) w.pendingUpdateCount = 0;
  return ok(true, unchanged ? 'Webhook is already set' : 'Webhook was set');
}

function deleteWebhook(bot: StoredBot, p: Params): SandboxResponse {
  const w = bot.webhook;
  const had = w.url !== '';
  w.url = '';
  delete w.secretToken;
  delete w.ipAddress;
  if (bool(p.drop_pending_updates)) w.pendingUpdateCount = 0;
  return ok(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
}

/** getWebhookInfo's result: every field Telegram reports, never the secret token. */
export function webhookInfo(bot: StoredBot): Record<string, unknown> {
  const w = bot.webhook;
  return {
    url: w.url,
    has_custom_certificate: w.hasCustomCertificate,
    pending_update_count: w.pendingUpdateCount,
    ...(w.ipAddress && w.url ? { ip_address: w.ipAddress } : {}),
    ...(w.lastErrorDate !== undefined
      ? { last_error_date: w.lastErrorDate, last_error_message: w.lastErrorMessage }
      : {}),
    ...(w.lastSynchronizationErrorDate !== undefined
      ? { last_synchronization_error_date: w.lastSynchronizationErrorDate }
      : {}),
    ...(w.url ? { max_connections: w.maxConnections } : {}),
    ...(w.url && w.allowedUpdates ? { allowed_updates: w.allowedUpdates } : {}),
  };
}

export function telegramPlugin(): SandboxPlugin {
  let context: PluginContext | undefined;
  return {
    name: 'telegram',
    match: (req) => PATH.test(req.path),
    async start(ctx) {
      context = ctx;
      const state = telegramState(ctx);
      state.retryAfterSeconds = ctx.scenario.telegram?.retryAfterSeconds ?? 1;
      for (const seed of ctx.scenario.telegram?.bots ?? []) seedBot(ctx, seed);
    },
    identify(req): RequestIdentity {
      const method = PATH.exec(req.path)?.[2] ?? req.path;
      let input: Params = {};
      try {
        input = readParams(req);
      } catch {
        input = {};
      }
      // the call log is printed by the sandbox CLI: keep the secret token out of it
      if (input.secret_token !== undefined) input = { ...input, secret_token: '***' };
      return { service: 'telegram', operation: method, input };
    },
    faultResponse(error) {
      if (error.code === 'ThrottlingException') {
        const after = context ? telegramState(context).retryAfterSeconds : 1;
        return fail(429, `Too Many Requests: retry after ${after}`, { retry_after: after });
      }
      return error.status === 503 ? fail(502, 'Bad Gateway') : fail(500, 'Internal Server Error');
    },
    async handle(req, ctx) {
      const [, token = '', method = ''] = PATH.exec(req.path) ?? [];
      const bot = telegramState(ctx).bots.get(decodeURIComponent(token));
      if (!bot) return fail(401, 'Unauthorized');
      let params: Params;
      try {
        params = readParams(req);
      } catch {
        return fail(400, "Bad Request: can't parse JSON object");
      }
      switch (method) {
        case 'getMe':
          return ok({
            id: bot.id,
            is_bot: true,
            first_name: 'Sandbox bot',
            username: bot.username,
          });
        case 'getWebhookInfo':
          return ok(webhookInfo(bot));
        case 'setWebhook':
          return setWebhook(bot, params);
        case 'deleteWebhook':
          return deleteWebhook(bot, params);
        default:
          return fail(404, 'Not Found');
      }
    },
  };
}
