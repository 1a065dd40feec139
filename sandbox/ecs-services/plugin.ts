/**
 * The ECS services plugin: services, rolling deployments and their history, served behind the
 * ECS target prefix through `registerEcsOperations`. Scenario section: `ecsServices`.
 */
import type { PluginContext, SandboxPlugin } from '../core/plugin.js';
import { ecsState, registerEcsOperations } from '../ecs/state.js';
import { findTaskDefinition } from '../ecs/task-definitions.js';
import { startDeployment } from './engine.js';
import { serviceHandlers } from './handlers.js';
import { configFromScript, serviceArn, servicesState, type ServiceRecord } from './state.js';
import { launchVolumeNames } from './volumes.js';

export function seedServices(ctx: PluginContext): void {
  const state = servicesState(ctx);
  const now = ctx.clock.now();
  for (const script of ctx.scenario.ecsServices?.services ?? []) {
    const svc: ServiceRecord = {
      script,
      name: script.name,
      cluster: script.cluster,
      arn: serviceArn(script.cluster, script.name),
      desiredCount: script.desiredCount ?? 2,
      createdAt: now - 30 * 86_400_000,
      deployments: [],
      history: [],
      revisions: new Map(),
      events: [],
      queue: [],
      deploysSeen: 0,
      config: configFromScript(script),
      volumeConfigurations: script.volumeConfigurations ?? [],
    };
    state.services.push(svc);
    const revisions = [...(script.history ?? []), script.taskDefinition];
    revisions.forEach((ref, i) => {
      const def = findTaskDefinition(ecsState(ctx), ref)?.definition;
      if (!def)
        throw new Error(
          `ecsServices: ${script.name} names ${ref}, which the ecs section does not register.`,
        );
      const at = now - (revisions.length - i) * 86_400_000;
      // Only revisions with a volume configured at launch ran with the service's EBS configuration.
      const volumes = launchVolumeNames(def).length > 0 ? svc.volumeConfigurations : [];
      startDeployment(ctx, svc, def, at, {
        rollout: { tasks: 'healthy' },
        settled: true,
        volumeConfigurations: volumes,
      });
    });
  }
}

export function ecsServicesPlugin(): SandboxPlugin {
  return {
    name: 'ecs-services',
    // Requests reach these handlers through the ECS plugin's operation table.
    match: () => false,
    handle: () => Promise.reject(new Error('ecs-services answers through the ECS plugin')),
    async start(ctx) {
      seedServices(ctx);
      registerEcsOperations(ctx, serviceHandlers(ctx));
    },
  };
}
