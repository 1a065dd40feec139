/**
 * Shared pieces of the verify-webhook end-to-end tests: runs the bundle with action.yml's defaults
 * (as the runner applies them) and scans everything a run printed or produced for the secrets.
 */
import { expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { derivedForms } from '../../../src/lib/mask.js';
import { secretVariants, standardKey, type Provider } from '../../../src/verify-webhook/signing.js';
import type { Sandbox } from '../../../sandbox/index.js';
import {
  STANDARD_SECRET,
  STRIPE_SECRET,
  WEBHOOK_BOT_TOKEN,
  WEBHOOK_SECRET,
} from '../../../sandbox/scenarios/webhook-common.js';
import { runBundle, type RunOptions, type RunResult } from '../../support/run-bundle.js';

export { STANDARD_SECRET, STRIPE_SECRET, WEBHOOK_BOT_TOKEN as TOKEN, WEBHOOK_SECRET as SECRET };

const metadata = parse(readFileSync('actions/verify-webhook/action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};
const DEFAULTS = Object.fromEntries(
  Object.entries(metadata.inputs)
    .filter(([, spec]) => spec.default !== undefined)
    .map(([name, spec]) => [name, String(spec.default)]),
);

/** Every run of every test, for the leak scan. */
export const runs: { name: string; result: RunResult; secrets: string[] }[] = [];

export async function verify(
  sandbox: Sandbox,
  inputs: Record<string, string>,
  name = expect.getState().currentTestName ?? 'run',
  options: Pick<RunOptions, 'signals'> = {},
): Promise<RunResult> {
  const result = await runBundle(
    'verify-webhook',
    { ...DEFAULTS, 'timeout-seconds': '3', ...inputs },
    { env: sandbox.env(), timeoutMs: 30_000, ...options },
  );
  const secrets = [
    ...(inputs.secret ? secretVariants(inputs.provider as Provider, inputs.secret) : []),
    ...decodedKeyText(inputs.provider, inputs.secret),
    inputs['telegram-bot-token'],
  ].filter((s): s is string => s !== undefined && s !== '');
  runs.push({ name, result, secrets });
  expectNoSecret(result, secrets);
  return result;
}

/**
 * A whsec_ key's decoded bytes as text, when they are text (the sandbox's keys are), so the scan
 * also looks for the key the HMAC is really keyed with.
 */
function decodedKeyText(provider: string | undefined, secret: string | undefined): string[] {
  if (!secret || (provider !== 'standard-webhooks' && provider !== 'svix')) return [];
  const key = standardKey(secret);
  const text = key?.toString('utf8') ?? '';
  return /^[\x20-\x7e]{8,}$/.test(text) ? [text] : [];
}

/** Telegram inputs pointing at the sandbox's Bot API and its receiver `/hooks/<hook>`. */
export const telegramInputs = (sandbox: Sandbox, hook = 'telegram') => ({
  provider: 'telegram',
  url: `${sandbox.url}/hooks/${hook}`,
  secret: WEBHOOK_SECRET,
  'telegram-bot-token': WEBHOOK_BOT_TOKEN,
  'telegram-api-url': sandbox.url,
});

/**
 * No derived form of any secret (raw, URL-encoded, base64, base64url, JSON-escaped) in stdout,
 * stderr, outputs, summary or annotations. The `::add-mask::` commands themselves are how the
 * runner learns what to hide; they are never shown, so they are the only lines left out.
 */
export function expectNoSecret(result: RunResult, secrets: readonly string[]): void {
  const shown = (text: string) =>
    text
      .split(/\r?\n/)
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
  const places: Record<string, string> = {
    stdout: shown(result.stdout),
    stderr: result.stderr,
    outputs: JSON.stringify(result.outputs),
    outputValues: Object.values(result.outputs).join('\n'),
    summary: result.summary,
    annotations: result.annotations.map((a) => a.message).join('\n'),
  };
  const leaks: string[] = [];
  for (const secret of secrets)
    for (const form of derivedForms(secret))
      for (const [place, text] of Object.entries(places))
        if (text.includes(form)) leaks.push(`${place} contains a form of a secret`);
  expect(leaks).toEqual([]);
}

export const errors = (result: RunResult) =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
