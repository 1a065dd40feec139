/** Scenarios by name, for `startSandbox('<name>')` and `npm run sandbox -- <name>`: one line each. */
import type { Scenario } from '../core/scenario.js';
import { empty } from './empty.js';
import { oneOffTasks } from './one-off-tasks.js';

export const scenarios: Record<string, Scenario> = {
  empty,
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
