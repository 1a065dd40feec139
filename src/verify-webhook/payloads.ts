/**
 * Harmless, realistic minimal deliveries per provider, for the signed probe of `probe: full`.
 * Each is something a receiver already handles or ignores: GitHub's `ping`, Slack's
 * `url_verification`, a Telegram update from a synthetic chat, a Stripe test-mode event of a type
 * no handler subscribes to.
 */
import type { Provider } from './signing.js';

export interface Payload {
  /** The exact bytes sent (and signed). */
  body: string;
  contentType: string;
  /** Provider headers that describe the delivery (event name, delivery id). */
  headers: Record<string, string>;
}

/**
 * Telegram: update_id 1. A bot that drops updates older than the newest it has seen (a common
 * way to de-duplicate) ignores it, and it can never make such a bot skip real updates, whose ids
 * are far larger. Chat id 1 is not a real chat, so a reply fails harmlessly.
 */
export const TELEGRAM_PROBE_UPDATE_ID = 1;

export function probePayload(provider: Provider, nowSeconds: number, nonce: string): Payload {
  const json = (value: unknown, headers: Record<string, string> = {}): Payload => ({
    body: JSON.stringify(value),
    contentType: 'application/json',
    headers,
  });
  switch (provider) {
    case 'telegram':
      return json({
        update_id: TELEGRAM_PROBE_UPDATE_ID,
        message: {
          message_id: 1,
          date: nowSeconds,
          chat: { id: 1, type: 'private', first_name: 'verify-webhook' },
          from: { id: 1, is_bot: false, first_name: 'verify-webhook' },
          text: 'verify-webhook probe',
        },
      });
    case 'github':
      return json(
        {
          zen: 'Keep it logically awesome.',
          hook_id: 0,
          hook: {
            type: 'Repository',
            id: 0,
            name: 'web',
            active: true,
            events: ['push'],
            config: { content_type: 'json', insecure_ssl: '0' },
          },
        },
        {
          'X-GitHub-Event': 'ping',
          'X-GitHub-Delivery': nonce,
          'X-GitHub-Hook-ID': '0',
        },
      );
    case 'slack':
      return json({ token: 'verify-webhook', challenge: nonce, type: 'url_verification' });
    case 'stripe':
      return json({
        id: `evt_verify_webhook_${nonce.replace(/-/g, '')}`,
        object: 'event',
        api_version: '2024-06-20',
        created: nowSeconds,
        type: 'verify_webhook.probe',
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: {} },
      });
    case 'hmac':
      return json({ event: 'ping', id: nonce, source: 'verify-webhook', timestamp: nowSeconds });
  }
}
