import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readInputs, readSecrets } from '../../../src/verify-webhook/inputs.js';

const TOKEN = '123456:AAsecretTokenValue_-x';
const SECRET = 'hook-secret_0123456789';
const saved = { ...process.env };
let stdout: string[];

function given(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.toUpperCase()}`] = value;
}

const telegram = {
  provider: 'telegram',
  url: 'https://bot.example.com/webhook',
  secret: SECRET,
  'telegram-bot-token': TOKEN,
};

beforeEach(() => {
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...saved };
});

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected an error');
};

describe('readSecrets', () => {
  it('masks the token and the secret in their URL-encoded forms too', () => {
    given(telegram);
    readSecrets();
    // the runner un-escapes command data (%25 is %) before it masks the value
    const masks = stdout
      .filter((line) => line.startsWith('::add-mask::'))
      .join('')
      .replace(/%25/g, '%');
    expect(masks).toContain(`::add-mask::${TOKEN}`);
    expect(masks).toContain(`::add-mask::${encodeURIComponent(TOKEN)}`);
    expect(masks).toContain(`::add-mask::${SECRET}`);
  });
});

describe('readInputs', () => {
  it('reads a Telegram setup with defaults', () => {
    given({
      ...telegram,
      register: 'true',
      'allowed-updates': 'message, callback_query\nmessage',
      'max-connections': '10',
    });
    const inputs = readInputs();
    expect(inputs).toMatchObject({
      provider: 'telegram',
      url: 'https://bot.example.com/webhook',
      probe: 'reject',
      timeoutMs: 120_000,
      telegram: {
        token: TOKEN,
        apiUrl: 'https://api.telegram.org/',
        register: true,
        allowedUpdates: ['message', 'callback_query'],
        maxConnections: 10,
        maxPendingUpdates: 100,
        errorWindowMs: 300_000,
      },
    });
    expect(inputs.telegram?.dropPendingUpdates).toBeUndefined();
    // reject-status defaults to 4xx: 400-499
    expect(inputs.rejectStatus).toHaveLength(100);
    expect([inputs.rejectStatus[0], inputs.rejectStatus.at(-1)]).toEqual([400, 499]);
  });

  it('reject-status: codes, ranges and classes', () => {
    given({ ...telegram, 'reject-status': '401, 403-405\n3XX' });
    const statuses = readInputs().rejectStatus;
    expect(statuses).toContain(401);
    expect(statuses).toContain(404);
    expect(statuses).not.toContain(402);
    expect(statuses.filter((s) => s < 400)).toHaveLength(100);
  });

  it('reads a Standard Webhooks secret and masks its base64 key and decoded forms', () => {
    const key = Buffer.from('standard-webhooks-key-bytes');
    const secret = `whsec_${key.toString('base64')}`;
    given({ provider: 'standard-webhooks', url: 'https://x.example.com/', secret });
    expect(readInputs().provider).toBe('standard-webhooks');
    const masks = stdout.filter((line) => line.startsWith('::add-mask::')).join('');
    expect(masks).toContain(`::add-mask::${key.toString('base64')}`);
    expect(masks).toContain(`::add-mask::${key.toString('hex')}`);
    expect(masks).toContain(`::add-mask::${key.toString('base64url')}`);
  });

  it('keeps the URL exactly as written (Telegram compares it character for character)', () => {
    given({ ...telegram, url: 'https://Bot.Example.com' });
    expect(readInputs().url).toBe('https://Bot.Example.com');
  });

  it('reads a generic HMAC setup', () => {
    given({
      provider: 'hmac',
      url: 'https://jira-hooks.example.com/in',
      secret: SECRET,
      'hmac-header': 'X-Hub-Signature',
      'hmac-prefix': 'sha256=',
      probe: 'full',
      'reject-status': '401,403,400',
      'timeout-seconds': '0.5',
    });
    expect(readInputs()).toMatchObject({
      provider: 'hmac',
      probe: 'full',
      rejectStatus: [400, 401, 403],
      timeoutMs: 500,
      hmac: { header: 'X-Hub-Signature', algorithm: 'sha256', prefix: 'sha256=', encoding: 'hex' },
    });
  });

  it.each([
    [{ ...telegram, provider: '' }, "Input 'provider' is required but was not given."],
    [
      { ...telegram, provider: 'discord' },
      "Input 'provider' must be one of telegram, github, slack, stripe, standard-webhooks, svix, jira, hmac, got 'discord'.",
    ],
    [{ ...telegram, url: 'http://bot.example.com/webhook' }, "Input 'url' must use https"],
    [
      { ...telegram, 'telegram-bot-token': '' },
      "Input 'telegram-bot-token' is required for provider telegram.",
    ],
    [
      { ...telegram, 'telegram-api-url': 'http://api.example.com' },
      "Input 'telegram-api-url' must use https",
    ],
    [{ ...telegram, secret: '' }, "Input 'secret' is required when 'probe' is reject"],
    [{ ...telegram, secret: 'has spaces and !' }, "Input 'secret' must be 1-256 characters"],
    [
      { ...telegram, 'max-connections': '101' },
      "Input 'max-connections' must be at most 100, got 101.",
    ],
    [
      { ...telegram, 'max-pending-updates': '-1' },
      "Input 'max-pending-updates' must be at least 0",
    ],
    [
      { ...telegram, 'allowed-updates': 'message,Bogus!' },
      "Input 'allowed-updates' lists 'Bogus!'",
    ],
    [
      { ...telegram, 'error-window-seconds': 'soon' },
      "Input 'error-window-seconds' must be a number",
    ],
    [{ ...telegram, probe: 'all' }, "Input 'probe' must be one of none, reject, full, got 'all'."],
    [
      { ...telegram, 'reject-status': '401,200' },
      "Input 'reject-status' must list HTTP statuses, ranges or classes from 300 to 599 (such as 4xx, 401, 400-403), got '200'.",
    ],
    [
      { ...telegram, 'reject-status': '2xx' },
      "Input 'reject-status' must list HTTP statuses, ranges or classes",
    ],
    [
      { ...telegram, 'reject-status': '499-400' },
      "Input 'reject-status' must list HTTP statuses, ranges or classes",
    ],
    [
      { provider: 'svix', url: 'https://x.example.com/', secret: 'whsec_not base64!' },
      "Input 'secret' must be the endpoint's signing secret for svix: whsec_ followed by base64",
    ],
    [
      { provider: 'jira', url: 'https://x.example.com/', secret: SECRET, 'hmac-header': 'X' },
      "Input 'hmac-header' applies to provider hmac only, not jira.",
    ],
    [{ ...telegram, 'timeout-seconds': '0' }, "Input 'timeout-seconds' must be greater than 0"],
    [
      { provider: 'github', url: 'https://x.example.com/', secret: SECRET, register: 'true' },
      "Input 'register' applies to provider telegram only, not github.",
    ],
    [
      { provider: 'github', url: 'https://x.example.com/', secret: SECRET, 'hmac-header': 'X-Sig' },
      "Input 'hmac-header' applies to provider hmac only, not github.",
    ],
    [
      { provider: 'hmac', url: 'https://x.example.com/', secret: SECRET },
      "Input 'hmac-header' is required for provider hmac",
    ],
    [
      { provider: 'hmac', url: 'https://x.example.com/', secret: SECRET, 'hmac-header': 'X Sig' },
      "Input 'hmac-header' must be an HTTP header name",
    ],
    [
      {
        provider: 'hmac',
        url: 'https://x.example.com/',
        secret: SECRET,
        'hmac-header': 'X-Sig',
        'hmac-algorithm': 'md5',
      },
      "Input 'hmac-algorithm' must be one of sha256, sha1, sha512, got 'md5'.",
    ],
  ])('rejects bad input %#', (inputs, message) => {
    given(inputs as Record<string, string>);
    expect(errorOf(() => readInputs())).toContain(message);
  });

  it('never repeats the token or the secret in an error', () => {
    for (const inputs of [
      { ...telegram, 'telegram-bot-token': 'not-a-token-but-secret-looking' },
      { ...telegram, secret: 'bad secret with spaces' },
    ]) {
      given(inputs);
      const message = errorOf(() => readInputs());
      expect(message).not.toContain(inputs['telegram-bot-token']);
      expect(message).not.toContain(inputs.secret);
    }
  });

  it('allows probe none without a secret, and no register for other providers', () => {
    given({ ...telegram, secret: '', probe: 'none' });
    expect(readInputs().secret).toBeUndefined();
    given({ provider: 'slack', url: 'https://x.example.com/', secret: SECRET, register: 'false' });
    expect(readInputs().provider).toBe('slack');
  });
});
