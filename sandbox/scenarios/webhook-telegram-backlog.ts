import { TELEGRAM_HOOK, telegramScenario, WEBHOOK_SECRET } from './webhook-common.js';

export const webhookTelegramBacklog = telegramScenario(
  'webhook-telegram-backlog',
  'Right webhook, no recent error, but 250 updates are waiting for delivery.',
  { url: TELEGRAM_HOOK, secretToken: WEBHOOK_SECRET, pendingUpdateCount: 250 },
);
