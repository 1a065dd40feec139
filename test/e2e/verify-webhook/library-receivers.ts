/**
 * Webhook receivers built with the providers' own verification libraries, on loopback, as an
 * adopter would write them: @octokit/webhooks' node middleware, Stripe's constructEvent,
 * standardwebhooks' and svix's Webhook.verify, Bolt's HTTPReceiver, grammy's and telegraf's
 * webhookCallback with a secret token. Each also comes in a broken variant that a real adopter
 * could ship (no verification, a tolerance switched off, an answer before verifying), so the
 * tests check both directions. Jira has no verification library: its receiver is written from
 * Atlassian's documentation (X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks, createNodeMiddleware } from '@octokit/webhooks';
import Stripe from 'stripe';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { Bot, webhookCallback } from 'grammy';
import { Telegraf } from 'telegraf';
import bolt from '@slack/bolt';

export interface Receiver {
  url: string;
  /** Every delivery: the status answered. */
  statuses: number[];
  /** Events the application code was handed (after the library let them through). */
  handled: unknown[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void> | void;

function listen(path: string, handler: Handler, rawHandler?: (server: Server) => void) {
  return new Promise<Receiver>((resolve) => {
    const statuses: number[] = [];
    const server = createServer((req, res) => {
      res.on('finish', () => statuses.push(res.statusCode));
      if (rawHandler) return; // the library's own listener answers
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        Promise.resolve(handler(req, res, Buffer.concat(chunks))).catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
    });
    rawHandler?.(server);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}${path}`,
        statuses,
        handled: [],
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const headersOf = (req: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
  );

/** @octokit/webhooks' node middleware; `verify: false` hands payloads on unverified. */
export async function octokitReceiver(secret: string, verify = true): Promise<Receiver> {
  const webhooks = new Webhooks({ secret });
  const handled: unknown[] = [];
  webhooks.onAny((event) => void handled.push(event.name));
  const quiet = () => undefined; // the middleware logs every refusal with console.error
  const middleware = createNodeMiddleware(webhooks, {
    path: '/github',
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  const receiver = verify
    ? await listen(
        '/github',
        () => undefined,
        (server) => server.on('request', (req, res) => void middleware(req, res)),
      )
    : await listen('/github', async (req, res, body) => {
        await webhooks.receive({
          id: String(req.headers['x-github-delivery']),
          name: String(req.headers['x-github-event']) as 'ping',
          payload: JSON.parse(body.toString()) as never,
        });
        res.writeHead(200).end('ok');
      });
  receiver.handled = handled;
  return receiver;
}

/** Stripe's constructEvent, answering 400 when it throws; `toleranceSeconds` as passed to it. */
export async function stripeReceiver(secret: string, toleranceSeconds?: number) {
  const stripe = new Stripe('sk_test_verify_webhook_oracle');
  return listen('/stripe', (req, res, body) => {
    try {
      const event = stripe.webhooks.constructEvent(
        body,
        String(req.headers['stripe-signature'] ?? ''),
        secret,
        toleranceSeconds,
      );
      res.writeHead(200).end(JSON.stringify({ received: event.type }));
    } catch {
      res.writeHead(400).end('Webhook Error');
    }
  });
}

/**
 * standardwebhooks (or svix) Webhook.verify, answering 400 when it throws. `lenient`: a receiver
 * that overrides the timestamp check (a "clock skew fix"), so replays pass.
 */
export async function standardReceiver(
  library: 'standardwebhooks' | 'svix',
  secret: string,
  variant: 'correct' | 'lenient' | 'answers-first' = 'correct',
) {
  const Base = library === 'svix' ? SvixWebhook : StandardWebhook;
  const wh = new Base(secret);
  if (variant === 'lenient') {
    const inner = (library === 'svix' ? (wh as unknown as { inner: object }).inner : wh) as {
      verifyTimestamp: (h: string) => Date;
    };
    inner.verifyTimestamp = (header: string) => new Date(Number(header) * 1000);
  }
  return listen(`/${library}`, (req, res, body) => {
    if (variant === 'answers-first') {
      res.writeHead(204).end();
      return;
    }
    try {
      wh.verify(body.toString('utf8'), headersOf(req));
      res.writeHead(204).end();
    } catch {
      res.writeHead(400).end();
    }
  });
}

/** Jira, from Atlassian's documentation: X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>. */
export async function jiraReceiver(secret: string, verify = true) {
  return listen('/jira', (req, res, body) => {
    const event = JSON.parse(body.toString()) as { webhookEvent?: string };
    if (!event.webhookEvent || !req.headers['x-atlassian-webhook-identifier']) {
      res.writeHead(400).end('not a Jira webhook');
      return;
    }
    if (verify) {
      const given = Buffer.from(String(req.headers['x-hub-signature'] ?? ''));
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      );
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401).end();
        return;
      }
    }
    res.writeHead(200).end();
  });
}

/** Bolt's HTTPReceiver (its own request verification), with a url_verification-capable app. */
export async function boltReceiver(signingSecret: string): Promise<Receiver> {
  const receiver = new bolt.HTTPReceiver({
    signingSecret,
    endpoints: '/slack/events',
    logLevel: bolt.LogLevel.ERROR,
  });
  new bolt.App({ receiver, token: 'xoxb-verify-webhook', tokenVerificationEnabled: false });
  const statuses: number[] = [];
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  server.on('request', (_req, res: ServerResponse) =>
    res.on('finish', () => statuses.push(res.statusCode)),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    statuses,
    handled: [],
    close: () => receiver.stop().then(() => undefined),
  };
}

const BOT_INFO = {
  id: 7000000001,
  is_bot: true as const,
  first_name: 'cbi reports',
  username: 'cbi_reports_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/**
 * A grammy bot behind webhookCallback with `secretToken`, with the handlers a real bot has: an
 * echo reply to every text message (which would fail here, answering 500, for a message update).
 */
export async function grammyReceiver(token: string, secretToken: string): Promise<Receiver> {
  const bot = new Bot(token, { botInfo: BOT_INFO });
  const handled: unknown[] = [];
  bot.on('message:text', async (ctx) => {
    handled.push('message');
    await ctx.reply(ctx.message.text);
  });
  bot.use((ctx) => void handled.push(Object.keys(ctx.update)[1]));
  const callback = webhookCallback(bot, 'http', { secretToken });
  const receiver = await listen(
    '/telegram',
    () => undefined,
    (server) => server.on('request', (req, res) => void callback(req, res)),
  );
  receiver.handled = handled;
  return receiver;
}

/** A telegraf bot behind its webhookCallback with `secretToken`. */
export async function telegrafReceiver(token: string, secretToken: string): Promise<Receiver> {
  const bot = new Telegraf(token);
  bot.botInfo = BOT_INFO as unknown as typeof bot.botInfo;
  const handled: unknown[] = [];
  bot.on('text', async (ctx) => {
    handled.push('message');
    await ctx.reply(ctx.message.text);
  });
  bot.use((ctx) => void handled.push(ctx.updateType));
  const callback = bot.webhookCallback('/telegram', { secretToken });
  const receiver = await listen(
    '/telegram',
    () => undefined,
    (server) => server.on('request', (req, res) => void callback(req, res)),
  );
  receiver.handled = handled;
  return receiver;
}
