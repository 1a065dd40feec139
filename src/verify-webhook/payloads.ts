/**
 * Harmless, realistic minimal deliveries per provider, for the signed probe (`probe: full`, and
 * Telegram's check before setWebhook). Each is something a receiver already handles or ignores:
 * GitHub's `ping`, Slack's `url_verification`, a Telegram `poll` update about a stopped poll no
 * chat holds, and for Stripe, Standard Webhooks, Svix and Jira an event in the provider's shape of
 * a type no handler subscribes to.
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
 * Telegram: update_id 1, a `poll` update. Telegram sends poll updates only about polls the bot
 * itself sent or stopped, so bots rarely handle them; the update carries no chat and no user, so
 * no handler can reply to anyone, and session middleware (keyed by chat) skips it. grammy and
 * telegraf answer it 200 when nothing handles it. A bot that drops updates older than the newest
 * it has seen ignores id 1, and it can never make such a bot skip real updates, whose ids are far
 * larger. A `message` update would not do: an echo handler replies to its chat, the reply fails,
 * and the library answers 500.
 */
export const TELEGRAM_PROBE_UPDATE_ID = 1;

/** The event type of the signed probe where the receiver dispatches on a type of our choosing. */
export const PROBE_EVENT = 'verify_webhook.probe';

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
        poll: {
          id: `verify-webhook-${nonce}`,
          question: 'verify-webhook probe',
          options: [{ text: 'ok', voter_count: 0 }],
          total_voter_count: 0,
          is_closed: true,
          is_anonymous: true,
          type: 'regular',
          allows_multiple_answers: false,
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
        type: PROBE_EVENT,
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        data: { object: {} },
      });
    case 'standard-webhooks':
    case 'svix':
      // The payload shape the Standard Webhooks specification recommends.
      return json({
        type: PROBE_EVENT,
        timestamp: new Date(nowSeconds * 1000).toISOString(),
        data: { id: nonce, source: 'verify-webhook' },
      });
    case 'jira':
      return json(
        {
          timestamp: nowSeconds * 1000,
          webhookEvent: 'verify_webhook:probe',
          matchedWebhookIds: [],
        },
        { 'X-Atlassian-Webhook-Identifier': nonce, 'X-Atlassian-Webhook-Flow': 'Primary' },
      );
    case 'hmac':
      return json({ event: 'ping', id: nonce, source: 'verify-webhook', timestamp: nowSeconds });
  }
}
