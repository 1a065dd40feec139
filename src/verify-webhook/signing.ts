/**
 * The providers' delivery authentication schemes, as pure functions over the exact bytes sent.
 *
 * - Telegram: the `secret_token` given to setWebhook, echoed in X-Telegram-Bot-Api-Secret-Token.
 * - GitHub: X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the body.
 * - Jira (Cloud admin webhooks with a secret): X-Hub-Signature: `sha256=` + hex HMAC-SHA256 of the
 *   body, keyed with the secret as given; X-Atlassian-Webhook-Identifier names the delivery.
 * - Slack: X-Slack-Signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, with the
 *   timestamp in X-Slack-Request-Timestamp (receivers refuse ones older than five minutes).
 * - Stripe: Stripe-Signature: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, keyed
 *   with the whole endpoint secret (`whsec_...`); receivers apply a tolerance (default 300 s).
 * - Standard Webhooks and Svix: `webhook-id`, `webhook-timestamp`, `webhook-signature` (Svix:
 *   the same with `svix-`): `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with
 *   the base64-decoded part of `whsec_<base64>`; receivers refuse timestamps more than five minutes
 *   away.
 * - Generic HMAC: a header carrying `<prefix><digest>` of the body, hex or base64.
 */
import { createHmac } from 'node:crypto';

export type Provider =
  'telegram' | 'github' | 'slack' | 'stripe' | 'standard-webhooks' | 'svix' | 'jira' | 'hmac';
export const PROVIDERS: readonly Provider[] = [
  'telegram',
  'github',
  'slack',
  'stripe',
  'standard-webhooks',
  'svix',
  'jira',
  'hmac',
];

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

const hmac = (algorithm: HmacAlgorithm, key: string | Uint8Array, ...parts: Body[]) => {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac;
};

export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';
export const GITHUB_SIGNATURE_HEADER = 'X-Hub-Signature-256';
export const JIRA_SIGNATURE_HEADER = 'X-Hub-Signature';
export const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
export const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

/** The header names of the Standard Webhooks family: `webhook-*`, or `svix-*` for Svix. */
export function standardHeaders(provider: 'standard-webhooks' | 'svix') {
  const prefix = provider === 'svix' ? 'svix' : 'webhook';
  return {
    id: `${prefix}-id`,
    timestamp: `${prefix}-timestamp`,
    signature: `${prefix}-signature`,
  };
}

export function githubSignature(secret: string, body: Body): string {
  return `sha256=${hmac('sha256', secret, body).digest('hex')}`;
}

export function slackSignature(secret: string, timestamp: number, body: Body): string {
  return `v0=${hmac('sha256', secret, `v0:${timestamp}:`, body).digest('hex')}`;
}

export function stripeSignature(secret: string, timestamp: number, body: Body): string {
  return `t=${timestamp},v1=${hmac('sha256', secret, `${timestamp}.`, body).digest('hex')}`;
}

const WHSEC = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The signing key of a Standard Webhooks secret: the base64 after `whsec_` (the prefix is
 * optional, as in the libraries), decoded. Undefined when it is not base64 or decodes to nothing.
 */
export function standardKey(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(WHSEC) ? secret.slice(WHSEC.length) : secret;
  if (encoded === '' || !BASE64.test(encoded)) return undefined;
  const key = Buffer.from(encoded, 'base64');
  return key.length > 0 ? key : undefined;
}

export function standardSignature(secret: string, id: string, timestamp: number, body: Body) {
  const key = standardKey(secret);
  if (!key) throw new Error('A Standard Webhooks secret is whsec_ followed by base64.');
  return `v1,${hmac('sha256', key, `${id}.${timestamp}.`, body).digest('base64')}`;
}

export function hmacSignature(secret: string, scheme: HmacScheme, body: Body): string {
  return `${scheme.prefix}${hmac(scheme.algorithm, secret, body).digest(scheme.encoding)}`;
}

/** When a delivery is signed and which message it claims to be. */
export interface SignedAt {
  timestampSeconds: number;
  /** The message id, for schemes that sign one (Standard Webhooks, Svix). */
  id: string;
}

/**
 * The authentication headers a provider sends with `body`, signed with `secret` (Slack, Stripe,
 * Standard Webhooks and Svix sign the time too; the last two also the message id).
 */
export function authHeaders(
  provider: Provider,
  secret: string,
  body: Body,
  at: SignedAt,
  scheme?: HmacScheme,
): Record<string, string> {
  switch (provider) {
    case 'telegram':
      return { [TELEGRAM_SECRET_HEADER]: secret };
    case 'github':
      return { [GITHUB_SIGNATURE_HEADER]: githubSignature(secret, body) };
    case 'jira':
      return { [JIRA_SIGNATURE_HEADER]: githubSignature(secret, body) };
    case 'slack':
      return {
        [SLACK_TIMESTAMP_HEADER]: String(at.timestampSeconds),
        [SLACK_SIGNATURE_HEADER]: slackSignature(secret, at.timestampSeconds, body),
      };
    case 'stripe':
      return { [STRIPE_SIGNATURE_HEADER]: stripeSignature(secret, at.timestampSeconds, body) };
    case 'standard-webhooks':
    case 'svix': {
      const names = standardHeaders(provider);
      return {
        [names.id]: at.id,
        [names.timestamp]: String(at.timestampSeconds),
        [names.signature]: standardSignature(secret, at.id, at.timestampSeconds, body),
      };
    }
    case 'hmac':
      if (!scheme) throw new Error('The hmac provider needs a header, algorithm and prefix.');
      return { [scheme.header]: hmacSignature(secret, scheme, body) };
  }
}

/** Whether a provider signs a timestamp, so a replayed (stale) delivery can be told apart. */
export const signsTimestamp = (provider: Provider): boolean =>
  provider === 'slack' ||
  provider === 'stripe' ||
  provider === 'standard-webhooks' ||
  provider === 'svix';

/** Whether a provider signs a message id (a replay then repeats an id the receiver has seen). */
export const signsMessageId = (provider: Provider): boolean =>
  provider === 'standard-webhooks' || provider === 'svix';

/**
 * The forms of a secret that could reach a log besides the secret itself: for Standard Webhooks
 * and Svix the base64 key without `whsec_`, and the decoded key as hex and base64url (its raw
 * bytes are binary and never printed).
 */
export function secretVariants(provider: Provider, secret: string): string[] {
  if (provider !== 'standard-webhooks' && provider !== 'svix') return [secret];
  const key = standardKey(secret);
  if (!key) return [secret];
  const bare = secret.startsWith(WHSEC) ? secret.slice(WHSEC.length) : secret;
  return [...new Set([secret, bare, key.toString('hex'), key.toString('base64url')])];
}
