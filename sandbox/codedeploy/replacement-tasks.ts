/**
 * The replacement (green) task set's tasks of a CodeDeploy deployment, when its script has
 * `replacementTasks`: launched in the ECS sandbox when Install begins, as tasks of the service
 * (`group: service:<name>`) started by the green task set (`startedBy`: its id, the `identifer`
 * BatchGetDeploymentTargets shows). They crash as scripted, writing their awslogs lines first.
 * One wave: a crashed task is not replaced (see sandbox/README.md).
 */
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { createTask } from '../ecs/tasks.js';
import type { DeploymentRecord } from './timeline.js';
import { planOf, replacementTaskSetId } from './timeline.js';

export function launchReplacementTasks(
  ctx: PluginContext,
  record: DeploymentRecord,
  definition: TaskDefinition,
): void {
  const script = record.script.replacementTasks;
  if (!script || record.rollbackOf) return;
  const install = planOf(record, (s) => ctx.clock.scale(s)).events.find(
    (e) => e.name === 'Install',
  );
  const containers = definition.containerDefinitions ?? [];
  const main = (containers.find((c) => c.essential !== false) ?? containers[0])?.name ?? 'app';
  for (let i = 0; i < (script.count ?? 2); i++) {
    createTask(ctx, {
      cluster: record.group.cluster,
      taskDefinition: definition,
      script: {
        pendingAfter: 1,
        runningAfter: script.runningAfter ?? 2,
        runSeconds: script.crashAfter ?? 3,
        stoppedReason: script.stoppedReason ?? 'Essential container in task exited',
        containers: {
          [main]: {
            exitCode: script.exitCode ?? 1,
            ...(script.reason ? { reason: script.reason } : {}),
            ...(script.logs ? { logs: script.logs } : {}),
          },
        },
      },
      startedBy: replacementTaskSetId(record),
      group: `service:${record.group.service}`,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      createdAt: install?.start ?? ctx.clock.now(),
    });
  }
}
