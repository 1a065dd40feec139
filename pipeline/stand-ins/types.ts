import type { JobState, RunnerConfig } from '../types.js';

export interface StandInCall {
  config: RunnerConfig;
  job: JobState;
  with: Record<string, string>;
  /** The action's own `uses:` (for messages). */
  uses: string;
}

/** A third-party action's stand-in: returns its outputs, throws an Error when the action would fail. */
export type StandIn = (call: StandInCall) => Promise<Record<string, string>>;

export const bool = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : value.trim().toLowerCase() === 'true';
