/**
 * Creates AWS SDK v3 clients the same way for every action. Region, endpoints and credentials
 * come only from the SDK's standard configuration (AWS_REGION, AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_<SERVICE>, the credential chain); the pack adds its user agent and a retry
 * policy suited to CI, both overridable with the standard AWS_RETRY_MODE / AWS_MAX_ATTEMPTS.
 * Credentials come from the SDK's default chain; a failure to resolve them is told for people
 * (src/lib/credentials.ts).
 *
 * Every request is bounded: the SDK's NodeHttpHandler gets a connection timeout, a timeout for
 * the answer to begin (`requestTimeout`, thrown as the SDK's TimeoutError, which it retries) and
 * an idle-socket timeout that catches an answer that stops half-way. A request sent without its
 * own `abortSignal` is bounded by the action's deadline (src/lib/deadline.ts) once the action has
 * started one, and settles at that deadline even if the SDK is between its own retries.
 * `PACK_REQUEST_TIMEOUT_SECONDS` overrides the answer and idle timeouts (for slow links).
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { actionName } from './action-name.js';
import { currentActionDeadline, untilAborted } from './deadline.js';
import { explainingFailures } from './credentials.js';
import { PACK_NAME, PACK_VERSION } from './version.js';

export interface ClientTuning {
  /** Total attempts per request (SDK default 3). */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
  /** Longest wait for an answer to begin, per attempt (the upload of a body included). */
  requestTimeoutMs?: number;
}

export const DEFAULT_TUNING: Required<ClientTuning> = {
  maxAttempts: 6,
  retryMode: 'standard',
  requestTimeoutMs: 60_000,
};

/** Longest wait for a TCP connection. */
export const CONNECTION_TIMEOUT_MS = 10_000;
/** Longest silence of a socket in the middle of a request or an answer. */
export const SOCKET_IDLE_TIMEOUT_MS = 30_000;

export interface HttpTimeouts {
  connectionTimeout: number;
  requestTimeout: number;
  socketTimeout: number;
  throwOnRequestTimeout: true;
}

export interface CommonClientConfig {
  customUserAgent: [string, string][];
  maxAttempts: number;
  retryMode: string;
  region?: string;
  /** NodeHttpHandler options (the SDK builds its handler from them). */
  requestHandler: HttpTimeouts;
}

/** The HTTP timeouts of every client; `PACK_REQUEST_TIMEOUT_SECONDS` overrides the answer ones. */
export function httpTimeouts(env: NodeJS.ProcessEnv, tuning: ClientTuning = {}): HttpTimeouts {
  const override = Number(env.PACK_REQUEST_TIMEOUT_SECONDS) * 1000;
  const given = Number.isFinite(override) && override > 0 ? Math.round(override) : undefined;
  return {
    connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, given ?? CONNECTION_TIMEOUT_MS),
    requestTimeout: given ?? tuning.requestTimeoutMs ?? DEFAULT_TUNING.requestTimeoutMs,
    socketTimeout: given ?? SOCKET_IDLE_TIMEOUT_MS,
    throwOnRequestTimeout: true,
  };
}

/** The configuration passed to every client; exported for tests. */
export function clientConfig(
  env: NodeJS.ProcessEnv = process.env,
  tuning: ClientTuning = {},
  action?: string,
): CommonClientConfig {
  const attemptsFromEnv = Number(env.AWS_MAX_ATTEMPTS);
  const modeFromEnv = env.AWS_RETRY_MODE;
  const userAgent: [string, string][] = [[PACK_NAME, PACK_VERSION]];
  if (action) userAgent.push([`${PACK_NAME}-action`, action]);
  const config: CommonClientConfig = {
    customUserAgent: userAgent,
    maxAttempts:
      Number.isInteger(attemptsFromEnv) && attemptsFromEnv > 0
        ? attemptsFromEnv
        : (tuning.maxAttempts ?? DEFAULT_TUNING.maxAttempts),
    retryMode:
      modeFromEnv === 'standard' || modeFromEnv === 'adaptive'
        ? modeFromEnv
        : (tuning.retryMode ?? DEFAULT_TUNING.retryMode),
    requestHandler: httpTimeouts(env, tuning),
  };
  // The SDK reads AWS_REGION itself; AWS_DEFAULT_REGION is what many CI setups export instead.
  if (!env.AWS_REGION && env.AWS_DEFAULT_REGION) config.region = env.AWS_DEFAULT_REGION;
  return config;
}

type CredentialChain = typeof defaultProvider;

let sharedChain: ReturnType<CredentialChain> | undefined;

/**
 * The SDK's default credential chain, failing with a message that says what to check. One chain
 * serves every client of the process, so its memoised credentials are resolved once per step (one
 * STS call for a web identity, not one per client).
 */
const explainingDefaultProvider: CredentialChain = (init) =>
  (sharedChain ??= explainingFailures(defaultProvider(init)) as ReturnType<CredentialChain>);

export function createClient<C>(
  Client: new (config: CommonClientConfig & { credentialDefaultProvider: CredentialChain }) => C,
  tuning: ClientTuning = {},
  overrides: { region?: string } = {},
): C {
  const client = new Client({
    ...clientConfig(process.env, tuning, actionName()),
    ...overrides,
    credentialDefaultProvider: explainingDefaultProvider,
  });
  boundByDeadline(client as unknown as Sendable);
  return client;
}

interface SendOptions {
  abortSignal?: AbortSignal;
}
type Sendable = {
  send: (command: unknown, options?: SendOptions | unknown, cb?: unknown) => unknown;
};

/**
 * Gives every request sent without its own `abortSignal` the action's deadline signal, and makes
 * the call settle when that signal fires (the SDK does not abort its retry back-off). The
 * client class's `send` is looked up on each call, so a test double installed later still
 * answers.
 */
function boundByDeadline(client: Sendable): void {
  client.send = (command, options, cb) => {
    const send = Object.getPrototypeOf(client).send as Sendable['send'];
    if (typeof options === 'function' || cb !== undefined)
      return send.call(client, command, options, cb);
    const own = (options as SendOptions | undefined)?.abortSignal;
    const signal = own ?? currentActionDeadline()?.signal;
    if (!signal) return send.call(client, command, options);
    return untilAborted(
      send.call(client, command, {
        ...(options as SendOptions),
        abortSignal: signal,
      }) as Promise<unknown>,
      signal,
    );
  };
}
