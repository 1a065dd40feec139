/** Scenarios by name, for `startSandbox('<name>')` and `npm run sandbox -- <name>`: one line each. */
import type { Scenario } from '../core/scenario.js';
import { empty } from './empty.js';
import { frontendPublish } from './frontend-publish.js';
import { oneOffTasks } from './one-off-tasks.js';

export const scenarios: Record<string, Scenario> = {
  empty,
  'frontend-publish': frontendPublish,
  'one-off-tasks': oneOffTasks,
};

export function scenarioNamed(name: string): Scenario {
  const scenario = scenarios[name];
  if (!scenario)
    throw new Error(
      `Unknown sandbox scenario "${name}"; known: ${Object.keys(scenarios).sort().join(', ')}`,
    );
  return scenario;
}
