/**
 * The step's verdict, as a pure function of the Telegram report and the probe records: the
 * one-word `status` and every problem, in the order a person should fix them. The cause comes
 * before its consequences: an endpoint that refuses deliveries signed with 'secret' is the reason
 * the webhook was not registered, so it is named first.
 */
import {
  probeProblem,
  probeResult,
  type ProbeRecord,
  type ProblemContext,
} from './probe-verdict.js';
import type { TelegramReport } from './telegram-check.js';

/**
 * verified: everything checked passed, nothing changed. registered: setWebhook was called, then
 * everything passed. insecure: the endpoint accepted a forged or replayed delivery. mismatch: the
 * webhook is registered elsewhere or with other settings. unhealthy: Telegram reports a recent
 * delivery error or a backlog. failed: a probe got the wrong answer or none (the signed delivery
 * refused: the secret).
 */
export type Status = 'verified' | 'registered' | 'insecure' | 'mismatch' | 'unhealthy' | 'failed';

export interface Verdict {
  status: Status;
  problems: string[];
}

export function judge(
  telegram: TelegramReport | undefined,
  probes: readonly ProbeRecord[],
  ctx: ProblemContext,
): Verdict {
  const problemsOf = (records: readonly ProbeRecord[]) =>
    records.map((record) => probeProblem(record, ctx)).filter((p): p is string => p !== undefined);
  const insecure = problemsOf(
    probes.filter((r) => r.verdict === 'insecure' || r.verdict === 'replayable'),
  );
  const unchanged =
    telegram?.registrationSkipped !== undefined
      ? ` setWebhook was not called, so Telegram's registration is unchanged${
          telegram.differences.length === 0 ? '' : ` (${telegram.differences.join('; ')})`
        }.`
      : '';
  const refused = problemsOf(probes.filter((r) => r.verdict === 'refused')).map(
    (problem) => `${problem}${unchanged}`,
  );
  // When the refusal is why setWebhook was skipped, the differences are part of its message.
  const explained = refused.length > 0 && telegram?.registrationSkipped !== undefined;
  const mismatch =
    telegram?.differences.length && !explained
      ? [
          `The Telegram webhook is not registered as expected: ${telegram.differences.join('; ')}.${
            telegram.registered
              ? ' setWebhook did not take effect.'
              : telegram.registrationSkipped
                ? ` setWebhook was not called: ${telegram.registrationSkipped}.`
                : " Set 'register: true' to fix it."
          }`,
        ]
      : [];
  const unhealthy = telegram?.health.problems ?? [];
  const others = problemsOf(
    probes.filter((r) => !['insecure', 'replayable', 'refused'].includes(r.verdict)),
  );
  const problems = [...insecure, ...refused, ...mismatch, ...unhealthy, ...others];

  let status: Status;
  if (probeResult(probes) === 'insecure') status = 'insecure';
  else if (refused.length > 0) status = 'failed';
  else if (mismatch.length > 0) status = 'mismatch';
  else if (unhealthy.length > 0) status = 'unhealthy';
  else if (problems.length > 0) status = 'failed';
  else status = telegram?.registered ? 'registered' : 'verified';
  return { status, problems };
}
