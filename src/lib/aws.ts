/**
 * Creates AWS SDK v3 clients the same way for every action. Region, endpoints and credentials
 * come only from the SDK's standard configuration (AWS_REGION, AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_<SERVICE>, the credential chain); the pack adds its user agent and a retry
 * policy suited to CI, both overridable with the standard AWS_RETRY_MODE / AWS_MAX_ATTEMPTS.
 * Credentials come from the SDK's default chain; a failure to resolve them is told for people
 * (src/lib/credentials.ts).
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { actionName } from './action-name.js';
import { recordCalls } from './call-record.js';
import { explainingFailures } from './credentials.js';
import { PACK_NAME, PACK_VERSION } from './version.js';

export interface ClientTuning {
  /** Total attempts per request (SDK default 3). */
  maxAttempts?: number;
  retryMode?: 'standard' | 'adaptive';
}

export const DEFAULT_TUNING: Required<ClientTuning> = { maxAttempts: 6, retryMode: 'standard' };

export interface CommonClientConfig {
  customUserAgent: [string, string][];
  maxAttempts: number;
  retryMode: string;
  region?: string;
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
  // Every call is recorded: what changed, and the request of a failed call for its message.
  recordCalls(client as unknown as Parameters<typeof recordCalls>[0]);
  return client;
}
