/**
 * `dry-run`: render and validate everything, print what would be deployed and a readable diff
 * against each service's live definition, and make no mutating call.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { canonicalTaskDefinition } from '../lib/task-definition.js';
import { diffDefinitions } from './diff.js';
import { revisionName } from './rolling/judge.js';
import { imagesOf, previewRegistration, type ServicePlan } from './render.js';
import type { ServiceResult } from './types.js';

export async function dryRun(
  ecs: Pick<ECSClient, 'send'>,
  plans: readonly ServicePlan[],
  log: (line: string) => void,
): Promise<ServiceResult[]> {
  const results: ServiceResult[] = [];
  // Services rendered to the same definition share one preview (one read of the family).
  const previews = new Map<string, ReturnType<typeof previewRegistration>>();
  for (const plan of plans) {
    const key = plan.rendered ? canonicalTaskDefinition(plan.rendered.definition) : undefined;
    let pending = key === undefined ? undefined : previews.get(key);
    if (!pending) {
      pending = previewRegistration(ecs, plan);
      if (key !== undefined) previews.set(key, pending);
    }
    const preview = await pending;
    const next = plan.rendered?.definition ?? plan.target?.definition ?? {};
    const diff = diffDefinitions(plan.live.definition, next);
    const what = preview.reuse
      ? `would deploy ${revisionName(preview.reuse.arn)}${plan.rendered ? ' (equal to the latest revision: nothing to register)' : ''}`
      : `would register a new revision of ${preview.family} and deploy it`;
    const message = `${plan.name}: ${what}, replacing ${revisionName(plan.previousTaskDefinitionArn)}; ${diff.length === 0 ? 'no change to the task definition' : `${diff.length} change${diff.length === 1 ? '' : 's'}`}.`;
    log(message);
    for (const line of diff) log(`  ${line}`);
    results.push({
      service: plan.name,
      strategy: plan.strategy,
      taskDefinitionArn: preview.reuse?.arn ?? '',
      previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
      deploymentId: '',
      status: 'dry-run',
      seconds: 0,
      phases: [],
      causes: [],
      message,
      images: imagesOf(next),
      preview: { what, diff },
    });
  }
  return results;
}
