/**
 * The probe plan: which deliveries to send and what each must get back. Forged deliveries carry
 * no authentication, or a signature made with a random secret (and, for schemes that sign the
 * time, a correct signature on a timestamp ten minutes old: a replay). `full` adds a correctly
 * signed harmless delivery.
 */
import { probePayload } from './payloads.js';
import { authHeaders, signsTimestamp, type HmacScheme, type Provider } from './signing.js';

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
  nowSeconds: number;
  /** A random secret of the same shape as the real one, for the wrongly signed delivery. */
  wrongSecret: string;
  nonce: string;
  hmac?: HmacScheme;
}

/** Seconds a replayed delivery is dated back: beyond the five-minute tolerance of Slack and Stripe. */
export const REPLAY_AGE_SECONDS = 600;

export function planDeliveries(input: PlanInput): Delivery[] {
  if (input.mode === 'none') return [];
  const { provider, nowSeconds, hmac } = input;
  const payload = probePayload(provider, nowSeconds, input.nonce);
  const base = {
    'Content-Type': payload.contentType,
    'User-Agent': 'verify-webhook (ecs-delivery-pack)',
    ...payload.headers,
  };
  const sign = (secret: string, at: number) =>
    authHeaders(provider, secret, payload.body, at, hmac);
  const what = provider === 'telegram' ? 'secret token' : 'signature';
  const plan: Delivery[] = [
    {
      name: 'unsigned',
      description: `no ${what}`,
      expect: 'reject',
      headers: { ...base },
      body: payload.body,
    },
    {
      name: 'wrong-secret',
      description: provider === 'telegram' ? 'a wrong secret token' : 'signed with a wrong secret',
      expect: 'reject',
      headers: { ...base, ...sign(input.wrongSecret, nowSeconds) },
      body: payload.body,
    },
  ];
  if (signsTimestamp(provider)) {
    plan.push({
      name: 'replayed',
      description: `correctly signed, dated ${REPLAY_AGE_SECONDS / 60} minutes ago`,
      expect: 'reject',
      headers: { ...base, ...sign(input.secret, nowSeconds - REPLAY_AGE_SECONDS) },
      body: payload.body,
    });
  }
  if (input.mode === 'full') {
    plan.push({
      name: 'signed',
      description: provider === 'telegram' ? 'the right secret token' : 'correctly signed',
      expect: 'accept',
      headers: { ...base, ...sign(input.secret, nowSeconds) },
      body: payload.body,
    });
  }
  return plan;
}

/** A random stand-in for `secret`: same length and alphabet class, never equal to it. */
export function wrongSecretFor(secret: string, randomHex: (bytes: number) => string): string {
  const length = Math.max(16, secret.length);
  let candidate = secret;
  while (candidate === secret) {
    candidate = randomHex(Math.ceil(length / 2)).slice(0, length);
    if (secret.startsWith('whsec_')) candidate = `whsec_${candidate}`;
  }
  return candidate;
}
