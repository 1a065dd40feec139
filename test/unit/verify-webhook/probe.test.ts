import { describe, expect, it } from '@jest/globals';
import type { Delivery } from '../../../src/verify-webhook/deliveries.js';
import { runProbes, type Send } from '../../../src/verify-webhook/probe.js';
import type { Answer } from '../../../src/verify-webhook/probe-verdict.js';

const delivery = (name: Delivery['name'], expect: Delivery['expect']): Delivery => ({
  name,
  description: name,
  expect,
  headers: {},
  body: '{}',
});
const forged = [delivery('unsigned', 'reject'), delivery('wrong-secret', 'reject')];
const full = [...forged, delivery('signed', 'accept')];

/** A fake endpoint scripted per delivery name; time advances only through sleep. */
function harness(script: (name: string, n: number) => Answer) {
  let now = 0;
  const counts = new Map<string, number>();
  const sent: string[] = [];
  const sleeps: number[] = [];
  const send: Send = async (_url, d) => {
    const n = (counts.get(d.name) ?? 0) + 1;
    counts.set(d.name, n);
    sent.push(d.name);
    return script(d.name, n);
  };
  return {
    sent,
    sleeps,
    options: {
      url: 'http://127.0.0.1/hooks/x',
      rejectStatus: [401, 403],
      deadline: 10_000,
      backoff: { baseMs: 500, capMs: 2_000 },
      send,
      clock: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
    },
  };
}

describe('runProbes', () => {
  it('passes at once against a correct endpoint', async () => {
    const h = harness((name) => ({ status: name === 'signed' ? 200 : 401 }));
    const records = await runProbes({ ...h.options, deliveries: full });
    expect(records.map((r) => r.verdict)).toEqual(['passed', 'passed', 'passed']);
    expect(h.sleeps).toEqual([]);
  });

  it('retries while the endpoint warms up (503, then refused), then passes', async () => {
    const h = harness((name, n) =>
      n === 1
        ? { status: 503 }
        : n === 2
          ? { unreachable: 'connection refused' }
          : { status: name === 'signed' ? 200 : 401 },
    );
    const records = await runProbes({ ...h.options, deliveries: full });
    expect(records.every((r) => r.verdict === 'passed')).toBe(true);
    expect(records.map((r) => r.attempts)).toEqual([3, 3, 3]);
    expect(h.sleeps.length).toBe(2);
  });

  it('stops at the first forged delivery that is accepted, without retrying it', async () => {
    const h = harness(() => ({ status: 200 }));
    const records = await runProbes({ ...h.options, deliveries: full });
    expect(records.map((r) => r.verdict)).toEqual(['insecure', 'not-sent', 'not-sent']);
    expect(h.sent).toEqual(['unsigned']);
    expect(h.sleeps).toEqual([]);
  });

  it('gives up at the deadline and keeps the last answer', async () => {
    const h = harness(() => ({ status: 503 }));
    const records = await runProbes({ ...h.options, deliveries: forged, deadline: 3_000 });
    expect(records.map((r) => r.verdict)).toEqual(['not-ready', 'not-ready']);
    expect(records[0]!.attempts).toBeGreaterThan(1);
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBe(3_000);
  });

  it('does not resend a delivery that already passed', async () => {
    const h = harness((name, n) =>
      name === 'unsigned' ? { status: 401 } : n < 3 ? { status: 502 } : { status: 403 },
    );
    await runProbes({ ...h.options, deliveries: forged });
    expect(h.sent.filter((n) => n === 'unsigned')).toHaveLength(1);
    expect(h.sent.filter((n) => n === 'wrong-secret')).toHaveLength(3);
  });

  it('a definite answer is final: a 400 refusal outside reject-status and a refused signed delivery are sent once', async () => {
    const h = harness((name) => ({ status: name === 'signed' ? 401 : 400 }));
    const records = await runProbes({ ...h.options, deliveries: full });
    expect(records.map((r) => r.verdict)).toEqual(['wrong-status', 'wrong-status', 'refused']);
    expect(records.map((r) => r.attempts)).toEqual([1, 1, 1]);
    expect(h.sleeps).toEqual([]);
  });

  it("with 4xx as reject-status, octokit's and Stripe's 400 pass in one round", async () => {
    const h = harness((name) => ({ status: name === 'signed' ? 200 : 400 }));
    const fourxx = Array.from({ length: 100 }, (_, i) => 400 + i);
    const records = await runProbes({ ...h.options, rejectStatus: fourxx, deliveries: full });
    expect(records.map((r) => r.verdict)).toEqual(['passed', 'passed', 'passed']);
    expect(h.sent).toHaveLength(3);
  });

  it('bounds each request by the time left, at least a second', async () => {
    const timeouts: (number | undefined)[] = [];
    const h = harness(() => ({ status: 503 }));
    const send: Send = async (url, d, signal, timeoutMs) => {
      timeouts.push(timeoutMs);
      return h.options.send(url, d, signal, timeoutMs);
    };
    await runProbes({ ...h.options, send, deliveries: forged, deadline: 20_000 });
    expect(timeouts[0]).toBe(10_000);
    expect(Math.min(...(timeouts as number[]))).toBe(1_000);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const h = harness(() => {
      controller.abort();
      return { status: 503 };
    });
    const records = await runProbes({
      ...h.options,
      deliveries: forged,
      signal: controller.signal,
    });
    expect(records[0]!.attempts).toBe(1);
    expect(records[1]!.verdict).toBe('not-sent');
  });
});
