/**
 * A scenario is data: one optional section per plugin. Each plugin adds its section's type by
 * declaration merging:
 * `declare module '../core/scenario.js' { interface ScenarioSections { logs?: LogsScenario } }`.
 * Sections of plugins that do not declare one stay loose records.
 */
import type { RateLimit } from './faults.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScenarioSections {}

export interface ScenarioBase {
  name?: string;
  description?: string;
  /** The playback speed this scenario is meant for (overridden by the `timeScale` option). */
  timeScale?: number;
  /** Per-operation rate limits in real time, e.g. `{ operation: 'RegisterTaskDefinition', perSecond: 1 }`. */
  rateLimits?: RateLimit[];
}

export type Scenario = ScenarioBase & ScenarioSections & { [section: string]: unknown };
