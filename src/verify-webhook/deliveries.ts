/**
 * The probe plan: which deliveries to send and what each must get back. Forged deliveries carry
 * no authentication, or a signature made with a random secret. For schemes that sign the time, a
 * replay: a correctly signed delivery dated ten minutes back (for Standard Webhooks and Svix also
 * carrying the message id of the signed probe, as a captured delivery would). `full`, and Telegram
 * before setWebhook sets a secret, add a correctly signed harmless delivery that must be accepted.
 */
import { randomBytes } from 'node:crypto';
import { probePayload } from './payloads.js';
import {
  authHeaders,
  signsMessageId,
  signsTimestamp,
  type HmacScheme,
  type Provider,
} from './signing.js';

export type ProbeMode = 'none' | 'reject' | 'full';
export const PROBE_MODES: readonly ProbeMode[] = ['none', 'reject', 'full'];

export interface Delivery {
  name: 'unsigned' | 'wrong-secret' | 'replayed' | 'signed';
  /** What the delivery is, for the log and the summary. */
  description: string;
  expect: 'reject' | 'accept';
  headers: Record<string, string>;
  body: string;
}

export interface PlanInput {
  provider: Provider;
  secret: string;
  mode: ProbeMode;
  /** Send the correctly signed delivery even when `mode` is not full (Telegram before setWebhook). */
  signed?: boolean;
  nowSeconds: number;
  /** A random secret of the same shape as the real one, for the wrongly signed delivery. */
  wrongSecret: string;
  nonce: string;
  hmac?: HmacScheme;
}

/** Seconds a replayed delivery is dated back: beyond the five-minute tolerance of every scheme. */
export const REPLAY_AGE_SECONDS = 600;

export function planDeliveries(input: PlanInput): Delivery[] {
  const withSigned = input.mode === 'full' || input.signed === true;
  if (input.mode === 'none' && !withSigned) return [];
  const { provider, nowSeconds, hmac } = input;
  const payload = probePayload(provider, nowSeconds, input.nonce);
  const base = {
    'Content-Type': payload.contentType,
    'User-Agent': 'verify-webhook (ecs-delivery-pack)',
    ...payload.headers,
  };
  const messageId = (n: number) => `msg_verifywebhook${input.nonce.replace(/-/g, '')}${n}`;
  const sign = (secret: string, timestampSeconds: number, id: string) =>
    authHeaders(provider, secret, payload.body, { timestampSeconds, id }, hmac);
  const what = provider === 'telegram' ? 'secret token' : 'signature';
  const signedId = messageId(0);
  const plan: Delivery[] = [];
  if (input.mode !== 'none') {
    plan.push(
      {
        name: 'unsigned',
        description: `no ${what}`,
        expect: 'reject',
        headers: { ...base },
        body: payload.body,
      },
      {
        name: 'wrong-secret',
        description:
          provider === 'telegram' ? 'a wrong secret token' : 'signed with a wrong secret',
        expect: 'reject',
        headers: { ...base, ...sign(input.wrongSecret, nowSeconds, messageId(1)) },
        body: payload.body,
      },
    );
    if (signsTimestamp(provider)) {
      plan.push({
        name: 'replayed',
        description: `a replay: correctly signed, dated ${REPLAY_AGE_SECONDS / 60} minutes ago${
          signsMessageId(provider) ? ', repeating a message id' : ''
        }`,
        expect: 'reject',
        headers: { ...base, ...sign(input.secret, nowSeconds - REPLAY_AGE_SECONDS, signedId) },
        body: payload.body,
      });
    }
  }
  if (withSigned) {
    plan.push({
      name: 'signed',
      description:
        provider === 'telegram' ? "the secret token from 'secret'" : "signed with 'secret'",
      expect: 'accept',
      headers: { ...base, ...sign(input.secret, nowSeconds, signedId) },
      body: payload.body,
    });
  }
  return plan;
}

/**
 * A random stand-in for `secret`, never equal to it: for Standard Webhooks and Svix a `whsec_`
 * key of random bytes, otherwise the same length (at least 16) of hex, keeping a `whsec_` prefix.
 */
export function wrongSecretFor(
  secret: string,
  random: (bytes: number) => Buffer = randomBytes,
  provider?: Provider,
): string {
  if (provider === 'standard-webhooks' || provider === 'svix') {
    let key = secret;
    while (key === secret) key = `whsec_${random(24).toString('base64')}`;
    return key;
  }
  const length = Math.max(16, secret.length);
  let candidate = secret;
  while (candidate === secret) {
    candidate = random(Math.ceil(length / 2))
      .toString('hex')
      .slice(0, length);
    if (secret.startsWith('whsec_')) candidate = `whsec_${candidate}`;
  }
  return candidate;
}
