/** The `webhooks` section of a scenario: receivers under `/hooks/<name>` and how they behave. */
export type ReceiverScheme =
  'telegram' | 'github' | 'slack' | 'stripe' | 'standard-webhooks' | 'svix' | 'jira' | 'hmac';

export interface WebhookEndpointSeed {
  scheme: ReceiverScheme;
  /** The Telegram secret token, or the signing secret. */
  secret: string;
  /** For scheme hmac: the header, algorithm (sha256), prefix ('') and encoding (hex). */
  hmac?: {
    header: string;
    algorithm?: 'sha1' | 'sha256' | 'sha512';
    prefix?: string;
    encoding?: 'hex' | 'base64';
  };
  /**
   * correct: verify, 2xx when authentic, `rejectStatus` otherwise. accepts-everything: 200 to
   * anything (an insecure endpoint). wrong-status: `status` to anything.
   */
  behaviour?: 'correct' | 'accepts-everything' | 'wrong-status';
  /** Answer to an unauthenticated delivery (correct) or to everything (wrong-status); default 401 / 400. */
  rejectStatus?: number;
  status?: number;
  /** Warming up: `status` (503) for the first `requests` deliveries, or for `seconds` (scenario seconds) after start. */
  warmup?: { requests?: number; seconds?: number; status?: number };
  /** Slack, Stripe, Standard Webhooks and Svix timestamp tolerance in real seconds (default 300). */
  toleranceSeconds?: number;
}

export interface WebhooksScenario {
  endpoints?: Record<string, WebhookEndpointSeed>;
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    webhooks?: WebhooksScenario;
  }
}
