import { TELEGRAM_HOOK, telegramScenario, WEBHOOK_SECRET } from './webhook-common.js';

export const webhookTelegramFreshError = telegramScenario(
  'webhook-telegram-fresh-error',
  'Right webhook, but Telegram failed to deliver to it 30 seconds ago.',
  {
    url: TELEGRAM_HOOK,
    secretToken: WEBHOOK_SECRET,
    pendingUpdateCount: 3,
    lastErrorSecondsAgo: 30,
    lastErrorMessage: 'Wrong response from the webhook: 500 Internal Server Error',
  },
);
