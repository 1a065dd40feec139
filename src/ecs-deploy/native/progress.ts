/**
 * What changed in a service deployment between two polls (pure): one line per change of status,
 * lifecycle stage, production or test traffic weight, or hook status; and the summary timeline,
 * one phase per lifecycle stage.
 */
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { Phase } from '../../lib/summary.js';

export interface View {
  status?: string;
  stage?: string;
  production?: number;
  test?: number;
  hooks: Map<string, string>;
}

export function viewOf(sd: ServiceDeployment): View {
  const target = sd.targetServiceRevision;
  const view: View = { hooks: new Map() };
  if (sd.status) view.status = sd.status;
  if (sd.lifecycleStage) view.stage = sd.lifecycleStage;
  if (target?.requestedProductionTrafficWeight !== undefined)
    view.production = target.requestedProductionTrafficWeight;
  if (target?.requestedTestTrafficWeight !== undefined)
    view.test = target.requestedTestTrafficWeight;
  for (const hook of sd.lifecycleHookDetails ?? [])
    if (hook.hookId) view.hooks.set(hook.hookId, hook.status ?? 'UNKNOWN');
  return view;
}

/** The lines for what changed from `before` (undefined at the first poll) to `after`. */
export function changes(service: string, before: View | undefined, after: View): string[] {
  const lines: string[] = [];
  if (after.status !== before?.status) lines.push(`${service}: status ${after.status ?? '?'}`);
  if (after.stage !== before?.stage && after.stage)
    lines.push(`${service}: lifecycle stage ${after.stage}`);
  if (after.production !== before?.production && after.production !== undefined)
    lines.push(`${service}: production traffic ${after.production}% on the new revision`);
  if (after.test !== before?.test && after.test !== undefined)
    lines.push(`${service}: test traffic ${after.test}% on the new revision`);
  for (const [hookId, status] of after.hooks) {
    if (before?.hooks.get(hookId) !== status)
      lines.push(`${service}: hook ${hookId} ${status}${after.stage ? ` (${after.stage})` : ''}`);
  }
  return lines;
}

/** Lifecycle stages as they were seen, with the time each was first seen. */
export class StageTimeline {
  private readonly seen: { stage: string; at: number }[] = [];

  observe(stage: string | undefined, at: number): void {
    if (!stage || this.seen.at(-1)?.stage === stage) return;
    this.seen.push({ stage, at });
  }

  phases(section: string, end: number, failed: boolean): Phase[] {
    return this.seen.map((s, i) => {
      const last = i === this.seen.length - 1;
      return {
        section,
        name: s.stage,
        start: s.at,
        end: last ? end : this.seen[i + 1]!.at,
        state: last && failed ? 'failed' : 'done',
      };
    });
  }
}

/** The ECS console page of a service deployment. */
export function consoleLink(serviceDeploymentArn: string): string | undefined {
  // arn:aws:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>
  const m =
    /^arn:aws[a-z-]*:ecs:([a-z0-9-]+):\d{12}:service-deployment\/([^/]+)\/([^/]+)\/(.+)$/.exec(
      serviceDeploymentArn,
    );
  if (!m) return undefined;
  const [, region, cluster, service, id] = m;
  return `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${cluster}/services/${service}/deployments/${id}?region=${region}`;
}
