import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  planDeliveries,
  wrongSecretFor,
  type PlanInput,
} from '../../../src/verify-webhook/deliveries.js';
import { TELEGRAM_PROBE_UPDATE_ID } from '../../../src/verify-webhook/payloads.js';

const WHSEC = `whsec_${Buffer.from('a-standard-webhooks-test-key').toString('base64')}`;

const base: PlanInput = {
  provider: 'github',
  secret: 'real-secret',
  mode: 'reject',
  nowSeconds: 1_700_000_000,
  wrongSecret: 'wrong-secret-000',
  nonce: '6f1c1b7e-0000-4000-8000-000000000000',
};

describe('planDeliveries', () => {
  it('sends nothing for probe none', () => {
    expect(planDeliveries({ ...base, mode: 'none' })).toEqual([]);
  });

  it('reject: an unsigned and a wrongly signed GitHub ping, both expected to be rejected', () => {
    const plan = planDeliveries(base);
    expect(plan.map((d) => [d.name, d.expect])).toEqual([
      ['unsigned', 'reject'],
      ['wrong-secret', 'reject'],
    ]);
    expect(plan[0]!.headers['X-Hub-Signature-256']).toBeUndefined();
    expect(plan[0]!.headers['X-GitHub-Event']).toBe('ping');
    const body = plan[1]!.body;
    expect(plan[1]!.headers['X-Hub-Signature-256']).toBe(
      `sha256=${createHmac('sha256', 'wrong-secret-000').update(body).digest('hex')}`,
    );
  });

  it('full: adds a correctly signed delivery over the exact body it sends', () => {
    const plan = planDeliveries({ ...base, mode: 'full' });
    const signed = plan.find((d) => d.name === 'signed')!;
    expect(signed.expect).toBe('accept');
    expect(signed.headers['X-Hub-Signature-256']).toBe(
      `sha256=${createHmac('sha256', 'real-secret').update(signed.body).digest('hex')}`,
    );
    expect(JSON.parse(signed.body)).toMatchObject({ hook: { type: 'Repository' } });
  });

  it('Slack, Stripe, Standard Webhooks and Svix also send a correctly signed replay dated ten minutes back', () => {
    for (const provider of ['slack', 'stripe', 'standard-webhooks', 'svix'] as const) {
      const secrets =
        provider === 'standard-webhooks' || provider === 'svix'
          ? { secret: WHSEC, wrongSecret: wrongSecretFor(WHSEC, undefined, provider) }
          : {};
      const plan = planDeliveries({ ...base, ...secrets, provider, mode: 'full' });
      expect(plan.map((d) => d.name)).toEqual(['unsigned', 'wrong-secret', 'replayed', 'signed']);
      const replay = plan[2]!;
      expect(replay.expect).toBe('reject');
      const header = JSON.stringify(replay.headers);
      expect(header).toContain(String(base.nowSeconds - 600));
    }
    const slack = planDeliveries({ ...base, provider: 'slack', mode: 'full' });
    const signed = slack[3]!;
    expect(signed.headers['X-Slack-Signature']).toBe(
      `v0=${createHmac('sha256', 'real-secret').update(`v0:${base.nowSeconds}:${signed.body}`).digest('hex')}`,
    );
  });

  it('Telegram: the secret token header, and a harmless poll update with a tiny update_id and no chat', () => {
    const plan = planDeliveries({ ...base, provider: 'telegram', mode: 'full' });
    expect(plan.map((d) => d.name)).toEqual(['unsigned', 'wrong-secret', 'signed']);
    expect(plan[0]!.headers['X-Telegram-Bot-Api-Secret-Token']).toBeUndefined();
    expect(plan[1]!.headers['X-Telegram-Bot-Api-Secret-Token']).toBe('wrong-secret-000');
    expect(plan[2]!.headers['X-Telegram-Bot-Api-Secret-Token']).toBe('real-secret');
    const update = JSON.parse(plan[2]!.body);
    expect(update.update_id).toBe(TELEGRAM_PROBE_UPDATE_ID);
    expect(Object.keys(update)).toEqual(['update_id', 'poll']);
    expect(JSON.stringify(update)).not.toMatch(/chat|from/);
  });

  it('Telegram before setWebhook: the signed update is sent even with probe reject or none', () => {
    const telegram = { ...base, provider: 'telegram' as const, signed: true };
    expect(planDeliveries({ ...telegram, mode: 'reject' }).map((d) => d.name)).toEqual([
      'unsigned',
      'wrong-secret',
      'signed',
    ]);
    expect(planDeliveries({ ...telegram, mode: 'none' }).map((d) => d.name)).toEqual(['signed']);
  });

  it('Standard Webhooks: id, timestamp and v1 signature over id.timestamp.body with the decoded key; the replay repeats the signed id', () => {
    const plan = planDeliveries({
      ...base,
      provider: 'standard-webhooks',
      secret: WHSEC,
      wrongSecret: wrongSecretFor(WHSEC, undefined, 'standard-webhooks'),
      mode: 'full',
    });
    const [unsigned, wrong, replay, signed] = plan;
    expect(unsigned!.headers['webhook-signature']).toBeUndefined();
    const key = Buffer.from('a-standard-webhooks-test-key');
    const v1 = (id: string, ts: number, body: string) =>
      `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
    const id = signed!.headers['webhook-id']!;
    expect(signed!.headers['webhook-timestamp']).toBe(String(base.nowSeconds));
    expect(signed!.headers['webhook-signature']).toBe(v1(id, base.nowSeconds, signed!.body));
    expect(replay!.headers['webhook-id']).toBe(id);
    expect(replay!.headers['webhook-signature']).toBe(v1(id, base.nowSeconds - 600, signed!.body));
    expect(wrong!.headers['webhook-id']).not.toBe(id);
    expect(wrong!.headers['webhook-signature']).not.toBe(
      v1(wrong!.headers['webhook-id']!, base.nowSeconds, wrong!.body),
    );
    expect(JSON.parse(signed!.body)).toMatchObject({ type: 'verify_webhook.probe' });
  });

  it('Svix: the same scheme under svix-* headers', () => {
    const plan = planDeliveries({
      ...base,
      provider: 'svix',
      secret: WHSEC,
      wrongSecret: 'whsec_AAAA',
      mode: 'full',
    });
    expect(Object.keys(plan[3]!.headers)).toEqual(
      expect.arrayContaining(['svix-id', 'svix-timestamp', 'svix-signature']),
    );
  });

  it('Jira: X-Hub-Signature over a Jira-shaped body with its identifier header', () => {
    const plan = planDeliveries({ ...base, provider: 'jira', mode: 'full' });
    expect(plan.map((d) => d.name)).toEqual(['unsigned', 'wrong-secret', 'signed']);
    const signed = plan[2]!;
    expect(signed.headers['X-Hub-Signature']).toBe(
      `sha256=${createHmac('sha256', 'real-secret').update(signed.body).digest('hex')}`,
    );
    expect(signed.headers['X-Atlassian-Webhook-Identifier']).toBe(base.nonce);
    expect(JSON.parse(signed.body)).toMatchObject({ webhookEvent: expect.any(String) });
  });

  it('generic HMAC uses the configured header', () => {
    const plan = planDeliveries({
      ...base,
      provider: 'hmac',
      mode: 'full',
      hmac: { header: 'X-Jira-Signature', algorithm: 'sha256', prefix: 'sha256=', encoding: 'hex' },
    });
    expect(plan[2]!.headers['X-Jira-Signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});

describe('wrongSecretFor', () => {
  it('never returns the real secret, and keeps the whsec_ shape', () => {
    let calls = 0;
    const wrong = wrongSecretFor('abcdabcdabcdabcd', (n) =>
      Buffer.from((calls++ === 0 ? 'abcd' : 'ffff').repeat(n / 2), 'hex'),
    );
    expect(wrong).toBe('ffffffffffffffff');
    expect(wrongSecretFor('whsec_abc', (n) => Buffer.alloc(n, 0x01))).toBe(
      'whsec_0101010101010101',
    );
    const standard = wrongSecretFor(WHSEC, undefined, 'svix');
    expect(standard).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(standard).not.toBe(WHSEC);
  });
});
