/**
 * A webhook receiver under `/hooks/<name>`: verifies deliveries as the named scheme does
 * (Telegram secret token, GitHub X-Hub-Signature-256, Jira X-Hub-Signature, Slack v0 with a
 * 5-minute timestamp tolerance, Stripe `t=,v1=` with a tolerance, Standard Webhooks and Svix
 * `v1,` signatures with a tolerance, generic HMAC), or misbehaves as scripted:
 * accepts everything, answers a wrong status, or warms up (503) for some requests or seconds.
 * Every delivery is kept in `state.webhooks.deliveries` for tests to inspect.
 */
import type {
  PluginContext,
  RequestIdentity,
  SandboxPlugin,
  SandboxResponse,
} from '../core/plugin.js';
import type { WebhookEndpointSeed } from './scenario.js';
import { verifyDelivery } from './verify.js';
import './scenario.js';

export const HOOKS_PREFIX = '/hooks/';

export interface ReceivedDelivery {
  endpoint: string;
  at: number;
  status: number;
  authentic: boolean;
  reason?: string;
  body: string;
}

export interface WebhooksState {
  endpoints: Map<string, WebhookEndpointSeed & { received: number }>;
  deliveries: ReceivedDelivery[];
  startedAt: number;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    webhooks?: WebhooksState;
  }
}

export function webhooksState(ctx: PluginContext): WebhooksState {
  if (!ctx.state.webhooks)
    ctx.state.webhooks = { endpoints: new Map(), deliveries: [], startedAt: ctx.clock.now() };
  return ctx.state.webhooks;
}

/** Adds or replaces a receiver at run time (tests that script one endpoint). */
export function addEndpoint(ctx: PluginContext, name: string, seed: WebhookEndpointSeed): string {
  webhooksState(ctx).endpoints.set(name, { ...seed, received: 0 });
  return `${ctx.url}${HOOKS_PREFIX}${name}`;
}

const json = (status: number, body: object): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const nameOf = (path: string) =>
  decodeURIComponent(path.slice(HOOKS_PREFIX.length).split('/')[0] ?? '');

export function webhooksPlugin(): SandboxPlugin {
  return {
    name: 'webhooks',
    match: (req) => req.path.startsWith(HOOKS_PREFIX),
    async start(ctx) {
      const state = webhooksState(ctx);
      state.startedAt = ctx.clock.now();
      for (const [name, seed] of Object.entries(ctx.scenario.webhooks?.endpoints ?? {}))
        state.endpoints.set(name, { ...seed, received: 0 });
    },
    identify(req): RequestIdentity {
      return {
        service: 'webhooks',
        operation: 'delivery',
        input: { endpoint: nameOf(req.path), bytes: req.body.length },
      };
    },
    faultResponse: (error) => json(error.status, { error: error.message }),
    async handle(req, ctx) {
      const state = webhooksState(ctx);
      const name = nameOf(req.path);
      const endpoint = state.endpoints.get(name);
      if (!endpoint) return json(404, { error: 'Not Found' });
      if (req.method !== 'POST') return json(405, { error: 'Method Not Allowed' });
      endpoint.received += 1;
      const now = ctx.clock.now();
      const record = (status: number, authentic: boolean, reason?: string): SandboxResponse => {
        state.deliveries.push({
          endpoint: name,
          at: now,
          status,
          authentic,
          ...(reason ? { reason } : {}),
          body: req.body.toString('utf8'),
        });
        return json(
          status,
          status < 300 ? { ok: true } : { ok: false, error: reason ?? 'rejected' },
        );
      };
      const check = verifyDelivery(endpoint, req.headers, req.body, now);
      const authentic = check.authentic;
      const reason = check.authentic ? undefined : check.reason;
      const warm = endpoint.warmup;
      if (warm) {
        const warming =
          (warm.requests !== undefined && endpoint.received <= warm.requests) ||
          (warm.seconds !== undefined && now < ctx.clock.at(state.startedAt, warm.seconds));
        if (warming) return record(warm.status ?? 503, authentic, 'warming up');
      }
      switch (endpoint.behaviour ?? 'correct') {
        case 'accepts-everything':
          return record(200, authentic, reason);
        case 'wrong-status':
          return record(endpoint.status ?? 400, authentic, reason);
        case 'correct':
          return authentic
            ? record(200, true)
            : record(endpoint.rejectStatus ?? 401, false, reason);
      }
    },
  };
}
