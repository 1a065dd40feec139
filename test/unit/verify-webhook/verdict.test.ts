import { describe, expect, it } from '@jest/globals';
import type { ProbeRecord } from '../../../src/verify-webhook/probe-verdict.js';
import type { TelegramReport } from '../../../src/verify-webhook/telegram-check.js';
import { judge } from '../../../src/verify-webhook/verdict.js';

const telegram = (over: Partial<TelegramReport> = {}): TelegramReport => ({
  info: { url: 'https://x', has_custom_certificate: false, pending_update_count: 0 },
  reasons: [],
  registered: false,
  differences: [],
  health: { problems: [], warnings: [] },
  phases: [],
  ...over,
});
const probe = (verdict: ProbeRecord['verdict'], status: number): ProbeRecord => ({
  delivery: { name: 'unsigned', description: 'no secret token', expect: 'reject' },
  verdict,
  answer: { status },
  attempts: 1,
});
const R = { provider: 'telegram', rejectStatus: [401, 403] } as const;

describe('judge', () => {
  it('verified when everything passes, registered when setWebhook was called', () => {
    expect(judge(telegram(), [probe('passed', 401)], R)).toEqual({
      status: 'verified',
      problems: [],
    });
    expect(judge(telegram({ registered: true, reasons: ['x'] }), [], R).status).toBe('registered');
    expect(judge(undefined, [probe('passed', 403)], R).status).toBe('verified');
  });
  it('mismatch without register, with a hint', () => {
    const v = judge(
      telegram({ differences: ['the webhook points at https://old, expected https://x'] }),
      [],
      R,
    );
    expect(v.status).toBe('mismatch');
    expect(v.problems[0]).toMatch(/points at https:\/\/old.*Set 'register: true' to fix it\./);
  });
  it('unhealthy on a fresh error or backlog', () => {
    expect(judge(telegram({ health: { problems: ['backlog'], warnings: [] } }), [], R)).toEqual({
      status: 'unhealthy',
      problems: ['backlog'],
    });
  });
  it('insecure outranks everything, and its problem comes first', () => {
    const v = judge(
      telegram({ differences: ['d'], health: { problems: ['backlog'], warnings: [] } }),
      [probe('wrong-status', 400), probe('insecure', 200)],
      R,
    );
    expect(v.status).toBe('insecure');
    expect(v.problems[0]).toMatch(/accepted a forged delivery/);
    expect(v.problems).toHaveLength(4);
  });
  it('a refused signed update names the secret first, with status failed, even when the URL differs', () => {
    const signed: ProbeRecord = {
      delivery: { name: 'signed', description: "the secret token from 'secret'", expect: 'accept' },
      verdict: 'refused',
      answer: { status: 401 },
      attempts: 1,
    };
    const v = judge(
      telegram({
        differences: ['the webhook points at https://old, expected https://x'],
        registrationSkipped:
          "the endpoint refused an update carrying the secret token from 'secret'",
      }),
      [probe('passed', 401), signed],
      R,
    );
    expect(v.status).toBe('failed');
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0]).toMatch(
      /^The endpoint refused an update carrying the secret token from 'secret' \(HTTP 401\): the endpoint does not hold the secret token given in 'secret'.* setWebhook was not called, so Telegram's registration is unchanged \(the webhook points at https:\/\/old/,
    );
  });
  it('without register, a refused signed update and a mismatch are both reported, the cause first', () => {
    const signed: ProbeRecord = {
      delivery: { name: 'signed', description: "the secret token from 'secret'", expect: 'accept' },
      verdict: 'refused',
      answer: { status: 403 },
      attempts: 1,
    };
    const v = judge(
      telegram({ differences: ['the webhook points at https://old, expected https://x'] }),
      [signed],
      R,
    );
    expect(v.status).toBe('failed');
    expect(v.problems).toHaveLength(2);
    expect(v.problems[0]).toMatch(/^The endpoint refused an update/);
    expect(v.problems[0]).not.toMatch(/setWebhook/);
    expect(v.problems[1]).toMatch(/points at https:\/\/old.*Set 'register: true'/);
  });
  it('a replay accepted is insecure, with its own message', () => {
    const replay: ProbeRecord = {
      delivery: { name: 'replayed', description: 'a replay', expect: 'reject' },
      verdict: 'replayable',
      answer: { status: 200 },
      attempts: 1,
    };
    const v = judge(undefined, [probe('passed', 401), replay], { ...R, provider: 'stripe' });
    expect(v.status).toBe('insecure');
    expect(v.problems[0]).toMatch(/accepted a replayed delivery/);
  });
  it('failed on a wrong probe status alone', () => {
    expect(judge(undefined, [probe('wrong-status', 400)], R).status).toBe('failed');
  });
});
