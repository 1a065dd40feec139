/**
 * Verdicts on one probe answer, as pure functions. A definite answer is final and never retried:
 * a forged delivery answered with a `reject-status` passes, answered 2xx makes the endpoint
 * insecure (a replay answered 2xx: replayable), answered anything else is a wrong status; the
 * signed delivery answered 2xx passes, answered 3xx or 4xx is refused. Only an unreachable
 * endpoint, 5xx, 408 and 429 mean the new deployment is not ready yet: retried until the deadline.
 */
import type { Delivery } from './deliveries.js';
import { standardHeaders, type Provider } from './signing.js';

/** An HTTP status, or why there was none. */
export type Answer = { status: number } | { unreachable: string };

export type ProbeVerdict =
  'passed' | 'insecure' | 'replayable' | 'refused' | 'not-ready' | 'wrong-status';

/** Whether an answer may change while the deployment warms up (so it is worth asking again). */
const transient = (status: number) => status >= 500 || status === 408 || status === 429;

export function judgeAnswer(
  delivery: Pick<Delivery, 'expect' | 'name'>,
  answer: Answer,
  rejectStatus: readonly number[],
): ProbeVerdict {
  if ('unreachable' in answer) return 'not-ready';
  const { status } = answer;
  const ok = status >= 200 && status < 300;
  if (delivery.expect === 'reject') {
    if (rejectStatus.includes(status)) return 'passed';
    if (ok) return delivery.name === 'replayed' ? 'replayable' : 'insecure';
    return transient(status) ? 'not-ready' : 'wrong-status';
  }
  if (ok) return 'passed';
  return transient(status) ? 'not-ready' : 'refused';
}

/** A verdict that a later attempt cannot change. */
export const isFinal = (verdict: ProbeVerdict | 'not-sent') =>
  verdict !== 'not-ready' && verdict !== 'not-sent';

export function describeAnswer(answer: Answer | undefined): string {
  if (!answer) return 'not sent';
  return 'unreachable' in answer ? answer.unreachable : `HTTP ${answer.status}`;
}

/** Statuses as a person writes them: 400-499 as 4xx, other runs as 500-503, the rest listed. */
export function describeStatuses(statuses: readonly number[]): string {
  const sorted = [...new Set(statuses)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const [from, to] = [sorted[i]!, sorted[j]!];
    if (from % 100 === 0 && to === from + 99) parts.push(`${from / 100}xx`);
    else if (to > from) parts.push(`${from}-${to}`);
    else parts.push(String(from));
    i = j + 1;
  }
  return parts.length <= 2
    ? parts.join(' or ')
    : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`;
}

export interface ProbeRecord {
  delivery: Pick<Delivery, 'name' | 'description' | 'expect'>;
  verdict: ProbeVerdict | 'not-sent';
  answer?: Answer;
  attempts: number;
}

export interface ProblemContext {
  provider: Provider;
  rejectStatus: readonly number[];
}

/** What the receiver must check, in the provider's own words. */
function authCheck(provider: Provider): string {
  switch (provider) {
    case 'telegram':
      return "compare the X-Telegram-Bot-Api-Secret-Token header with the secret_token (in constant time) before handling an update, and answer 401 or 403 when it is missing or differs (grammy's and telegraf's webhookCallback do this when given 'secretToken')";
    case 'github':
      return 'verify X-Hub-Signature-256 against the webhook secret before handling a delivery (@octokit/webhooks verify() or its middleware does), and answer 4xx when it does not match';
    case 'jira':
      return 'verify X-Hub-Signature (sha256=<HMAC-SHA256 of the raw body>) against the webhook secret before handling a delivery, and answer 4xx when it does not match';
    case 'slack':
      return "verify X-Slack-Signature and X-Slack-Request-Timestamp with the signing secret (Bolt's receivers do), and answer 4xx when they do not match";
    case 'stripe':
      return 'pass the raw body and Stripe-Signature to stripe.webhooks.constructEvent() with the endpoint secret, and answer 400 when it throws';
    case 'standard-webhooks':
    case 'svix': {
      const h = standardHeaders(provider);
      return `verify ${h.signature} over ${h.id}, ${h.timestamp} and the raw body with the whsec_ secret (the ${provider === 'svix' ? 'svix' : 'standardwebhooks'} library's Webhook.verify() does), and answer 4xx when it throws`;
    }
    case 'hmac':
      return "verify the signature header against the secret before handling a delivery, and answer 4xx when it does not match; check 'hmac-header', 'hmac-algorithm', 'hmac-prefix' and 'hmac-encoding' describe the scheme";
  }
}

function replayCheck(provider: Provider): string {
  switch (provider) {
    case 'slack':
      return 'refuse a delivery whose X-Slack-Request-Timestamp is more than five minutes away from now';
    case 'stripe':
      return "keep constructEvent()'s timestamp tolerance (300 s by default; do not raise it or pass a huge one)";
    case 'standard-webhooks':
    case 'svix': {
      const h = standardHeaders(provider);
      return `refuse a delivery whose ${h.timestamp} is more than five minutes away (Webhook.verify() does; do not skip or widen its check), and handle each ${h.id} once`;
    }
    default:
      return 'refuse a delivery whose signed timestamp is more than five minutes away from now';
  }
}

function refusal(status: number | undefined, provider: Provider): string {
  if (status !== undefined && status >= 300 && status < 400)
    return "the answer is a redirect, which deliveries do not follow: point 'url' at the address the endpoint really serves";
  const holder = provider === 'telegram' ? 'secret token' : 'signing secret';
  return `the endpoint does not hold the ${holder} given in 'secret' (or it refuses the probe's harmless payload). Set 'secret' to the one the endpoint verifies with, or deploy the endpoint with this one`;
}

/** One line per failed probe, written for the person reading the failed run: cause, then what to do. */
export function probeProblem(record: ProbeRecord, ctx: ProblemContext): string | undefined {
  const { delivery, verdict, answer, attempts } = record;
  const got = describeAnswer(answer);
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const status = answer && 'status' in answer ? answer.status : undefined;
  switch (verdict) {
    case 'passed':
    case 'not-sent':
      return undefined;
    case 'insecure':
      return `The endpoint accepted a forged delivery (${delivery.description}) with ${got}: it does not authenticate deliveries, so anyone can send it ${ctx.provider === 'telegram' ? 'updates' : 'events'}. Fix the endpoint: ${authCheck(ctx.provider)}.`;
    case 'replayable':
      return `The endpoint accepted a replayed delivery (${delivery.description}) with ${got}: it checks the signature but not its age, so anyone who captures one delivery can send it again. Fix the endpoint: ${replayCheck(ctx.provider)}.`;
    case 'not-ready':
      return `The endpoint was not ready for the delivery with ${delivery.description}: last answer ${got} after ${tries}, until 'timeout-seconds' ran out. Check that the new deployment is up and reachable at 'url', or give it more time with 'timeout-seconds'.`;
    case 'wrong-status':
      return `The endpoint answered the delivery with ${delivery.description} with ${got}, not with a refusal (${describeStatuses(ctx.rejectStatus)}, 'reject-status'). ${
        status !== undefined && status >= 300 && status < 400
          ? "Redirects are not followed: point 'url' at the address the endpoint really serves."
          : "If this status is how the endpoint refuses a delivery, add it to 'reject-status'; otherwise fix the endpoint to refuse it with 4xx."
      }`;
    case 'refused':
      return ctx.provider === 'telegram'
        ? `The endpoint refused an update carrying the secret token from 'secret' (${got}): ${refusal(status, ctx.provider)}.`
        : `The endpoint refused a delivery signed with 'secret' (${got}): ${refusal(status, ctx.provider)}.`;
  }
}

/** `probe-result`: passed, insecure, failed, unreachable or skipped. */
export function probeResult(
  records: readonly ProbeRecord[],
): 'passed' | 'insecure' | 'failed' | 'unreachable' | 'skipped' {
  if (records.length === 0) return 'skipped';
  if (records.some((r) => r.verdict === 'insecure' || r.verdict === 'replayable'))
    return 'insecure';
  if (records.every((r) => r.verdict === 'passed')) return 'passed';
  const sent = records.filter((r) => r.verdict !== 'not-sent');
  if (
    sent.length > 0 &&
    sent.every((r) => r.verdict === 'passed' || (r.answer && 'unreachable' in r.answer))
  )
    return 'unreachable';
  return 'failed';
}
