/**
 * verify-webhook: inputs -> Telegram registration read -> probe deliveries -> setWebhook (with
 * `register`, only once the probes passed; with a secret, only once the endpoint accepted an
 * update carrying it) and a second read -> outputs, summary and verdict.
 */
import { info } from '../lib/log.js';
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { OutcomeError } from '../lib/errors.js';
import { redactor } from '../lib/mask.js';
import type { ActionContext } from '../lib/run.js';
import { annotateCause, type Phase } from '../lib/summary.js';
import { planDeliveries, wrongSecretFor } from './deliveries.js';
import { readInputs, readSecrets, type Inputs } from './inputs.js';
import { runProbes } from './probe.js';
import { describeStatuses, probeResult, type ProbeRecord } from './probe-verdict.js';
import { writeReport } from './report.js';
import { TelegramClient } from './telegram-api.js';
import {
  completeTelegram,
  expectedRegistration,
  inspectTelegram,
  type TelegramReport,
} from './telegram-check.js';
import { secretVariants } from './signing.js';
import { judge } from './verdict.js';

export async function main(ctx: ActionContext): Promise<void> {
  let inputs: Inputs;
  try {
    inputs = readInputs(readSecrets());
  } catch (error) {
    core.setOutput('probe-result', 'skipped');
    core.setOutput('status', 'failed');
    throw error;
  }
  const redact = redactor([
    ...(inputs.secret ? secretVariants(inputs.provider, inputs.secret) : []),
    inputs.telegram?.token,
  ]);
  const log = (line: string) => info(redact(line));
  const phases: Phase[] = [];
  let telegram: TelegramReport | undefined;
  let probes: ProbeRecord[] = [];
  const fail = (error: unknown): never => {
    core.setOutput('probe-result', probeResult(probes));
    core.setOutput('status', 'failed');
    if (telegram) setTelegramOutputs(telegram, redact);
    throw error;
  };
  try {
    const settings = inputs.telegram;
    const client =
      settings &&
      new TelegramClient(settings.apiUrl, settings.token, { signal: ctx.signal, log, redact });
    const inspection =
      settings && client
        ? await core.group('Telegram webhook registration', () =>
            inspectTelegram(client, expectedRegistration(inputs.url, inputs.secret, settings), log),
          )
        : undefined;
    probes = await probe(inputs, ctx, redact, log, phases);
    if (ctx.signal.aborted)
      throw new OutcomeError('The run was cancelled before the webhook was verified.');
    if (settings && client && inspection) {
      telegram = await core.group('Telegram webhook state', () =>
        completeTelegram(client, inspection, settings, log, blockedBy(probes)),
      );
      phases.push(...telegram.phases);
      phases.sort((a, b) => a.start - b.start);
    }
  } catch (error) {
    fail(error);
  }

  const verdict = judge(telegram, probes, {
    provider: inputs.provider,
    rejectStatus: inputs.rejectStatus,
  });
  core.setOutput('webhook-url', redact(telegram ? telegram.info.url : inputs.url));
  if (telegram) setTelegramOutputs(telegram, redact);
  core.setOutput('probe-result', probeResult(probes));
  core.setOutput('status', verdict.status);
  for (const warning of telegram?.health.warnings ?? []) core.warning(redact(warning));
  writeReport(ctx.summary, {
    provider: inputs.provider,
    url: inputs.url,
    ...(telegram ? { telegram } : {}),
    probes,
    probeMode: inputs.probe,
    rejectStatus: describeStatuses(inputs.rejectStatus),
    phases,
    verdict,
    redact,
  });
  if (verdict.problems.length === 0) {
    log(`Webhook ${verdict.status}.`);
    return;
  }
  for (const problem of verdict.problems)
    annotateCause(redact(problem), `verify-webhook: ${verdict.status}`);
  const more = verdict.problems.length - 1;
  throw new OutcomeError(
    redact(
      `${verdict.problems[0]}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''}; see the annotations)` : ''}`,
    ),
  );
}

async function probe(
  inputs: Inputs,
  ctx: ActionContext,
  redact: (text: string) => string,
  log: (line: string) => void,
  phases: Phase[],
): Promise<ProbeRecord[]> {
  if (inputs.secret === undefined) return [];
  const secret = inputs.secret;
  const start = Date.now();
  const deliveries = planDeliveries({
    provider: inputs.provider,
    secret,
    mode: inputs.probe,
    // Registering a secret the endpoint does not hold would make it refuse every real update.
    signed: inputs.telegram?.register === true,
    nowSeconds: Math.floor(start / 1000),
    wrongSecret: wrongSecretFor(secret, undefined, inputs.provider),
    nonce: randomUUID(),
    ...(inputs.hmac ? { hmac: inputs.hmac } : {}),
  });
  if (deliveries.length === 0) return [];
  const records = await core.group(`Probe deliveries to ${redact(inputs.url)}`, () =>
    runProbes({
      url: inputs.url,
      deliveries,
      rejectStatus: inputs.rejectStatus,
      deadline: start + inputs.timeoutMs,
      backoff: { baseMs: Math.min(1000, Math.max(50, inputs.timeoutMs / 20)), capMs: 15_000 },
      signal: ctx.signal,
      log,
    }),
  );
  const failed = records.some((r) => r.verdict !== 'passed');
  phases.push({
    section: 'Endpoint',
    name: 'probes',
    start,
    end: Date.now(),
    state: failed ? 'failed' : 'done',
  });
  return records;
}

/** Why setWebhook must not be called after these probes, if it must not. */
function blockedBy(probes: readonly ProbeRecord[]): string | undefined {
  if (probes.some((r) => r.verdict === 'refused'))
    return "the endpoint refused an update carrying the secret token from 'secret'";
  if (probes.some((r) => r.verdict !== 'passed')) return 'the endpoint failed its probe deliveries';
  return undefined;
}

function setTelegramOutputs(report: TelegramReport, redact: (text: string) => string): void {
  core.setOutput('webhook-url', redact(report.info.url));
  core.setOutput('pending-update-count', String(report.info.pending_update_count));
  core.setOutput('last-error-message', redact(report.info.last_error_message ?? ''));
}
