/**
 * The Telegram phase, in two steps around the probes: read the registration first; then, once the
 * probes have passed, call setWebhook when `register` allows it and something differs (or a
 * secret is given), read it again, and judge its health. The webhook is never moved to an
 * endpoint that failed its probes.
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
  /** Why setWebhook was not called although `register` asked for it. */
  registrationSkipped?: string;
  /** Differences that remain: the webhook is not where it should be. */
  differences: string[];
  health: Health;
  phases: Phase[];
}

export interface Inspection {
  expected: Expected;
  info: WebhookInfo;
  reasons: string[];
  phases: Phase[];
}

type Clock = () => number;

function timer(phases: Phase[], clock: Clock) {
  return async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const start = clock();
    try {
      return await work();
    } finally {
      phases.push({ section: 'Telegram', name, start, end: clock(), state: 'done' });
    }
  };
}

export function expectedRegistration(
  url: string,
  secret: string | undefined,
  telegram: TelegramInputs,
): Expected {
  const expected: Expected = { url };
  if (secret !== undefined) expected.secret = secret;
  if (telegram.allowedUpdates) expected.allowedUpdates = telegram.allowedUpdates;
  if (telegram.maxConnections !== undefined) expected.maxConnections = telegram.maxConnections;
  if (telegram.dropPendingUpdates !== undefined)
    expected.dropPendingUpdates = telegram.dropPendingUpdates;
  return expected;
}

const describeInfo = (info: WebhookInfo) =>
  `Telegram delivers to ${info.url === '' ? '(no webhook set)' : info.url}; ${info.pending_update_count} pending updates, max_connections ${info.max_connections ?? '-'}, allowed_updates ${info.allowed_updates?.join(',') || 'default'}, ip_address ${info.ip_address ?? '-'}.`;

export async function inspectTelegram(
  client: TelegramClient,
  expected: Expected,
  log: (line: string) => void,
  clock: Clock = Date.now,
): Promise<Inspection> {
  const phases: Phase[] = [];
  const info = await timer(phases, clock)('getWebhookInfo', () => client.getWebhookInfo());
  log(describeInfo(info));
  const reasons = registrationReasons(info, expected);
  if (reasons.length > 0) log(`Differs from the expected registration: ${reasons.join('; ')}.`);
  return { expected, info, reasons, phases };
}

/**
 * Registers when allowed and needed, then judges. `blockedBy` is why registration must not
 * happen now (the endpoint failed its probes).
 */
export async function completeTelegram(
  client: TelegramClient,
  inspection: Inspection,
  telegram: TelegramInputs,
  log: (line: string) => void,
  blockedBy?: string,
  clock: Clock = Date.now,
): Promise<TelegramReport> {
  const { expected, reasons } = inspection;
  const phases = [...inspection.phases];
  const timed = timer(phases, clock);
  let info = inspection.info;
  let registered = false;
  let registrationSkipped: string | undefined;
  let urlChangedAt: number | undefined;
  if (telegram.register && reasons.length > 0) {
    if (blockedBy) {
      registrationSkipped = blockedBy;
      log(`Not calling setWebhook: ${blockedBy}.`);
    } else {
      log(`Calling setWebhook: ${reasons.join('; ')}.`);
      if (info.url !== expected.url) urlChangedAt = clock();
      await timed('setWebhook', () => client.setWebhook(setWebhookParams(expected)));
      registered = true;
      info = await timed('getWebhookInfo again', () => client.getWebhookInfo());
      log(`After setWebhook: ${describeInfo(info)}`);
    }
  } else if (reasons.length > 0 && differences(info, expected).length === 0) {
    log(
      "The secret cannot be read back from Telegram; set 'register: true' to make sure it is the one given.",
    );
  }
  const health = judgeHealth(
    info,
    {
      maxPendingUpdates: telegram.maxPendingUpdates,
      errorWindowMs: telegram.errorWindowMs,
      ...(urlChangedAt !== undefined ? { urlChangedAt } : {}),
    },
    clock(),
  );
  return {
    info,
    reasons,
    registered,
    ...(registrationSkipped ? { registrationSkipped } : {}),
    differences: differences(info, expected),
    health,
    phases,
  };
}
