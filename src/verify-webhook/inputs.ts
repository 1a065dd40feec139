/**
 * The inputs of verify-webhook, read and validated in one place before any request. Secrets are
 * masked the moment they are read, and no error message ever repeats them.
 */
import {
  booleanInput,
  choiceInput,
  listInput,
  numberInput,
  optionalInput,
  requiredInput,
  secondsInput,
} from '../lib/inputs.js';
import { inputError } from '../lib/errors.js';
import { maskSecret } from '../lib/mask.js';
import { PROBE_MODES, type ProbeMode } from './deliveries.js';
import { parseEndpointUrl } from './endpoint-url.js';
import {
  DIGEST_ENCODINGS,
  HMAC_ALGORITHMS,
  PROVIDERS,
  secretVariants,
  standardKey,
  type HmacScheme,
  type Provider,
} from './signing.js';

export interface TelegramInputs {
  token: string;
  apiUrl: string;
  register: boolean;
  allowedUpdates?: string[];
  maxConnections?: number;
  dropPendingUpdates?: boolean;
  maxPendingUpdates: number;
  errorWindowMs: number;
}

export interface Inputs {
  provider: Provider;
  url: string;
  secret?: string;
  telegram?: TelegramInputs;
  probe: ProbeMode;
  rejectStatus: number[];
  hmac?: HmacScheme;
  timeoutMs: number;
}

/** Telegram's rule for secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and -. */
const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const UPDATE_TYPE = /^[a-z][a-z_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads both secrets and masks them, before anything else can print them. */
export function readSecrets(): { secret?: string; token?: string } {
  const secret = optionalInput('secret');
  const token = optionalInput('telegram-bot-token');
  maskSecret(secret);
  maskSecret(token);
  return { ...(secret ? { secret } : {}), ...(token ? { token } : {}) };
}

const TELEGRAM_ONLY: string[] = [
  'telegram-bot-token',
  'allowed-updates',
  'max-connections',
  'drop-pending-updates',
];
const HMAC_ONLY = ['hmac-header', 'hmac-algorithm', 'hmac-prefix', 'hmac-encoding'] as const;

export function readInputs(secrets = readSecrets()): Inputs {
  requiredInput('provider');
  const provider = choiceInput('provider', PROVIDERS, 'telegram');
  // Kept as written: Telegram compares and stores the URL exactly as setWebhook was given it.
  const url = requiredInput('url');
  parseEndpointUrl('url', url);
  const { secret, token } = secrets;
  // The forms the provider derives from the secret (a whsec_ key's base64 and decoded bytes).
  if (secret !== undefined) for (const form of secretVariants(provider, secret)) maskSecret(form);
  const probe = choiceInput('probe', PROBE_MODES, 'reject');
  const rejectStatus = readRejectStatus();
  const timeoutMs = secondsInput('timeout-seconds', 120, 3600);

  if (probe !== 'none' && secret === undefined) {
    throw inputError(
      'secret',
      `is required when 'probe' is ${probe}: without it the endpoint cannot tell forged deliveries from real ones.`,
    );
  }
  if (provider === 'telegram' && secret !== undefined && !TELEGRAM_SECRET.test(secret)) {
    throw inputError(
      'secret',
      'must be 1-256 characters of A-Z, a-z, 0-9, _ and - for telegram (the secret_token rule).',
    );
  }

  if (
    (provider === 'standard-webhooks' || provider === 'svix') &&
    secret !== undefined &&
    standardKey(secret) === undefined
  ) {
    throw inputError(
      'secret',
      `must be the endpoint's signing secret for ${provider}: whsec_ followed by base64, as the provider shows it.`,
    );
  }

  const inputs: Inputs = { provider, url, probe, rejectStatus, timeoutMs };
  if (secret !== undefined) inputs.secret = secret;

  if (provider === 'telegram') {
    inputs.telegram = readTelegram(token);
  } else {
    const given = TELEGRAM_ONLY.filter((name) => optionalInput(name) !== undefined);
    if (booleanInput('register', false)) given.unshift('register');
    if (given[0]) throw inputError(given[0], `applies to provider telegram only, not ${provider}.`);
  }
  if (provider === 'hmac') {
    inputs.hmac = readHmac();
  } else {
    for (const name of HMAC_ONLY)
      if (optionalInput(name) !== undefined)
        throw inputError(name, `applies to provider hmac only, not ${provider}.`);
  }
  return inputs;
}

/**
 * `reject-status`: statuses (401), ranges (400-403) and classes (4xx), listed; the default 4xx
 * is 400-499. Only 300-599: a 2xx is an acceptance, never a refusal.
 */
export function parseRejectStatus(items: readonly string[]): number[] {
  const statuses = new Set<number>();
  const bad = (item: string) =>
    inputError(
      'reject-status',
      `must list HTTP statuses, ranges or classes from 300 to 599 (such as 4xx, 401, 400-403), got '${item}'.`,
    );
  for (const item of items.length === 0 ? ['4xx'] : items) {
    const lower = item.toLowerCase();
    let from: number;
    let to: number;
    if (/^[3-5]xx$/.test(lower)) {
      from = Number(lower[0]) * 100;
      to = from + 99;
    } else if (/^\d{3}\s*-\s*\d{3}$/.test(lower)) {
      [from, to] = lower.split('-').map((part) => Number(part.trim())) as [number, number];
    } else if (/^\d{3}$/.test(lower)) {
      from = to = Number(lower);
    } else {
      throw bad(item);
    }
    if (from < 300 || to > 599 || from > to) throw bad(item);
    for (let status = from; status <= to; status++) statuses.add(status);
  }
  return [...statuses].sort((a, b) => a - b);
}

function readRejectStatus(): number[] {
  return parseRejectStatus(listInput('reject-status'));
}

function readTelegram(token: string | undefined): TelegramInputs {
  if (token === undefined)
    throw inputError('telegram-bot-token', 'is required for provider telegram.');
  if (!BOT_TOKEN.test(token))
    throw inputError('telegram-bot-token', "is not a bot token (expected '<bot id>:<secret>').");
  const apiUrl = parseEndpointUrl(
    'telegram-api-url',
    optionalInput('telegram-api-url') ?? 'https://api.telegram.org',
  ).href;
  const telegram: TelegramInputs = {
    token,
    apiUrl,
    register: booleanInput('register', false),
    maxPendingUpdates: numberInput('max-pending-updates', 100, { min: 0, integer: true }),
    errorWindowMs: secondsInput('error-window-seconds', 300),
  };
  if (optionalInput('allowed-updates') !== undefined) {
    const updates = listInput('allowed-updates');
    for (const update of updates)
      if (!UPDATE_TYPE.test(update))
        throw inputError(
          'allowed-updates',
          `lists '${update}', which is not an update type such as message or callback_query.`,
        );
    telegram.allowedUpdates = [...new Set(updates)];
  }
  if (optionalInput('max-connections') !== undefined)
    telegram.maxConnections = numberInput('max-connections', 40, {
      min: 1,
      max: 100,
      integer: true,
    });
  if (optionalInput('drop-pending-updates') !== undefined)
    telegram.dropPendingUpdates = booleanInput('drop-pending-updates', false);
  return telegram;
}

function readHmac(): HmacScheme {
  const header = optionalInput('hmac-header');
  if (header === undefined)
    throw inputError('hmac-header', 'is required for provider hmac (e.g. X-Signature).');
  if (!HEADER_NAME.test(header))
    throw inputError('hmac-header', `must be an HTTP header name, got '${header}'.`);
  return {
    header,
    algorithm: choiceInput('hmac-algorithm', HMAC_ALGORITHMS, 'sha256'),
    prefix: optionalInput('hmac-prefix') ?? '',
    encoding: choiceInput('hmac-encoding', DIGEST_ENCODINGS, 'hex'),
  };
}
