/**
 * Step 1 of a migration, read-only: the service (when given), the task definition and, with new
 * images, the definition to register; the target container, the RunTask request and the names
 * that identify this start (startedBy for the migration, clientToken for this request).
 * Everything is resolved and validated here, before the first mutating call.
 */
import type { ECSClient, RunTaskCommandInput, Service } from '@aws-sdk/client-ecs';
import type { RegisteredTaskDefinition } from '../lib/task-definition-registry.js';
import {
  applyImages,
  canonicalTaskDefinition,
  pickContainer,
  stripReadOnly,
  type ContainerDoc,
  type TaskDefinitionDoc,
} from '../lib/task-definition.js';
import { clientTokenFor, runIdentity, startedByFor } from './identity.js';
import type { Inputs } from './inputs.js';
import { assertRunTaskLimits, planLaunch } from './launch.js';
import { describeService, resolveTaskDefinition } from './source.js';
import type { ContainerRole } from './verdict.js';

export interface MigrationPlan {
  migrationName: string;
  source: RegisteredTaskDefinition;
  /** The definition with the new images, to register (undefined: run the source as it is). */
  rendered?: TaskDefinitionDoc;
  target: ContainerDoc;
  container: string;
  roles: ContainerRole[];
  /** The RunTask request without taskDefinition (known after registering), startedBy and token. */
  request: RunTaskCommandInput;
  /** Where launch settings came from, for the log. */
  sources: string[];
  startedBy: string;
  clientToken: string;
}

export async function planMigration(
  ecs: Pick<ECSClient, 'send'>,
  inputs: Inputs,
): Promise<MigrationPlan> {
  const service: Service | undefined = inputs.service
    ? await describeService(ecs, inputs.cluster, inputs.service)
    : undefined;
  const ref = inputs['task-definition'] ?? service?.taskDefinition ?? '';
  const source = await resolveTaskDefinition(
    ecs,
    ref,
    inputs['task-definition'] ? 'task-definition' : 'service',
  );
  const rendered =
    inputs.images.size > 0
      ? applyImages(stripReadOnly(source.definition), inputs.images)
      : undefined;
  const definition = rendered ?? source.definition;
  const target = pickContainer(definition, inputs.container);
  const container = String(target.name);
  const draft = planLaunch({
    inputs,
    ...(service ? { service } : {}),
    taskDefinitionArn: source.arn,
    definition,
    container,
  });
  assertRunTaskLimits(draft.request);
  const migrationName = inputs['migration-name'] ?? source.family;
  // With new images, the revision is named by its content: a retried step finds the family's
  // latest revision to be the one its first attempt registered, and must get the same token.
  const clientToken = clientTokenFor(runIdentity(), {
    ...draft.request,
    ...(rendered ? { taskDefinition: canonicalTaskDefinition(rendered) } : {}),
  });
  return {
    migrationName,
    source,
    ...(rendered ? { rendered } : {}),
    target,
    container,
    roles: (definition.containerDefinitions ?? []).map((c) => ({
      name: String(c.name),
      essential: c.essential !== false,
    })),
    request: draft.request,
    sources: draft.sources,
    startedBy: startedByFor(migrationName),
    clientToken,
  };
}
