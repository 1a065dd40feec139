import type { Scenario } from '../core/scenario.js';

/** Nothing registered, any cluster accepted: tests build their own state. */
export const empty: Scenario = {
  name: 'empty',
  description: 'No resources; any cluster name is accepted.',
};
