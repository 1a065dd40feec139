import { TELEGRAM_HOOK, telegramScenario, WEBHOOK_SECRET } from './webhook-common.js';

export const webhookTelegram = telegramScenario(
  'webhook-telegram',
  'A bot whose webhook points at the sandbox receiver /hooks/telegram, healthy; every receiver.',
  {
    url: TELEGRAM_HOOK,
    secretToken: WEBHOOK_SECRET,
    allowedUpdates: ['message', 'callback_query'],
  },
);
