/**
 * Shared pieces of the webhook scenarios: a bot token, a signing secret, and one receiver per
 * provider and behaviour under `/hooks/<name>`. The secrets are fake but shaped like real ones,
 * so the leak checks of the end-to-end tests search for realistic strings.
 */
import type { Scenario } from '../core/scenario.js';
import type { TelegramWebhookSeed } from '../telegram/scenario.js';
import type { WebhookEndpointSeed } from '../webhooks/scenario.js';

export const WEBHOOK_BOT_TOKEN = '7000000001:AAHsandboxBotToken_for-webhook-checks';
/** Valid as a Telegram secret_token and as a signing secret. */
export const WEBHOOK_SECRET = 'sbx_webhook-Secret_7f3a9c2e51d04b8a';
export const STRIPE_SECRET = 'whsec_sandboxStripeSecret4e9a7c1d';
/** A Standard Webhooks / Svix signing secret: whsec_ and the base64 of 24 bytes. */
export const STANDARD_SECRET = 'whsec_c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1rZXk=';

export const RECEIVERS: Record<string, WebhookEndpointSeed> = {
  telegram: { scheme: 'telegram', secret: WEBHOOK_SECRET },
  github: { scheme: 'github', secret: WEBHOOK_SECRET },
  slack: { scheme: 'slack', secret: WEBHOOK_SECRET },
  stripe: { scheme: 'stripe', secret: STRIPE_SECRET, rejectStatus: 400 },
  jira: { scheme: 'jira', secret: WEBHOOK_SECRET },
  'jira-hmac': {
    scheme: 'hmac',
    secret: WEBHOOK_SECRET,
    hmac: { header: 'X-Hub-Signature', algorithm: 'sha256', prefix: 'sha256=' },
  },
  'standard-webhooks': { scheme: 'standard-webhooks', secret: STANDARD_SECRET, rejectStatus: 400 },
  svix: { scheme: 'svix', secret: STANDARD_SECRET, rejectStatus: 400 },
  'svix-no-replay-check': {
    scheme: 'svix',
    secret: STANDARD_SECRET,
    rejectStatus: 400,
    toleranceSeconds: 1e9,
  },
  'github-insecure': { scheme: 'github', secret: WEBHOOK_SECRET, behaviour: 'accepts-everything' },
  'telegram-insecure': {
    scheme: 'telegram',
    secret: WEBHOOK_SECRET,
    behaviour: 'accepts-everything',
  },
  'github-wrong-status': {
    scheme: 'github',
    secret: WEBHOOK_SECRET,
    behaviour: 'wrong-status',
    status: 400,
  },
  'telegram-warming': {
    scheme: 'telegram',
    secret: WEBHOOK_SECRET,
    warmup: { requests: 4, status: 503 },
  },
  'slack-no-replay-check': { scheme: 'slack', secret: WEBHOOK_SECRET, toleranceSeconds: 1e9 },
};

export function telegramScenario(
  name: string,
  description: string,
  webhook: TelegramWebhookSeed,
): Scenario {
  return {
    name,
    description,
    telegram: { bots: [{ token: WEBHOOK_BOT_TOKEN, username: 'cbi_reports_bot', webhook }] },
    webhooks: { endpoints: RECEIVERS },
  };
}

export const TELEGRAM_HOOK = '{sandbox}/hooks/telegram';
