/**
 * What every failing run's job summary tells first, whatever the action: whether production
 * changed, from the writes this step made (call-record.ts). (`status` is set by status.ts.)
 */
import { productionWrites, writesSoFar, type Write } from './call-record.js';
import type { JobSummary } from './summary.js';

const describe = (w: Write): string => `${w.operation}${w.target ? ` ${w.target}` : ''}`;

/** One line: whether production changed, from what this step wrote. */
export function productionChangeLine(
  writes: readonly Write[] = writesSoFar(),
  production: readonly Write[] = productionWrites(),
): string {
  const inert = writes.filter((w) => !production.includes(w));
  const aside =
    inert.length > 0 ? ` (${inert.map(describe).join(', ')}: registered, but nothing runs it)` : '';
  const unknown = production.filter((w) => w.outcome === 'unknown');
  const applied = production.filter((w) => w.outcome === 'applied');
  if (unknown.length > 0) {
    return `**Production may have changed**: ${unknown.map(describe).join(', ')} got no definite answer${applied.length > 0 ? `, after ${applied.map(describe).join(', ')}` : ''}. Check it before re-running.${aside}`;
  }
  if (applied.length > 0) {
    return `**Production was changed** before the step failed: ${applied.map(describe).join(', ')}. What state it was left in is below.${aside}`;
  }
  return `**Production was not changed**: the step failed before any change.${aside}`;
}

/** Puts the change line first, and the failure itself when the action wrote nothing. */
export function writeFailureSummary(summary: JobSummary, action: string, message: string): void {
  const empty = summary.isEmpty();
  if (empty) summary.heading(`❌ ${action}: failed`);
  if (empty) summary.text(message.replace(/\r?\n/g, ' '));
  summary.lead(productionChangeLine());
}
