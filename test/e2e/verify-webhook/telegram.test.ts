import { afterEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { WEBHOOK_BOT_TOKEN } from '../../../sandbox/scenarios/webhook-common.js';
import { errors, SECRET, telegramInputs, verify } from './helpers.js';

let sandbox: Sandbox;
afterEach(() => sandbox?.close());
const start = async (scenario: Parameters<typeof startSandbox>[0]) => {
  sandbox = await startSandbox(scenario);
  return sandbox;
};
const bot = () => sandbox.state.telegram!.bots.get(WEBHOOK_BOT_TOKEN)!;

describe('verify-webhook: Telegram registration', () => {
  it('match: verified, without any setWebhook when no secret is given', async () => {
    await start('webhook-telegram');
    const { secret: _unused, ...inputs } = telegramInputs(sandbox);
    const run = await verify(sandbox, { ...inputs, probe: 'none' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'verified',
      'webhook-url': `${sandbox.url}/hooks/telegram`,
      'pending-update-count': '0',
      'last-error-message': '',
      'probe-result': 'skipped',
    });
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(run.summary).toContain('| Allowed updates | message, callback_query |');
    expect(run.summary).toContain('| IP address | 127.0.0.1 |');
  });

  it('mismatch without register: fails with the URL Telegram has, and changes nothing', async () => {
    await start('webhook-telegram-mismatch');
    const run = await verify(sandbox, { ...telegramInputs(sandbox), probe: 'none' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('mismatch');
    expect(run.outputs['webhook-url']).toBe('https://old-api.cbi.example.org/webhook/telegram');
    expect(errors(run).join('\n')).toContain(
      `the webhook points at https://old-api.cbi.example.org/webhook/telegram, expected ${sandbox.url}/hooks/telegram`,
    );
    expect(errors(run).join('\n')).toContain("Set 'register: true' to fix it.");
    expect(sandbox.calls.mutating()).toEqual([]);
  });

  it('mismatch fixed by register: setWebhook with url, secret and settings, then verified again', async () => {
    await start('webhook-telegram-mismatch');
    const run = await verify(sandbox, {
      ...telegramInputs(sandbox),
      register: 'true',
      'allowed-updates': 'message\ncallback_query',
      'max-connections': '20',
      'drop-pending-updates': 'true',
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'registered',
      'webhook-url': `${sandbox.url}/hooks/telegram`,
      'pending-update-count': '0',
      'probe-result': 'passed',
    });
    // the old URL's recent error is reported, not counted
    expect(run.outputs['last-error-message']).toBe('Connection timed out');
    expect(run.summary).toContain('before this run moved the webhook to the new URL');
    expect(
      sandbox.calls
        .all()
        .map((c) => c.operation)
        .filter((op) => op !== 'delivery'),
    ).toEqual(['getWebhookInfo', 'setWebhook', 'getWebhookInfo']);
    expect(sandbox.calls.of('setWebhook')[0]!.input).toEqual({
      url: `${sandbox.url}/hooks/telegram`,
      secret_token: '***',
      allowed_updates: ['message', 'callback_query'],
      max_connections: 20,
      drop_pending_updates: true,
    });
    expect(bot().webhook).toMatchObject({
      url: `${sandbox.url}/hooks/telegram`,
      secretToken: SECRET,
    });
  });

  it.each(['reject', 'full', 'none'])(
    'register with a secret the endpoint does not hold (probe %s): failed, the secret named first, no setWebhook',
    async (probe) => {
      await start('webhook-telegram-mismatch');
      const before = { ...bot().webhook };
      const run = await verify(sandbox, {
        ...telegramInputs(sandbox),
        secret: 'a-secret-the-endpoint-does-not-hold',
        register: 'true',
        probe,
      });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('failed');
      expect(errors(run)[0]).toMatch(
        /^The endpoint refused an update carrying the secret token from 'secret' \(HTTP 401\): the endpoint does not hold the secret token given in 'secret'.*setWebhook was not called, so Telegram's registration is unchanged \(the webhook points at https:\/\/old-api/,
      );
      expect(sandbox.calls.count('setWebhook')).toBe(0);
      expect(sandbox.calls.mutating()).toEqual([]);
      expect(bot().webhook).toEqual(before);
      expect(run.outputs['webhook-url']).toBe('https://old-api.cbi.example.org/webhook/telegram');
      expect(run.summary).toContain('Webhook verification: failed');
      expect(run.summary).toContain('setWebhook not called');
    },
  );

  it('register with a secret calls setWebhook even when everything else matches', async () => {
    await start('webhook-telegram');
    bot().webhook.secretToken = 'an-older-secret';
    const run = await verify(sandbox, { ...telegramInputs(sandbox), register: 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('registered');
    expect(sandbox.calls.count('setWebhook')).toBe(1);
    expect(bot().webhook.secretToken).toBe(SECRET);
  });

  it('a stale delivery error is reported but ignored', async () => {
    await start('webhook-telegram-stale-error');
    const run = await verify(sandbox, telegramInputs(sandbox));
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('verified');
    expect(run.outputs['last-error-message']).toBe(
      'Wrong response from the webhook: 502 Bad Gateway',
    );
    expect(run.summary).toMatch(
      /502 Bad Gateway \(2h ago; ignored: older than 'error-window-seconds' \(5m\)\)/,
    );
  });

  it('a fresh delivery error fails', async () => {
    await start('webhook-telegram-fresh-error');
    const run = await verify(sandbox, telegramInputs(sandbox));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('unhealthy');
    expect(run.outputs['pending-update-count']).toBe('3');
    expect(errors(run)[0]).toMatch(
      /^Telegram reports a delivery error \d+s ago, within 'error-window-seconds' \(5m\): Wrong response from the webhook: 500 Internal Server Error$/,
    );
    // the same error outside a shorter window is ignored
    const narrow = await verify(sandbox, {
      ...telegramInputs(sandbox),
      'error-window-seconds': '5',
    });
    expect(narrow.exitCode).toBe(0);
  });

  it('a backlog above max-pending-updates fails', async () => {
    await start('webhook-telegram-backlog');
    const run = await verify(sandbox, telegramInputs(sandbox));
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'unhealthy', 'pending-update-count': '250' });
    expect(errors(run)[0]).toMatch(
      /^250 updates are waiting for delivery, more than 'max-pending-updates' \(100\)/,
    );
    const relaxed = await verify(sandbox, {
      ...telegramInputs(sandbox),
      'max-pending-updates': '500',
    });
    expect(relaxed.exitCode).toBe(0);
  });

  it('429: honours retry_after, then succeeds', async () => {
    await start('webhook-telegram');
    sandbox.faults.add({
      service: 'telegram',
      operation: 'getWebhookInfo',
      kind: 'throttle',
      times: 1,
    });
    sandbox.faults.add({
      service: 'telegram',
      operation: 'setWebhook',
      kind: 'throttle',
      times: 1,
    });
    const run = await verify(sandbox, { ...telegramInputs(sandbox), register: 'true' });
    expect(run.exitCode).toBe(0);
    const calls = sandbox.calls.all().filter((c) => c.service === 'telegram');
    expect(calls.map((c) => `${c.operation} ${c.status}`)).toEqual([
      'getWebhookInfo 429',
      'getWebhookInfo 200',
      'setWebhook 429',
      'setWebhook 200',
      'getWebhookInfo 200',
    ]);
    // retry_after is 1 s: the retry cannot come sooner
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    expect(run.stdout).toContain('rate limited (429), retry after 1s');
  });

  it('5xx and a dropped connection from the Bot API are retried', async () => {
    await start('webhook-telegram');
    sandbox.faults.add({ service: 'telegram', operation: 'getWebhookInfo', kind: 'server-error' });
    sandbox.faults.add({
      service: 'telegram',
      operation: 'getWebhookInfo',
      kind: 'drop-before-apply',
    });
    const run = await verify(sandbox, telegramInputs(sandbox));
    expect(run.exitCode).toBe(0);
    expect(sandbox.calls.of('getWebhookInfo').map((c) => c.status)).toEqual([500, 0, 200]);
  });

  it('a wrong bot token fails with one clear line and no mutating call', async () => {
    await start('webhook-telegram');
    const wrong = '7000000002:AAHwrongTokenWrongTokenWrongToken';
    const run = await verify(sandbox, {
      ...telegramInputs(sandbox),
      'telegram-bot-token': wrong,
      register: 'true',
    });
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toEqual([
      "Telegram refused the bot token (401 Unauthorized): check 'telegram-bot-token' and 'telegram-api-url'.",
    ]);
    expect(run.outputs.status).toBe('failed');
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(sandbox.calls.count('delivery')).toBe(0);
  });
});
