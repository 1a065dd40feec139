import { telegramScenario, WEBHOOK_SECRET } from './webhook-common.js';

export const webhookTelegramMismatch = telegramScenario(
  'webhook-telegram-mismatch',
  'The webhook still points at the old endpoint, which fails (error 30 s ago, 12 pending).',
  {
    url: 'https://old-api.cbi.example.org/webhook/telegram',
    secretToken: WEBHOOK_SECRET,
    pendingUpdateCount: 12,
    lastErrorSecondsAgo: 30,
    lastErrorMessage: 'Connection timed out',
  },
);
