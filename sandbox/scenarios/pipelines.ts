/**
 * The AWS side of every example pipeline, for `npm run pipeline` and its e2e tests: the CBI
 * cluster, migration task, dashboard bucket, distribution and Telegram bot of the `demo` scenario,
 * played back 50x faster than real time.
 */
import type { Scenario } from '../core/scenario.js';
import { demo } from './demo.js';

export const pipelines: Scenario = {
  ...demo,
  name: 'pipelines',
  description: 'Every example pipeline: CBI (cbi-production, dashboard, Telegram webhook).',
  timeScale: 0.02,
};
