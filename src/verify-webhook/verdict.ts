/**
 * The step's verdict, as a pure function of the Telegram report and the probe records: the
 * one-word `status` and every problem, in the order a person should fix them.
 */
import { probeProblem, probeResult, type ProbeRecord } from './probe-verdict.js';
import type { TelegramReport } from './telegram-check.js';

/**
 * verified: everything checked passed, nothing changed. registered: setWebhook was called, then
 * everything passed. insecure: the endpoint accepted a forged delivery. mismatch: the webhook is
 * registered elsewhere or with other settings. unhealthy: Telegram reports a recent delivery
 * error or a backlog. failed: a probe got the wrong answer or none.
 */
export type Status = 'verified' | 'registered' | 'insecure' | 'mismatch' | 'unhealthy' | 'failed';

export interface Verdict {
  status: Status;
  problems: string[];
}

export function judge(
  telegram: TelegramReport | undefined,
  probes: readonly ProbeRecord[],
  rejectStatus: readonly number[],
): Verdict {
  const mismatch = telegram?.differences.length
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
  const problemsOf = (records: readonly ProbeRecord[]) =>
    records
      .map((record) => probeProblem(record, rejectStatus))
      .filter((p): p is string => p !== undefined);
  const problems = [
    ...problemsOf(probes.filter((r) => r.verdict === 'insecure')),
    ...mismatch,
    ...unhealthy,
    ...problemsOf(probes.filter((r) => r.verdict !== 'insecure')),
  ];

  const result = probeResult(probes);
  let status: Status;
  if (result === 'insecure') status = 'insecure';
  else if (mismatch.length > 0) status = 'mismatch';
  else if (unhealthy.length > 0) status = 'unhealthy';
  else if (problems.length > 0) status = 'failed';
  else status = telegram?.registered ? 'registered' : 'verified';
  return { status, problems };
}
