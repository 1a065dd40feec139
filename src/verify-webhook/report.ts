/** The job summary of verify-webhook: registration, health, probes, timeline and verdict. */
import type { JobSummary, Phase } from '../lib/summary.js';
import { describeAnswer, type ProbeRecord } from './probe-verdict.js';
import type { TelegramReport } from './telegram-check.js';
import { DEFAULT_MAX_CONNECTIONS, formatAge } from './telegram-verdict.js';
import type { Verdict } from './verdict.js';

export interface ReportInput {
  provider: string;
  url: string;
  telegram?: TelegramReport;
  probes: readonly ProbeRecord[];
  probeMode: string;
  /** `reject-status` as a person writes it (4xx). */
  rejectStatus?: string;
  phases: readonly Phase[];
  verdict: Verdict;
  /** Applied to every text that came from a server or a user. */
  redact: (text: string) => string;
}

const PROBE_WORDS: Record<ProbeRecord['verdict'], string> = {
  passed: 'passed',
  insecure: 'INSECURE: accepted',
  replayable: 'INSECURE: replay accepted',
  refused: 'refused',
  'not-ready': 'not ready',
  'wrong-status': 'wrong status',
  'not-sent': 'not sent',
};

export function writeReport(summary: JobSummary, input: ReportInput): void {
  const { telegram, redact } = input;
  const icon = input.verdict.problems.length === 0 ? '✅' : '❌';
  summary.heading(`${icon} Webhook verification: ${input.verdict.status}`);
  const rows: string[][] = [
    ['Provider', input.provider],
    ['Endpoint', redact(input.url)],
  ];
  if (telegram) {
    const { info, health } = telegram;
    rows.push(
      ['Telegram delivers to', info.url === '' ? '(no webhook set)' : redact(info.url)],
      [
        'Registration',
        telegram.registered
          ? `setWebhook called: ${redact(telegram.reasons.join('; '))}`
          : telegram.registrationSkipped
            ? `setWebhook not called: ${telegram.registrationSkipped}${telegram.differences.length > 0 ? `; differs: ${redact(telegram.differences.join('; '))}` : ''}`
            : telegram.differences.length > 0
              ? `differs: ${redact(telegram.differences.join('; '))}`
              : 'matches',
      ],
      ['Pending updates', String(info.pending_update_count)],
      ['Max connections', String(info.max_connections ?? DEFAULT_MAX_CONNECTIONS)],
      [
        'Allowed updates',
        info.allowed_updates?.length ? info.allowed_updates.join(', ') : 'default',
      ],
      ['IP address', info.ip_address ?? ''],
      ['Custom certificate', info.has_custom_certificate ? 'yes' : 'no'],
      [
        'Last delivery error',
        health.lastError
          ? `${redact(health.lastError.message)} (${formatAge(health.lastError.ageMs)} ago; ${health.lastError.counts ? 'counts' : `ignored: ${health.lastError.ignoredBecause}`})`
          : 'none',
      ],
    );
  }
  rows.push([
    'Probes',
    input.probeMode === 'none'
      ? input.probes.length > 0
        ? 'none (the signed update before setWebhook only)'
        : 'skipped'
      : input.probeMode,
  ]);
  if (input.rejectStatus && input.probes.some((r) => r.delivery.expect === 'reject'))
    rows.push(['Counted as a refusal', input.rejectStatus]);
  summary.table(['Check', 'Result'], rows);
  if (input.probes.length > 0) {
    summary.heading('Probe deliveries', 3).table(
      ['Delivery', 'Expected', 'Answer', 'Attempts', 'Result'],
      input.probes.map((r) => [
        r.delivery.description,
        r.delivery.expect === 'reject' ? 'rejected' : '2xx',
        describeAnswer(r.answer),
        String(r.attempts),
        PROBE_WORDS[r.verdict],
      ]),
    );
  }
  summary.timeline('verify-webhook', input.phases);
  if (input.verdict.problems.length > 0)
    summary.heading('Problems', 3).list(input.verdict.problems.map(redact));
  const warnings = telegram?.health.warnings ?? [];
  if (warnings.length > 0) summary.heading('Warnings', 3).list(warnings.map(redact));
}
