/**
 * The plugin contract of the sandbox: a plugin answers the requests it matches, keeps its state
 * in the shared registry and reads its own section of the scenario.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CallLog } from './calls.js';
import type { Clock } from './clock.js';
import type { Faults } from './faults.js';
import type { Scenario } from './scenario.js';

export interface SandboxRequest {
  method: string;
  /** The path without the query string, e.g. `/2020-05-31/distribution/E1/invalidation`. */
  path: string;
  /** The request target exactly as sent (path and query string), for a proxy to forward. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The `X-Amz-Target` header of JSON 1.1 requests (`Service.Operation`), or ''. */
  target: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What a request is, for the call log and for fault matching. */
export interface RequestIdentity {
  service: string;
  operation: string;
  input: unknown;
}

/** A service error to answer with, in the plugin's own wire shape. */
export interface FaultError {
  code: string;
  message: string;
  status: number;
}

/**
 * Per-plugin state, extended by each plugin through declaration merging:
 * `declare module '../core/plugin.js' { interface SandboxState { ecs: EcsState } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SandboxState {}

export interface PluginContext {
  clock: Clock;
  calls: CallLog;
  faults: Faults;
  scenario: Scenario;
  /** The shared state registry (`ctx.state.ecs`, ...). */
  state: SandboxState & Record<string, unknown>;
  /** The sandbox's own base URL, e.g. `http://127.0.0.1:4566`. */
  url: string;
}

export interface SandboxPlugin {
  name: string;
  match(req: SandboxRequest): boolean;
  handle(req: SandboxRequest, ctx: PluginContext): Promise<SandboxResponse>;
  /** Names the request for the call log and fault matching; JSON 1.1 requests need none. */
  identify?(req: SandboxRequest): RequestIdentity;
  /** Answers an injected fault in this plugin's wire shape (XML, Telegram...); JSON 1.1 by default. */
  faultResponse?(error: FaultError, req: SandboxRequest): SandboxResponse;
  start?(ctx: PluginContext): Promise<void>;
  stop?(): Promise<void>;
  env?(): Record<string, string>;
}
