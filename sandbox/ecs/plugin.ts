/** The ECS plugin: task definitions and tasks, plus operations other plugins register. */
import type * as ECS from '@aws-sdk/client-ecs';
import { jsonService } from '../core/json-protocol.js';
import type {
  PluginContext,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from '../core/plugin.js';
import { taskHandlers } from './run-task.js';
import { ecsState } from './state.js';
import { register, taskDefinitionHandlers } from './task-definitions.js';

export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

export function ecsPlugin(): SandboxPlugin {
  let dispatch: ((req: SandboxRequest) => Promise<SandboxResponse>) | undefined;
  let context: PluginContext | undefined;
  const setup = (ctx: PluginContext) => {
    const state = ecsState(ctx);
    context = ctx;
    dispatch = jsonService<typeof ECS>(
      { ...taskDefinitionHandlers(state, () => ctx.clock.date()), ...taskHandlers(ctx) },
      { fallback: (operation) => state.operations.get(operation) },
    );
  };
  return {
    name: 'ecs',
    match: (req) => req.target.startsWith(ECS_TARGET_PREFIX),
    async start(ctx) {
      const state = ecsState(ctx);
      for (const seed of ctx.scenario.ecs?.taskDefinitions ?? [])
        register(state, seed, ctx.clock.date());
      setup(ctx);
    },
    handle(req, ctx) {
      if (!dispatch || context !== ctx) setup(ctx);
      return dispatch!(req);
    },
  };
}
