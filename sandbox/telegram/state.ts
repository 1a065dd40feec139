/**
 * Bots and their webhooks on `ctx.state.telegram`. The stored webhook keeps the secret token, as
 * Telegram does; getWebhookInfo never returns it.
 */
import type { PluginContext } from '../core/plugin.js';
import type { TelegramBotSeed } from './scenario.js';
import './scenario.js';

export interface StoredWebhook {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections: number;
  hasCustomCertificate: boolean;
  pendingUpdateCount: number;
  ipAddress?: string;
  /** Epoch seconds, as the Bot API reports dates. */
  lastErrorDate?: number;
  lastErrorMessage?: string;
  lastSynchronizationErrorDate?: number;
}

export interface StoredBot {
  token: string;
  id: number;
  username: string;
  webhook: StoredWebhook;
}

export interface TelegramState {
  bots: Map<string, StoredBot>;
  retryAfterSeconds: number;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    telegram?: TelegramState;
  }
}

export function telegramState(ctx: PluginContext): TelegramState {
  if (!ctx.state.telegram) ctx.state.telegram = { bots: new Map(), retryAfterSeconds: 1 };
  return ctx.state.telegram;
}

export function seedBot(ctx: PluginContext, seed: TelegramBotSeed): StoredBot {
  const now = Math.floor(ctx.clock.now() / 1000);
  const w = seed.webhook ?? {};
  const url = (w.url ?? '').replace('{sandbox}', ctx.url);
  const webhook: StoredWebhook = {
    url,
    maxConnections: w.maxConnections ?? 40,
    hasCustomCertificate: w.hasCustomCertificate ?? false,
    pendingUpdateCount: w.pendingUpdateCount ?? 0,
  };
  if (w.secretToken !== undefined) webhook.secretToken = w.secretToken;
  if (w.allowedUpdates !== undefined) webhook.allowedUpdates = w.allowedUpdates;
  if (url !== '') webhook.ipAddress = w.ipAddress ?? ipFor(url);
  if (w.lastErrorSecondsAgo !== undefined) {
    webhook.lastErrorDate = now - Math.round(w.lastErrorSecondsAgo);
    webhook.lastErrorMessage = w.lastErrorMessage ?? 'Connection refused';
  }
  if (w.lastSynchronizationErrorSecondsAgo !== undefined)
    webhook.lastSynchronizationErrorDate = now - Math.round(w.lastSynchronizationErrorSecondsAgo);
  const id = Number(seed.token.split(':')[0]) || 1;
  const bot: StoredBot = {
    token: seed.token,
    id,
    username: seed.username ?? `bot${id}_bot`,
    webhook,
  };
  telegramState(ctx).bots.set(seed.token, bot);
  return bot;
}

/** The address Telegram would report: loopback for loopback URLs, a documentation address otherwise. */
export function ipFor(url: string): string {
  try {
    const host = new URL(url).hostname;
    if (host === 'localhost' || host.startsWith('127.') || host === '[::1]') return '127.0.0.1';
  } catch {
    // an invalid URL is refused before it is stored
  }
  return '203.0.113.10';
}
