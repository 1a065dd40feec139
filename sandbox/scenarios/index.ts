/** Scenarios by name, for `startSandbox('<name>')` and `npm run sandbox -- <name>`: one line each. */
import type { Scenario } from '../core/scenario.js';
import { demo } from './demo.js';
import { bluegreenLanggraph } from './bluegreen-langgraph.js';
import { empty } from './empty.js';
import { frontendPublish } from './frontend-publish.js';
import { migrationCases } from './migration-cases.js';
import { nativeDeploy } from './native-deploy.js';
import { oneOffTasks } from './one-off-tasks.js';
import { pipelines, pipelinesPaused } from './pipelines.js';
import { webhookReceivers } from './webhook-receivers.js';
import { webhookTelegram } from './webhook-telegram.js';
import { webhookTelegramBacklog } from './webhook-telegram-backlog.js';
import { webhookTelegramFreshError } from './webhook-telegram-fresh-error.js';
import { webhookTelegramMismatch } from './webhook-telegram-mismatch.js';
import { webhookTelegramStaleError } from './webhook-telegram-stale-error.js';
import { rollingDeploy } from './rolling-deploy.js';

export const scenarios: Record<string, Scenario> = {
  'rolling-deploy': rollingDeploy,
  'bluegreen-langgraph': bluegreenLanggraph,
  demo,
  empty,
  'frontend-publish': frontendPublish,
  'migration-cases': migrationCases,
  'native-deploy': nativeDeploy,
  'one-off-tasks': oneOffTasks,
  pipelines,
  'pipelines-paused': pipelinesPaused,
  'webhook-receivers': webhookReceivers,
  'webhook-telegram': webhookTelegram,
  'webhook-telegram-backlog': webhookTelegramBacklog,
  'webhook-telegram-fresh-error': webhookTelegramFreshError,
  'webhook-telegram-mismatch': webhookTelegramMismatch,
  'webhook-telegram-stale-error': webhookTelegramStaleError,
};

export function scenarioNamed(name: string): Scenario {
  const scenario = scenarios[name];
  if (!scenario)
    throw new Error(
      `Unknown sandbox scenario "${name}"; known: ${Object.keys(scenarios).sort().join(', ')}`,
    );
  return scenario;
}
