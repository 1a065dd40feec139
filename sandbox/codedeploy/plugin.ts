/**
 * The CodeDeploy plugin: ECS blue/green deployments played back from scripted timelines
 * (lifecycle events, canary/linear traffic shifting, hook failures, alarm stops, StopDeployment,
 * automatic rollback deployments, the termination wait).
 */
import type * as CodeDeploy from '@aws-sdk/client-codedeploy';
import { jsonService } from '../core/json-protocol.js';
import type {
  PluginContext,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from '../core/plugin.js';
import { codedeployHandlers } from './handlers.js';
import { codedeployState } from './state.js';

export const CODEDEPLOY_TARGET_PREFIX = 'CodeDeploy_20141006.';

export function codedeployPlugin(): SandboxPlugin {
  let dispatch: ((req: SandboxRequest) => Promise<SandboxResponse>) | undefined;
  let context: PluginContext | undefined;
  const setup = (ctx: PluginContext) => {
    context = ctx;
    dispatch = jsonService<typeof CodeDeploy>(codedeployHandlers(ctx));
  };
  return {
    name: 'codedeploy',
    match: (req) => req.target.startsWith(CODEDEPLOY_TARGET_PREFIX),
    async start(ctx) {
      codedeployState(ctx);
      setup(ctx);
    },
    handle(req, ctx) {
      if (!dispatch || context !== ctx) setup(ctx);
      return dispatch!(req);
    },
  };
}
