import { describe, expect, it } from '@jest/globals';
import {
  describeStatuses,
  isFinal,
  judgeAnswer,
  probeProblem,
  probeResult,
  type ProbeRecord,
} from '../../../src/verify-webhook/probe-verdict.js';

const reject = [401, 403];
const ctx = { provider: 'github', rejectStatus: reject } as const;

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
    ['accept', 401, 'refused'],
    ['accept', 400, 'refused'],
    ['accept', 302, 'refused'],
    ['accept', 429, 'not-ready'],
    ['accept', 500, 'not-ready'],
  ] as const)('%s answered %d is %s', (expect_, status, verdict) => {
    const name = expect_ === 'reject' ? 'unsigned' : 'signed';
    expect(judgeAnswer({ expect: expect_, name }, { status }, reject)).toBe(verdict);
  });
  it('the default 4xx counts 400 (octokit, Stripe) and 404 as refusals, not 5xx', () => {
    const fourxx = Array.from({ length: 100 }, (_, i) => 400 + i);
    const unsigned = { expect: 'reject', name: 'unsigned' } as const;
    expect(judgeAnswer(unsigned, { status: 400 }, fourxx)).toBe('passed');
    expect(judgeAnswer(unsigned, { status: 499 }, fourxx)).toBe('passed');
    expect(judgeAnswer(unsigned, { status: 500 }, fourxx)).toBe('not-ready');
    expect(judgeAnswer(unsigned, { status: 399 }, fourxx)).toBe('wrong-status');
  });
  it('a replay answered 2xx is its own finding', () => {
    expect(judgeAnswer({ expect: 'reject', name: 'replayed' }, { status: 200 }, reject)).toBe(
      'replayable',
    );
  });
  it('an unreachable endpoint is not ready', () => {
    expect(
      judgeAnswer(
        { expect: 'reject', name: 'unsigned' },
        { unreachable: 'connection refused' },
        reject,
      ),
    ).toBe('not-ready');
  });
  it('honours a custom reject-status', () => {
    const unsigned = { expect: 'reject', name: 'unsigned' } as const;
    expect(judgeAnswer(unsigned, { status: 400 }, [400])).toBe('passed');
    expect(judgeAnswer(unsigned, { status: 401 }, [400])).toBe('wrong-status');
  });
  it('isFinal: only not-ready (and not-sent) are asked again', () => {
    for (const v of ['passed', 'insecure', 'replayable', 'refused', 'wrong-status'] as const)
      expect(isFinal(v)).toBe(true);
    expect(isFinal('not-ready')).toBe(false);
    expect(isFinal('not-sent')).toBe(false);
  });
  it('describeStatuses writes classes and ranges as a person would', () => {
    const fourxx = Array.from({ length: 100 }, (_, i) => 400 + i);
    expect(describeStatuses(fourxx)).toBe('4xx');
    expect(describeStatuses([401, 403])).toBe('401 or 403');
    expect(describeStatuses([400, 401, 402, 403, 409])).toBe('400-403 or 409');
    expect(describeStatuses([...fourxx, 301, 503])).toBe('301, 4xx or 503');
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
  it('explains each failure, with the cause and the next step', () => {
    expect(probeProblem(record({}), ctx)).toBeUndefined();
    expect(probeProblem(record({ verdict: 'insecure', answer: { status: 200 } }), ctx)).toMatch(
      /accepted a forged delivery \(no signature\) with HTTP 200: it does not authenticate deliveries.* Fix the endpoint: verify X-Hub-Signature-256/,
    );
    expect(
      probeProblem(record({ verdict: 'wrong-status', answer: { status: 302 }, attempts: 1 }), ctx),
    ).toBe(
      "The endpoint answered the delivery with no signature with HTTP 302, not with a refusal (401 or 403, 'reject-status'). Redirects are not followed: point 'url' at the address the endpoint really serves.",
    );
    expect(
      probeProblem(
        record({
          delivery: { name: 'signed', description: "signed with 'secret'", expect: 'accept' },
          verdict: 'refused',
          answer: { status: 401 },
        }),
        ctx,
      ),
    ).toBe(
      "The endpoint refused a delivery signed with 'secret' (HTTP 401): the endpoint does not hold the signing secret given in 'secret' (or it refuses the probe's harmless payload). Set 'secret' to the one the endpoint verifies with, or deploy the endpoint with this one.",
    );
    expect(
      probeProblem(record({ verdict: 'not-ready', answer: { status: 503 }, attempts: 7 }), ctx),
    ).toMatch(/last answer HTTP 503 after 7 attempts.*'timeout-seconds'/);
  });

  it('a receiver that authenticates but accepts a replay is told exactly that', () => {
    const problem = probeProblem(
      record({
        delivery: {
          name: 'replayed',
          description: 'a replay: correctly signed, dated 10 minutes ago, repeating a message id',
          expect: 'reject',
        },
        verdict: 'replayable',
        answer: { status: 204 },
      }),
      { provider: 'svix', rejectStatus: reject },
    )!;
    expect(problem).toMatch(
      /accepted a replayed delivery .* it checks the signature but not its age/,
    );
    expect(problem).toMatch(/svix-timestamp/);
    expect(problem).not.toMatch(/does not authenticate/);
  });

  it('no message has the old typo', () => {
    const all = (['insecure', 'replayable', 'refused', 'not-ready', 'wrong-status'] as const).map(
      (verdict) => probeProblem(record({ verdict }), ctx),
    );
    expect(all.join('\n')).not.toMatch(/with signed/);
  });
});
