import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  planDeliveries,
  wrongSecretFor,
  type PlanInput,
} from '../../../src/verify-webhook/deliveries.js';
import { TELEGRAM_PROBE_UPDATE_ID } from '../../../src/verify-webhook/payloads.js';

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

  it('Slack and Stripe also send a correctly signed replay dated ten minutes back', () => {
    for (const provider of ['slack', 'stripe'] as const) {
      const plan = planDeliveries({ ...base, provider, mode: 'full' });
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

  it('Telegram: the secret token header, and a harmless update with a tiny update_id', () => {
    const plan = planDeliveries({ ...base, provider: 'telegram', mode: 'full' });
    expect(plan.map((d) => d.name)).toEqual(['unsigned', 'wrong-secret', 'signed']);
    expect(plan[0]!.headers['X-Telegram-Bot-Api-Secret-Token']).toBeUndefined();
    expect(plan[1]!.headers['X-Telegram-Bot-Api-Secret-Token']).toBe('wrong-secret-000');
    expect(plan[2]!.headers['X-Telegram-Bot-Api-Secret-Token']).toBe('real-secret');
    expect(JSON.parse(plan[2]!.body).update_id).toBe(TELEGRAM_PROBE_UPDATE_ID);
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
    const wrong = wrongSecretFor('abcdabcdabcdabcd', () =>
      calls++ === 0 ? 'abcdabcdabcdabcd' : 'ffffffffffffffff',
    );
    expect(wrong).toBe('ffffffffffffffff');
    expect(wrongSecretFor('whsec_abc', () => '0123456789abcdef')).toBe('whsec_0123456789abcdef');
  });
});
