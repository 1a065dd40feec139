import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { errors, runs, SECRET, telegramInputs, TOKEN, verify, expectNoSecret } from './helpers.js';

let sandbox: Sandbox;
const cases: [string, (s: Sandbox) => Record<string, string>, string][] = [];
beforeAll(async () => {
  sandbox = await startSandbox('webhook-telegram-mismatch');
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.calls.clear());

describe('verify-webhook: bad input', () => {
  cases.push(
    [
      'unknown provider',
      (s) => ({ ...telegramInputs(s), provider: 'discord' }),
      "Input 'provider' must be one of",
    ],
    [
      'plain http URL',
      (s) => ({ ...telegramInputs(s), register: 'true', url: 'http://bot.example.com/webhook' }),
      "Input 'url' must use https",
    ],
    [
      'missing bot token',
      (s) => ({ ...telegramInputs(s), register: 'true', 'telegram-bot-token': '' }),
      "Input 'telegram-bot-token' is required for provider telegram.",
    ],
    [
      'malformed bot token',
      (s) => ({ ...telegramInputs(s), register: 'true', 'telegram-bot-token': 'AAH-not-a-token' }),
      "Input 'telegram-bot-token' is not a bot token",
    ],
    [
      'secret with characters Telegram refuses',
      (s) => ({ ...telegramInputs(s), register: 'true', secret: 'p@ss word' }),
      "Input 'secret' must be 1-256 characters",
    ],
    [
      'max-connections out of range',
      (s) => ({ ...telegramInputs(s), register: 'true', 'max-connections': '0' }),
      "Input 'max-connections' must be at least 1",
    ],
    [
      'bad probe mode',
      (s) => ({ ...telegramInputs(s), register: 'true', probe: 'everything' }),
      "Input 'probe' must be one of none, reject, full",
    ],
    [
      '2xx in reject-status',
      (s) => ({ ...telegramInputs(s), register: 'true', 'reject-status': '200' }),
      "Input 'reject-status' must list HTTP statuses, ranges or classes from 300 to 599",
    ],
    [
      'bad timeout',
      (s) => ({ ...telegramInputs(s), register: 'true', 'timeout-seconds': 'ten' }),
      "Input 'timeout-seconds' must be a number",
    ],
    [
      'probe without secret',
      (s) => ({ ...telegramInputs(s), register: 'true', secret: '', probe: 'full' }),
      "Input 'secret' is required when 'probe' is full",
    ],
    [
      'hmac without header',
      (s) => ({ provider: 'hmac', url: `${s.url}/hooks/jira-hmac`, secret: SECRET }),
      "Input 'hmac-header' is required for provider hmac",
    ],
    [
      'register for github',
      (s) => ({
        provider: 'github',
        url: `${s.url}/hooks/github`,
        secret: SECRET,
        register: 'true',
      }),
      "Input 'register' applies to provider telegram only",
    ],
    [
      'svix secret that is not a whsec_ key',
      (s) => ({ provider: 'svix', url: `${s.url}/hooks/svix`, secret: 'plain-secret!' }),
      "Input 'secret' must be the endpoint's signing secret for svix: whsec_ followed by base64",
    ],
  );
  it.each(cases)('%s: one clear line, no call at all', async (_name, inputs, message) => {
    const run = await verify(sandbox, inputs(sandbox));
    expect(run.exitCode).toBe(1);
    expect(errors(run)).toHaveLength(1);
    expect(errors(run)[0]).toContain(message);
    expect(run.outputs.status).toBe('failed');
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(sandbox.calls.all()).toEqual([]);
  });
});

describe('verify-webhook: secrets', () => {
  it('masks the token and the secret, raw and URL-encoded, before any request', async () => {
    const run = await verify(sandbox, { ...telegramInputs(sandbox), register: 'true' });
    const masks = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('::add-mask::'))
      .map((line) => line.slice('::add-mask::'.length).replace(/%25/g, '%'));
    expect(masks).toEqual(expect.arrayContaining([TOKEN, encodeURIComponent(TOKEN), SECRET]));
    const firstRequestLine = run.stdout.indexOf('Telegram delivers to');
    expect(run.stdout.lastIndexOf('::add-mask::')).toBeLessThan(firstRequestLine);
  });

  it('never prints a token carried in the webhook URL itself', async () => {
    const url = `${sandbox.url}/hooks/telegram/${TOKEN}`;
    const run = await verify(sandbox, {
      ...telegramInputs(sandbox),
      url,
      register: 'true',
      probe: 'none',
    });
    expect(run.exitCode).toBe(0);
    expect(sandbox.state.telegram!.bots.get(TOKEN)!.webhook.url).toBe(url);
    expect(run.outputs['webhook-url']).toBe(`${sandbox.url}/hooks/telegram/***`);
  });

  it('the leak scan would notice a leak', () => {
    const leaky = { ...runs[0]!.result, summary: `token ${encodeURIComponent(TOKEN)}` };
    expect(() => expectNoSecret(leaky, [TOKEN])).toThrow();
  });

  it('no run in this file printed a secret in any form', () => {
    expect(runs.length).toBeGreaterThan(cases.length);
    for (const { result, secrets } of runs) expectNoSecret(result, secrets);
  });
});
