/**
 * The Telegram phase: read the webhook registration, call setWebhook when `register` allows it
 * and something differs (or a secret is given), read it again, and judge its health.
 */
import type { Phase } from '../lib/summary.js';
import type { TelegramInputs } from './inputs.js';
import type { TelegramClient, WebhookInfo } from './telegram-api.js';
import {
  differences,
  judgeHealth,
  registrationReasons,
  setWebhookParams,
  type Expected,
  type Health,
} from './telegram-verdict.js';

export interface TelegramReport {
  /** The registration as this run left it. */
  info: WebhookInfo;
  /** Why setWebhook was (or, without `register`, would have been) called. */
  reasons: string[];
  registered: boolean;
  /** Differences that remain: the webhook is not where it should be. */
  differences: string[];
  health: Health;
  phases: Phase[];
}

export async function checkTelegram(
  client: TelegramClient,
  url: string,
  secret: string | undefined,
  telegram: TelegramInputs,
  log: (line: string) => void,
  clock: () => number = Date.now,
): Promise<TelegramReport> {
  const expected: Expected = { url };
  if (secret !== undefined) expected.secret = secret;
  if (telegram.allowedUpdates) expected.allowedUpdates = telegram.allowedUpdates;
  if (telegram.maxConnections !== undefined) expected.maxConnections = telegram.maxConnections;
  if (telegram.dropPendingUpdates !== undefined)
    expected.dropPendingUpdates = telegram.dropPendingUpdates;

  const phases: Phase[] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const start = clock();
    try {
      return await work();
    } finally {
      phases.push({ section: 'Telegram', name, start, end: clock(), state: 'done' });
    }
  };

  let info = await timed('getWebhookInfo', () => client.getWebhookInfo());
  log(
    `Telegram delivers to ${info.url === '' ? '(no webhook set)' : info.url}; ${info.pending_update_count} pending updates.`,
  );
  const reasons = registrationReasons(info, expected);
  let registered = false;
  let urlChangedAt: number | undefined;
  if (telegram.register && reasons.length > 0) {
    log(`Calling setWebhook: ${reasons.join('; ')}.`);
    if (info.url !== url) urlChangedAt = clock();
    await timed('setWebhook', () => client.setWebhook(setWebhookParams(expected)));
    registered = true;
    info = await timed('getWebhookInfo again', () => client.getWebhookInfo());
    log(
      `After setWebhook, Telegram delivers to ${info.url === '' ? '(no webhook set)' : info.url}.`,
    );
  } else if (reasons.length > 0 && differences(info, expected).length === 0) {
    log(
      "The secret cannot be read back from Telegram; set 'register: true' to make sure it is the one given.",
    );
  }
  const remaining = differences(info, expected);
  const health = judgeHealth(
    info,
    {
      maxPendingUpdates: telegram.maxPendingUpdates,
      errorWindowMs: telegram.errorWindowMs,
      ...(urlChangedAt !== undefined ? { urlChangedAt } : {}),
    },
    clock(),
  );
  return { info, reasons, registered, differences: remaining, health, phases };
}
