import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { addEndpoint } from '../../../sandbox/webhooks/plugin.js';
import {
  errors,
  SECRET,
  STANDARD_SECRET,
  STRIPE_SECRET,
  telegramInputs,
  verify,
} from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox('webhook-telegram');
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.calls.clear());

const hook = (name: string) => `${sandbox.url}/hooks/${name}`;
const received = (name: string) =>
  sandbox.state.webhooks!.deliveries.filter((d) => d.endpoint === name);

describe('verify-webhook: probes', () => {
  it('Telegram: rejects forged and accepts the signed delivery -> passes', async () => {
    const run = await verify(sandbox, { ...telegramInputs(sandbox), probe: 'full' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['probe-result']).toBe('passed');
    const last3 = received('telegram').slice(-3);
    expect(last3.map((d) => [d.authentic, d.status])).toEqual([
      [false, 401],
      [false, 401],
      [true, 200],
    ]);
    expect(JSON.parse(last3[2]!.body)).toMatchObject({
      update_id: 1,
      poll: { is_closed: true },
    });
    expect(run.summary).toContain('| no secret token | rejected | HTTP 401 | 1 | passed |');
  });

  it('an endpoint that accepts a forged delivery fails at once, and the webhook is not moved to it', async () => {
    const run = await verify(sandbox, {
      ...telegramInputs(sandbox, 'telegram-insecure'),
      register: 'true',
      probe: 'full',
      'timeout-seconds': '30',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'insecure', 'probe-result': 'insecure' });
    expect(sandbox.calls.count('delivery')).toBe(1);
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(errors(run).join('\n')).toContain(
      'setWebhook was not called: the endpoint failed its probe deliveries.',
    );
    expect(errors(run)[0]).toMatch(
      /^The endpoint accepted a forged delivery \(no secret token\) with HTTP 200: it does not authenticate deliveries, so anyone can send it updates\. Fix the endpoint: compare the X-Telegram-Bot-Api-Secret-Token header/,
    );
  });

  it('an endpoint warming up (503, then 401) passes within the timeout', async () => {
    const run = await verify(sandbox, {
      ...telegramInputs(sandbox, 'telegram-warming'),
      register: 'true',
      'timeout-seconds': '10',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['probe-result']).toBe('passed');
    // register with a secret: the signed update goes first, then setWebhook
    expect(received('telegram-warming').map((d) => d.status)).toEqual([
      503, 503, 503, 503, 401, 200, 401,
    ]);
    expect(run.stdout).toMatch(/HTTP 503 -> not-ready/);
  });

  it('an endpoint that stays down fails after the timeout with the last answer', async () => {
    addEndpoint(sandbox.context, 'down', {
      scheme: 'github',
      secret: SECRET,
      warmup: { requests: 1e9, status: 502 },
    });
    const run = await verify(sandbox, {
      provider: 'github',
      url: hook('down'),
      secret: SECRET,
      'timeout-seconds': '0.6',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'failed', 'probe-result': 'failed' });
    expect(errors(run)[0]).toMatch(
      /not ready for the delivery with no signature: last answer HTTP 502 after \d+ attempts/,
    );
  });

  it('connection refused is "not ready" and ends as unreachable', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const run = await verify(sandbox, {
      provider: 'github',
      url: `http://127.0.0.1:${port}/webhook`,
      secret: SECRET,
      'timeout-seconds': '0.5',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['probe-result']).toBe('unreachable');
    expect(errors(run)[0]).toMatch(/last answer connection refused/);
  });

  it('cancellation (SIGINT) while the endpoint warms up stops the step with a clear line', async () => {
    addEndpoint(sandbox.context, 'slow', {
      scheme: 'github',
      secret: SECRET,
      warmup: { requests: 1e9, status: 503 },
    });
    const run = await verify(
      sandbox,
      { provider: 'github', url: hook('slow'), secret: SECRET, 'timeout-seconds': '60' },
      undefined,
      { signals: [{ signal: 'SIGINT', afterMs: 1500 }] },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errors(run)).toEqual(['The run was cancelled before the webhook was verified.']);
  });

  it('GitHub-style: forged rejected, ping accepted', async () => {
    const run = await verify(sandbox, {
      provider: 'github',
      url: hook('github'),
      secret: SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      status: 'verified',
      'probe-result': 'passed',
      'webhook-url': hook('github'),
    });
    expect(run.outputs['pending-update-count'] ?? '').toBe('');
    const signed = received('github').at(-1)!;
    expect(signed.authentic).toBe(true);
    expect(JSON.parse(signed.body)).toMatchObject({ hook: { type: 'Repository' } });
  });

  it('GitHub-style: the wrong secret is caught by the signed delivery', async () => {
    const run = await verify(sandbox, {
      provider: 'github',
      url: hook('github'),
      secret: 'not-the-endpoint-secret-0000',
      probe: 'full',
      'timeout-seconds': '0.5',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errors(run)[0]).toBe(
      "The endpoint refused a delivery signed with 'secret' (HTTP 401): the endpoint does not hold the signing secret given in 'secret' (or it refuses the probe's harmless payload). Set 'secret' to the one the endpoint verifies with, or deploy the endpoint with this one.",
    );
  });

  it('a status outside reject-status fails at once (a definite answer is not retried), with a hint', async () => {
    const run = await verify(sandbox, {
      provider: 'github',
      url: hook('github-wrong-status'),
      secret: SECRET,
      'reject-status': '401,403',
      'timeout-seconds': '30',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errors(run)[0]).toBe(
      "The endpoint answered the delivery with no signature with HTTP 400, not with a refusal (401 or 403, 'reject-status'). If this status is how the endpoint refuses a delivery, add it to 'reject-status'; otherwise fix the endpoint to refuse it with 4xx.",
    );
    expect(sandbox.calls.count('delivery')).toBe(2);
    // the default, 4xx, counts the 400 as the refusal it is
    const allowed = await verify(sandbox, {
      provider: 'github',
      url: hook('github-wrong-status'),
      secret: SECRET,
    });
    expect(allowed.exitCode).toBe(0);
  });

  it('a 5xx is retried, a 4xx after it is final', async () => {
    addEndpoint(sandbox.context, 'warm-400', {
      scheme: 'github',
      secret: SECRET,
      rejectStatus: 400,
      warmup: { requests: 2, status: 502 },
    });
    const run = await verify(sandbox, {
      provider: 'github',
      url: hook('warm-400'),
      secret: SECRET,
      'timeout-seconds': '10',
    });
    expect(run.exitCode).toBe(0);
    expect(received('warm-400').map((d) => d.status)).toEqual([502, 502, 400, 400]);
  });

  it('Slack: forged, wrongly signed and replayed deliveries rejected, signed url_verification accepted', async () => {
    const run = await verify(sandbox, {
      provider: 'slack',
      url: hook('slack'),
      secret: SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(
      received('slack')
        .slice(-4)
        .map((d) => d.reason ?? 'ok'),
    ).toEqual(['no signature', 'signature mismatch', 'timestamp outside the tolerance', 'ok']);
  });

  it('Slack: an endpoint that ignores the timestamp accepts a replay -> insecure', async () => {
    const run = await verify(sandbox, {
      provider: 'slack',
      url: hook('slack-no-replay-check'),
      secret: SECRET,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('insecure');
    expect(errors(run)[0]).toMatch(
      /^The endpoint accepted a replayed delivery \(a replay: correctly signed, dated 10 minutes ago\) with HTTP 200: it checks the signature but not its age/,
    );
    expect(errors(run)[0]).not.toMatch(/does not authenticate/);
  });

  it('Stripe: t=,v1= signatures verified by the receiver', async () => {
    const run = await verify(sandbox, {
      provider: 'stripe',
      url: hook('stripe'),
      secret: STRIPE_SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(received('stripe').at(-1)).toMatchObject({ authentic: true, status: 200 });
  });

  it('Jira: X-Hub-Signature over a Jira-shaped body with X-Atlassian-Webhook-Identifier', async () => {
    const run = await verify(sandbox, {
      provider: 'jira',
      url: hook('jira'),
      secret: SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    const signed = received('jira').at(-1)!;
    expect(signed).toMatchObject({ authentic: true, status: 200 });
    expect(JSON.parse(signed.body)).toMatchObject({ webhookEvent: 'verify_webhook:probe' });
  });

  it.each(['standard-webhooks', 'svix'])(
    '%s: v1 signatures over id.timestamp.body; the replay refused',
    async (provider) => {
      const run = await verify(sandbox, {
        provider,
        url: hook(provider),
        secret: STANDARD_SECRET,
        probe: 'full',
      });
      expect(run.exitCode).toBe(0);
      expect(
        received(provider)
          .slice(-4)
          .map((d) => d.reason ?? 'ok'),
      ).toEqual([
        'missing required headers',
        'no matching signature',
        'timestamp outside the tolerance',
        'ok',
      ]);
    },
  );

  it('svix: a receiver without the timestamp check is reported as accepting replays', async () => {
    const run = await verify(sandbox, {
      provider: 'svix',
      url: hook('svix-no-replay-check'),
      secret: STANDARD_SECRET,
    });
    expect(run.outputs.status).toBe('insecure');
    expect(errors(run)[0]).toMatch(/^The endpoint accepted a replayed delivery/);
  });

  it('generic HMAC (a Jira-style X-Hub-Signature)', async () => {
    const run = await verify(sandbox, {
      provider: 'hmac',
      url: hook('jira-hmac'),
      secret: SECRET,
      'hmac-header': 'X-Hub-Signature',
      'hmac-prefix': 'sha256=',
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(received('jira-hmac').at(-1)).toMatchObject({ authentic: true });
  });
});
