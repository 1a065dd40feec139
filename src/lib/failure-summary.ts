/**
 * What every failing run tells, whatever the action: `status` set to `failed` (unless the action
 * already set a more precise one, such as `timed-out` or `rolled-back`), and a job summary whose
 * first line says whether production changed, from the writes this step made (call-record.ts).
 */
import * as core from '@actions/core';
import { existsSync, readFileSync } from 'node:fs';
import { productionWrites, writesSoFar, type Write } from './call-record.js';
import type { JobSummary } from './summary.js';

/** Whether this step already wrote output `name` (GITHUB_OUTPUT is the step's own file). */
export function outputWritten(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_OUTPUT;
  if (!file || !existsSync(file)) return false;
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => line.startsWith(`${name}<<`) || line.startsWith(`${name}=`));
}

export function ensureFailedStatus(): void {
  if (!outputWritten('status')) core.setOutput('status', 'failed');
}

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
