import { describe, expect, it } from '@jest/globals';
import {
  judgeAnswer,
  probeProblem,
  probeResult,
  type ProbeRecord,
} from '../../../src/verify-webhook/probe-verdict.js';

const reject = [401, 403];

describe('judgeAnswer', () => {
  it.each([
    ['reject', 401, 'passed'],
    ['reject', 403, 'passed'],
    ['reject', 200, 'insecure'],
    ['reject', 204, 'insecure'],
    ['reject', 503, 'not-ready'],
    ['reject', 502, 'not-ready'],
    ['reject', 429, 'not-ready'],
    ['reject', 400, 'wrong-status'],
    ['reject', 404, 'wrong-status'],
    ['reject', 301, 'wrong-status'],
    ['accept', 200, 'passed'],
    ['accept', 202, 'passed'],
    ['accept', 401, 'wrong-status'],
    ['accept', 500, 'not-ready'],
  ] as const)('%s answered %d is %s', (expect_, status, verdict) => {
    expect(judgeAnswer(expect_, { status }, reject)).toBe(verdict);
  });
  it('an unreachable endpoint is not ready', () => {
    expect(judgeAnswer('reject', { unreachable: 'connection refused' }, reject)).toBe('not-ready');
  });
  it('honours a custom reject-status', () => {
    expect(judgeAnswer('reject', { status: 400 }, [400])).toBe('passed');
    expect(judgeAnswer('reject', { status: 401 }, [400])).toBe('wrong-status');
  });
});

const record = (over: Partial<ProbeRecord>): ProbeRecord => ({
  delivery: { name: 'unsigned', description: 'no signature', expect: 'reject' },
  verdict: 'passed',
  attempts: 1,
  answer: { status: 401 },
  ...over,
});

describe('probeResult and problems', () => {
  it('summarises records in one word', () => {
    expect(probeResult([])).toBe('skipped');
    expect(probeResult([record({})])).toBe('passed');
    expect(
      probeResult([record({}), record({ verdict: 'insecure', answer: { status: 200 } })]),
    ).toBe('insecure');
    expect(probeResult([record({ verdict: 'wrong-status', answer: { status: 400 } })])).toBe(
      'failed',
    );
    expect(
      probeResult([
        record({ verdict: 'not-ready', answer: { unreachable: 'connection refused' } }),
      ]),
    ).toBe('unreachable');
  });
  it('explains each failure', () => {
    expect(probeProblem(record({}), reject)).toBeUndefined();
    expect(probeProblem(record({ verdict: 'insecure', answer: { status: 200 } }), reject)).toMatch(
      /accepted a forged delivery \(no signature\) with HTTP 200/,
    );
    expect(
      probeProblem(
        record({ verdict: 'wrong-status', answer: { status: 400 }, attempts: 3 }),
        reject,
      ),
    ).toBe(
      "The delivery with no signature got HTTP 400 after 3 attempts, expected 401 or 403 ('reject-status').",
    );
    expect(
      probeProblem(
        record({
          delivery: { name: 'signed', description: 'correctly signed', expect: 'accept' },
          verdict: 'wrong-status',
          answer: { status: 401 },
        }),
        reject,
      ),
    ).toMatch(/secret differs from 'secret'/);
    expect(
      probeProblem(record({ verdict: 'not-ready', answer: { status: 503 }, attempts: 7 }), reject),
    ).toMatch(/last answer HTTP 503 after 7 attempts/);
  });
});
