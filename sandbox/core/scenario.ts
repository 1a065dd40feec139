/**
 * A scenario is data: one optional section per plugin. Each plugin adds its section's type by
 * declaration merging:
 * `declare module '../core/scenario.js' { interface ScenarioSections { logs?: LogsScenario } }`.
 * Sections of plugins that do not declare one stay loose records.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ScenarioSections {}

export interface ScenarioBase {
  name?: string;
  description?: string;
  /** The playback speed this scenario is meant for (overridden by the `timeScale` option). */
  timeScale?: number;
}

export type Scenario = ScenarioBase & ScenarioSections & { [section: string]: unknown };
