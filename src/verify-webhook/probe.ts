/**
 * Sends the probe deliveries and retries them with backoff while the endpoint warms up, until the
 * deadline. A forged delivery that is accepted ends the probing at once. Response bodies are
 * read and discarded unseen: an endpoint may echo what it was sent.
 */
import { backoffDelay, type BackoffPolicy } from '../lib/backoff.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import type { Delivery } from './deliveries.js';
import { describeNetworkError } from './http.js';
import { describeAnswer, judgeAnswer, type Answer, type ProbeRecord } from './probe-verdict.js';

export type Send = (url: string, delivery: Delivery, signal?: AbortSignal) => Promise<Answer>;

export interface ProbeOptions {
  url: string;
  deliveries: readonly Delivery[];
  rejectStatus: readonly number[];
  /** Absolute time (per `clock`) after which no new attempt starts. */
  deadline: number;
  backoff: BackoffPolicy;
  signal?: AbortSignal;
  send?: Send;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  log?: (line: string) => void;
}

/** Longest a single delivery may take before it counts as unanswered. */
export const REQUEST_TIMEOUT_MS = 10_000;

export const fetchSend: Send = async (url, delivery, signal) => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    return { unreachable: describeNetworkError(error, REQUEST_TIMEOUT_MS) };
  }
};

export async function runProbes(options: ProbeOptions): Promise<ProbeRecord[]> {
  const send = options.send ?? fetchSend;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const log = options.log ?? (() => undefined);
  const records: ProbeRecord[] = options.deliveries.map((delivery) => ({
    delivery: { name: delivery.name, description: delivery.description, expect: delivery.expect },
    verdict: 'not-sent',
    attempts: 0,
  }));
  for (let round = 1; ; round++) {
    for (const [index, delivery] of options.deliveries.entries()) {
      const record = records[index]!;
      if (record.verdict === 'passed') continue;
      if (options.signal?.aborted) return records;
      const answer = await send(options.url, delivery, options.signal);
      record.answer = answer;
      record.attempts += 1;
      record.verdict = judgeAnswer(delivery.expect, answer, options.rejectStatus);
      log(
        `${delivery.expect === 'reject' ? 'Forged' : 'Signed'} delivery (${delivery.description}): ${describeAnswer(answer)} -> ${record.verdict}`,
      );
      if (record.verdict === 'insecure') return records;
    }
    if (records.every((r) => r.verdict === 'passed')) return records;
    const remaining = options.deadline - clock();
    if (remaining <= 0 || options.signal?.aborted) return records;
    const delay = Math.min(remaining, backoffDelay(round, options.backoff, options.random));
    log(`Endpoint not verified yet; retrying in ${(delay / 1000).toFixed(1)}s.`);
    await sleep(delay, options.signal);
  }
}
