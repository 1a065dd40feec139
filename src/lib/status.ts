/**
 * The `status` output on paths no action handles itself: a request cut off by the deadline, a
 * cancellation, an error thrown before the action set its status. Read back from the runner's
 * output file, so an action's own status always wins.
 */
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { DeadlineExceededError } from './deadline.js';

/** Whether `status` was already written to GITHUB_OUTPUT in this step. */
export function statusWasSet(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.GITHUB_OUTPUT;
  if (!file) return false;
  try {
    return /^status(=|<<)/m.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/** `timed-out` for an error caused by the deadline, `failed` for anything else. */
export function statusForError(error: unknown): 'timed-out' | 'failed' {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof DeadlineExceededError) return 'timed-out';
    current = (current as { cause?: unknown }).cause;
  }
  return 'failed';
}

/** Sets `status` from the error when the action has not set it. */
export function ensureStatus(error: unknown): void {
  if (!statusWasSet()) core.setOutput('status', statusForError(error));
}
