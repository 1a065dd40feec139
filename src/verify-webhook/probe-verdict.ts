/**
 * Verdicts on one probe answer, as pure functions. A forged delivery answered 2xx means the
 * endpoint is insecure: that is final and never retried. 5xx, 408, 429 and an unreachable
 * endpoint mean the new deployment is not ready yet: retried until the deadline. Any other
 * answer is wrong, but may come from the old deployment still serving: also retried, and
 * reported as it is when time runs out.
 */
import type { Delivery } from './deliveries.js';

/** An HTTP status, or why there was none. */
export type Answer = { status: number } | { unreachable: string };

export type ProbeVerdict = 'passed' | 'insecure' | 'not-ready' | 'wrong-status';

export function judgeAnswer(
  expect: Delivery['expect'],
  answer: Answer,
  rejectStatus: readonly number[],
): ProbeVerdict {
  if ('unreachable' in answer) return 'not-ready';
  const { status } = answer;
  const ok = status >= 200 && status < 300;
  if (expect === 'reject') {
    if (rejectStatus.includes(status)) return 'passed';
    if (ok) return 'insecure';
  } else if (ok) {
    return 'passed';
  }
  if (status >= 500 || status === 408 || status === 429) return 'not-ready';
  return 'wrong-status';
}

export function describeAnswer(answer: Answer | undefined): string {
  if (!answer) return 'not sent';
  return 'unreachable' in answer ? answer.unreachable : `HTTP ${answer.status}`;
}

export interface ProbeRecord {
  delivery: Pick<Delivery, 'name' | 'description' | 'expect'>;
  verdict: ProbeVerdict | 'not-sent';
  answer?: Answer;
  attempts: number;
}

/** One line per failed probe, written for the person reading the failed run. */
export function probeProblem(
  record: ProbeRecord,
  rejectStatus: readonly number[],
): string | undefined {
  const { delivery, verdict, answer, attempts } = record;
  const got = describeAnswer(answer);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const expected = rejectStatus.join(' or ');
  switch (verdict) {
    case 'passed':
      return undefined;
    case 'insecure':
      return `The endpoint accepted a forged delivery (${delivery.description}) with ${got}: it does not authenticate deliveries, so anyone can send it updates.`;
    case 'not-ready':
      return `The endpoint was not ready for the delivery with ${delivery.description}: last answer ${got} after ${tries}; it never answered before 'timeout-seconds' ran out.`;
    case 'wrong-status':
      return delivery.expect === 'reject'
        ? `The delivery with ${delivery.description} got ${got} after ${tries}, expected ${expected} ('reject-status').`
        : `The correctly signed delivery got ${got} after ${tries}, expected 2xx: the endpoint's secret differs from 'secret', or it refuses the probe payload.`;
    case 'not-sent':
      return undefined;
  }
}

/** `probe-result`: passed, insecure, failed, unreachable or skipped. */
export function probeResult(
  records: readonly ProbeRecord[],
): 'passed' | 'insecure' | 'failed' | 'unreachable' | 'skipped' {
  if (records.length === 0) return 'skipped';
  if (records.some((r) => r.verdict === 'insecure')) return 'insecure';
  if (records.every((r) => r.verdict === 'passed')) return 'passed';
  const sent = records.filter((r) => r.verdict !== 'not-sent');
  if (
    sent.length > 0 &&
    sent.every((r) => r.verdict === 'passed' || (r.answer && 'unreachable' in r.answer))
  )
    return 'unreachable';
  return 'failed';
}
