/** The plugins every sandbox runs, in matching order: one import and one entry per plugin. */
import type { SandboxPlugin } from './core/plugin.js';
import { cloudfrontPlugin } from './cloudfront/plugin.js';
import { codedeployPlugin } from './codedeploy/plugin.js';
import { ecsPlugin } from './ecs/plugin.js';
import { ecsServicesPlugin } from './ecs-services/plugin.js';
import { identityPlugin } from './identity/plugin.js';
import { logsPlugin } from './logs/plugin.js';
import { s3Plugin } from './s3/plugin.js';
import { telegramPlugin } from './telegram/plugin.js';
import { webhooksPlugin } from './webhooks/plugin.js';

export function plugins(): SandboxPlugin[] {
  return [
    ecsPlugin(),
    ecsServicesPlugin(),
    logsPlugin(),
    codedeployPlugin(),
    cloudfrontPlugin(),
    s3Plugin(),
    telegramPlugin(),
    webhooksPlugin(),
    identityPlugin(),
  ];
}
