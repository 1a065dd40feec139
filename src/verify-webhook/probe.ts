/**
 * Sends the probe deliveries and retries, with backoff until the deadline, only those whose answer
 * may still change while the endpoint warms up (no answer, 5xx, 408, 429). A definite refusal or
 * acceptance is final after one attempt; a forged delivery that is accepted ends the probing at
 * once. Every request is bounded by REQUEST_TIMEOUT_MS. Response bodies are discarded unseen: an
 * endpoint may echo what it was sent.
 */
import { backoffDelay, type BackoffPolicy } from '../lib/backoff.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import type { Delivery } from './deliveries.js';
import { fetchBounded } from '../lib/http.js';
import { describeNetworkError } from './http.js';
import {
  describeAnswer,
  isFinal,
  judgeAnswer,
  type Answer,
  type ProbeRecord,
} from './probe-verdict.js';

export type Send = (
  url: string,
  delivery: Delivery,
  signal?: AbortSignal,
  timeoutMs?: number,
) => Promise<Answer>;

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
  /** Longest one delivery may take (REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

/** Longest a single delivery may take before it counts as unanswered. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** A Send over fetch; each delivery is bounded by `timeoutMs` (REQUEST_TIMEOUT_MS by default). */
export function fetchSender(fetchImpl: typeof fetch = fetch): Send {
  return async (url, delivery, signal, timeoutMs = REQUEST_TIMEOUT_MS) => {
    try {
      const answer = await fetchBounded(
        url,
        { method: 'POST', headers: delivery.headers, body: delivery.body, redirect: 'manual' },
        { timeoutMs, ...(signal ? { signal } : {}), fetch: fetchImpl },
      );
      return { status: answer.status };
    } catch (error) {
      return { unreachable: describeNetworkError(error, timeoutMs) };
    }
  };
}

export const fetchSend: Send = fetchSender();

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
      if (isFinal(record.verdict)) continue;
      if (options.signal?.aborted) return records;
      // Bounded by the time left (at least a second, so each delivery is tried once).
      const timeoutMs = Math.min(
        options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
        Math.max(1_000, options.deadline - clock()),
      );
      const answer = await send(options.url, delivery, options.signal, timeoutMs);
      record.answer = answer;
      record.attempts += 1;
      record.verdict = judgeAnswer(delivery, answer, options.rejectStatus);
      log(
        `${delivery.expect === 'reject' ? 'Forged' : 'Signed'} delivery (${delivery.description}): ${describeAnswer(answer)} -> ${record.verdict}`,
      );
      if (record.verdict === 'insecure') return records;
    }
    if (records.every((r) => isFinal(r.verdict))) return records;
    const remaining = options.deadline - clock();
    if (remaining <= 0 || options.signal?.aborted) return records;
    const delay = Math.min(remaining, backoffDelay(round, options.backoff, options.random));
    log(`Endpoint not ready yet; retrying in ${(delay / 1000).toFixed(1)}s.`);
    await sleep(delay, options.signal);
  }
}
