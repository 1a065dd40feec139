/**
 * The providers' delivery authentication schemes, as pure functions over the exact bytes sent.
 *
 * - Telegram: the `secret_token` given to setWebhook, echoed in X-Telegram-Bot-Api-Secret-Token.
 * - GitHub: X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the body.
 * - Slack: X-Slack-Signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, with the
 *   timestamp in X-Slack-Request-Timestamp (receivers refuse ones older than five minutes).
 * - Stripe: Stripe-Signature: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, keyed
 *   with the whole endpoint secret (`whsec_...`); receivers apply a tolerance (default 300 s).
 * - Generic HMAC: a header carrying `<prefix><digest>` of the body, hex or base64.
 */
import { createHmac } from 'node:crypto';

export type Provider = 'telegram' | 'github' | 'slack' | 'stripe' | 'hmac';
export const PROVIDERS: readonly Provider[] = ['telegram', 'github', 'slack', 'stripe', 'hmac'];

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export const HMAC_ALGORITHMS: readonly HmacAlgorithm[] = ['sha256', 'sha1', 'sha512'];
export type DigestEncoding = 'hex' | 'base64';
export const DIGEST_ENCODINGS: readonly DigestEncoding[] = ['hex', 'base64'];

export interface HmacScheme {
  header: string;
  algorithm: HmacAlgorithm;
  prefix: string;
  encoding: DigestEncoding;
}

export type Body = string | Uint8Array;

const hmac = (algorithm: HmacAlgorithm, key: string, ...parts: Body[]) => {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac;
};

export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';
export const GITHUB_SIGNATURE_HEADER = 'X-Hub-Signature-256';
export const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
export const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

export function githubSignature(secret: string, body: Body): string {
  return `sha256=${hmac('sha256', secret, body).digest('hex')}`;
}

export function slackSignature(secret: string, timestamp: number, body: Body): string {
  return `v0=${hmac('sha256', secret, `v0:${timestamp}:`, body).digest('hex')}`;
}

export function stripeSignature(secret: string, timestamp: number, body: Body): string {
  return `t=${timestamp},v1=${hmac('sha256', secret, `${timestamp}.`, body).digest('hex')}`;
}

export function hmacSignature(secret: string, scheme: HmacScheme, body: Body): string {
  return `${scheme.prefix}${hmac(scheme.algorithm, secret, body).digest(scheme.encoding)}`;
}

/**
 * The authentication headers a provider sends with `body`, signed with `secret` at
 * `timestampSeconds` (Slack and Stripe sign the time too).
 */
export function authHeaders(
  provider: Provider,
  secret: string,
  body: Body,
  timestampSeconds: number,
  scheme?: HmacScheme,
): Record<string, string> {
  switch (provider) {
    case 'telegram':
      return { [TELEGRAM_SECRET_HEADER]: secret };
    case 'github':
      return { [GITHUB_SIGNATURE_HEADER]: githubSignature(secret, body) };
    case 'slack':
      return {
        [SLACK_TIMESTAMP_HEADER]: String(timestampSeconds),
        [SLACK_SIGNATURE_HEADER]: slackSignature(secret, timestampSeconds, body),
      };
    case 'stripe':
      return { [STRIPE_SIGNATURE_HEADER]: stripeSignature(secret, timestampSeconds, body) };
    case 'hmac':
      if (!scheme) throw new Error('The hmac provider needs a header, algorithm and prefix.');
      return { [scheme.header]: hmacSignature(secret, scheme, body) };
  }
}

/** Whether a provider signs a timestamp, so a replayed (stale) delivery can be told apart. */
export const signsTimestamp = (provider: Provider): boolean =>
  provider === 'slack' || provider === 'stripe';
