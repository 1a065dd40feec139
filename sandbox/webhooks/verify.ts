/**
 * How a receiver checks a delivery, per scheme, written from the providers' documentation and
 * independent of the action's own signing code. Comparisons are constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookEndpointSeed } from './scenario.js';

export type Check = { authentic: true } | { authentic: false; reason: string };

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const mac = (algorithm: string, key: string, ...parts: (string | Buffer)[]) => {
  const h = createHmac(algorithm, key);
  for (const part of parts) h.update(part);
  return h;
};

const bad = (reason: string): Check => ({ authentic: false, reason });

export function verifyDelivery(
  seed: WebhookEndpointSeed,
  headers: IncomingHttpHeaders,
  body: Buffer,
  nowMs: number,
): Check {
  const tolerance = seed.toleranceSeconds ?? 300;
  const fresh = (t: number) => Number.isFinite(t) && Math.abs(nowMs / 1000 - t) <= tolerance;
  switch (seed.scheme) {
    case 'telegram': {
      const token = header(headers, 'x-telegram-bot-api-secret-token');
      if (token === undefined) return bad('no secret token');
      return same(token, seed.secret) ? { authentic: true } : bad('wrong secret token');
    }
    case 'github': {
      const sig = header(headers, 'x-hub-signature-256');
      if (!sig) return bad('no signature');
      const expected = `sha256=${mac('sha256', seed.secret, body).digest('hex')}`;
      return same(sig, expected) ? { authentic: true } : bad('signature mismatch');
    }
    case 'slack': {
      const ts = header(headers, 'x-slack-request-timestamp');
      const sig = header(headers, 'x-slack-signature');
      if (!ts || !sig) return bad('no signature');
      if (!fresh(Number(ts))) return bad('timestamp outside the tolerance');
      const expected = `v0=${mac('sha256', seed.secret, `v0:${ts}:`, body).digest('hex')}`;
      return same(sig, expected) ? { authentic: true } : bad('signature mismatch');
    }
    case 'stripe': {
      const value = header(headers, 'stripe-signature');
      if (!value) return bad('no signature');
      const items = value.split(',').map((kv) => kv.split('=', 2) as [string, string?]);
      const t = items.find(([k]) => k === 't')?.[1];
      const v1 = items.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
      if (!t || v1.length === 0) return bad('malformed signature header');
      if (!fresh(Number(t))) return bad('timestamp outside the tolerance');
      const expected = mac('sha256', seed.secret, `${t}.`, body).digest('hex');
      return v1.some((v) => same(v, expected)) ? { authentic: true } : bad('signature mismatch');
    }
    case 'jira': {
      // Atlassian: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>, keyed with the secret.
      const sig = header(headers, 'x-hub-signature');
      if (!sig) return bad('no signature');
      if (!header(headers, 'x-atlassian-webhook-identifier')) return bad('no webhook identifier');
      const expected = `sha256=${mac('sha256', seed.secret, body).digest('hex')}`;
      return same(sig, expected) ? { authentic: true } : bad('signature mismatch');
    }
    case 'standard-webhooks':
    case 'svix': {
      // The Standard Webhooks specification: v1,<base64 HMAC-SHA256 of "id.timestamp.body">,
      // keyed with the base64 after whsec_; several space-separated signatures may be sent.
      const p = seed.scheme === 'svix' ? 'svix' : 'webhook';
      const id = header(headers, `${p}-id`);
      const ts = header(headers, `${p}-timestamp`);
      const sigs = header(headers, `${p}-signature`);
      if (!id || !ts || !sigs) return bad('missing required headers');
      if (!/^\d+$/.test(ts) || !fresh(Number(ts))) return bad('timestamp outside the tolerance');
      const key = Buffer.from(seed.secret.replace(/^whsec_/, ''), 'base64');
      const expected = createHmac('sha256', key)
        .update(`${id}.${ts}.`)
        .update(body)
        .digest('base64');
      const ok = sigs.split(' ').some((s) => s.startsWith('v1,') && same(s.slice(3), expected));
      return ok ? { authentic: true } : bad('no matching signature');
    }
    case 'hmac': {
      const spec = seed.hmac;
      if (!spec) return bad('endpoint has no hmac settings');
      const sig = header(headers, spec.header);
      if (!sig) return bad('no signature');
      const expected = `${spec.prefix ?? ''}${mac(spec.algorithm ?? 'sha256', seed.secret, body).digest(spec.encoding ?? 'hex')}`;
      return same(sig, expected) ? { authentic: true } : bad('signature mismatch');
    }
  }
}
