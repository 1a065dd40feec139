/** The `telegram` section of a scenario: bots, their webhooks, and how long a 429 asks to wait. */
export interface TelegramWebhookSeed {
  /** The registered URL; `{sandbox}` is replaced with the sandbox's own URL. '' or omitted: none. */
  url?: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections?: number;
  pendingUpdateCount?: number;
  ipAddress?: string;
  hasCustomCertificate?: boolean;
  /** A delivery error this many real seconds before the sandbox started (dates are not scaled). */
  lastErrorSecondsAgo?: number;
  lastErrorMessage?: string;
  lastSynchronizationErrorSecondsAgo?: number;
}

export interface TelegramBotSeed {
  /** `<bot id>:<secret>`; requests with any other token are 401 Unauthorized. */
  token: string;
  username?: string;
  webhook?: TelegramWebhookSeed;
}

export interface TelegramScenario {
  bots?: TelegramBotSeed[];
  /** `parameters.retry_after` of an injected throttle (429); default 1. */
  retryAfterSeconds?: number;
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    telegram?: TelegramScenario;
  }
}
