/**
 * The sandbox: a local simulator of the AWS and Telegram calls the pack makes, on one loopback
 * HTTP server. `startSandbox('rolling-deploy')` in a test, `npm run sandbox -- <scenario>` by hand.
 */
import { CallLog } from './core/calls.js';
import { Clock } from './core/clock.js';
import { Faults } from './core/faults.js';
import type { PluginContext, SandboxPlugin, SandboxState } from './core/plugin.js';
import type { Scenario } from './core/scenario.js';
import { listen, router } from './core/server.js';
import { plugins as defaultPlugins } from './plugins.js';
import { scenarioNamed } from './scenarios/index.js';

export type { CallEntry } from './core/calls.js';
export type { FaultSpec, FaultKind, RateLimit } from './core/faults.js';
export type { Scenario, ScenarioSections } from './core/scenario.js';
export type { SandboxPlugin, PluginContext, SandboxState } from './core/plugin.js';
export { CallLog, Clock, Faults };

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Playback speed of scenario timelines: 0.02 runs a 20 s event after 0.4 s. Default 1. */
  timeScale?: number;
  /** Replaces the plugin list (tests of a single plugin). */
  plugins?: SandboxPlugin[];
}

export interface Sandbox {
  url: string;
  scenario: Scenario;
  env(): Record<string, string>;
  calls: CallLog;
  faults: Faults;
  clock: Clock;
  state: SandboxState & Record<string, unknown>;
  /** The context plugins run with (for helpers such as `registerEcsOperations`). */
  context: PluginContext;
  close(): Promise<void>;
}

export async function startSandbox(
  scenario: Scenario | string = {},
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const resolved = typeof scenario === 'string' ? scenarioNamed(scenario) : scenario;
  const clock = new Clock(options.timeScale ?? resolved.timeScale ?? 1);
  const plugins = options.plugins ?? defaultPlugins();
  const ctx: PluginContext = {
    clock,
    calls: new CallLog(),
    faults: new Faults(),
    scenario: resolved,
    state: {} as SandboxState & Record<string, unknown>,
    url: '',
  };
  for (const limit of resolved.rateLimits ?? []) ctx.faults.limit(limit);
  const server = await listen(options.port ?? 0, router(plugins, ctx));
  ctx.url = server.url;
  const started: SandboxPlugin[] = [];
  const stopAll = async () => {
    for (const plugin of started.reverse()) await plugin.stop?.();
  };
  try {
    for (const plugin of plugins) {
      await plugin.start?.(ctx);
      started.push(plugin);
    }
  } catch (error) {
    await stopAll();
    await server.close();
    throw error;
  }
  let closed = false;
  return {
    url: server.url,
    scenario: resolved,
    calls: ctx.calls,
    faults: ctx.faults,
    clock,
    state: ctx.state,
    context: ctx,
    env: () => ({
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIASANDBOXEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'sandbox-secret-access-key',
      AWS_ENDPOINT_URL: server.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...Object.assign({}, ...plugins.map((p) => p.env?.() ?? {})),
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      await stopAll();
      await server.close();
    },
  };
}
