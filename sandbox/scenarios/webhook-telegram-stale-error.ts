import { TELEGRAM_HOOK, telegramScenario, WEBHOOK_SECRET } from './webhook-common.js';

export const webhookTelegramStaleError = telegramScenario(
  'webhook-telegram-stale-error',
  'Right webhook; its last delivery error is two hours old (Telegram never clears it).',
  {
    url: TELEGRAM_HOOK,
    secretToken: WEBHOOK_SECRET,
    lastErrorSecondsAgo: 7200,
    lastErrorMessage: 'Wrong response from the webhook: 502 Bad Gateway',
  },
);
