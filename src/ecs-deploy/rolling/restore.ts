/**
 * `rollback-on-failure` for rolling deploys: when a deployment failed or timed out and ECS did not
 * roll it back, put the previous revision back with UpdateService and wait for that deployment.
 * The step still fails; the result says what was restored and whether it became stable.
 */
import * as core from '@actions/core';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { messageOf } from '../../lib/errors.js';
import { revisionName, type Tracking } from './judge.js';
import type { ServicePlan } from '../render.js';
import type { Restore, ServiceResult } from '../types.js';
import type { RollingContext } from './deploy.js';
import { watch } from './watch.js';
import { rollBack } from '../native/undo.js';

export interface RestoreRequest {
  result: ServiceResult;
  plan: ServicePlan;
  /** Set when the deployment has a service deployment: it is rolled back, never re-deployed. */
  serviceDeploymentArn?: string;
  revisions?: Map<string, string>;
  cancelled?: boolean;
}

export type RestoreContext = RollingContext;

/** How long a cancelled run spends rolling back (GitHub sends SIGTERM 7.5 s after SIGINT). */
export const CANCEL_BUDGET_MS = 6_000;
/** The least time given to following a rollback after a failure or a timeout. */
export const MIN_ROLLBACK_BUDGET_MS = 5 * 60_000;

/**
 * StopServiceDeployment(ROLLBACK) for the requests that have a service deployment. Returns those
 * whose service deployment had already ended STOPPED (a rolling deployment ECS stopped without
 * rolling back, e.g. the circuit breaker with rollback off): only UpdateService can restore them.
 */
async function rollBackAll(
  requests: RestoreRequest[],
  ctx: RestoreContext,
): Promise<RestoreRequest[]> {
  const clock = ctx.clock ?? Date.now;
  const cancelled = requests.some((r) => r.cancelled);
  if (cancelled)
    ctx.log(
      `The run was cancelled: rolling back ${requests.map((r) => r.plan.name).join(', ')} with StopServiceDeployment(ROLLBACK) before the runner's SIGTERM.`,
    );
  const revisions = new Map<string, string>();
  for (const r of requests) for (const [k, v] of r.revisions ?? []) revisions.set(k, v);
  const undone = await rollBack(
    ctx.ecs,
    requests.map((r) => ({
      service: r.plan.name,
      serviceDeploymentArn: r.serviceDeploymentArn!,
      previousTaskDefinitionArn: r.plan.previousTaskDefinitionArn,
    })),
    {
      cluster: ctx.inputs.cluster,
      intervalMs: cancelled ? Math.min(ctx.inputs.pollIntervalMs, 500) : ctx.inputs.pollIntervalMs,
      deadline:
        clock() +
        (cancelled ? CANCEL_BUDGET_MS : Math.max(ctx.inputs.timeoutMs, MIN_ROLLBACK_BUDGET_MS)),
      revisions,
      log: ctx.log,
      ...(ctx.clock ? { clock: ctx.clock } : {}),
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    },
  );
  const stopped: RestoreRequest[] = [];
  undone.forEach((u, i) => {
    const r = requests[i]!;
    if (u.last?.status === 'STOPPED' && !r.cancelled) {
      ctx.log(
        `${r.plan.name}: its service deployment is STOPPED, not rolled back; restoring the previous revision.`,
      );
      stopped.push(r);
      return;
    }
    r.result.restore = u.restore;
    r.result.message += ` ${u.restore.message}`;
    r.result.phases.push({
      section: r.plan.name,
      name: 'rolling back (StopServiceDeployment)',
      start: u.start,
      end: u.end,
      state: u.restore.outcome === 'restored' ? 'done' : 'failed',
    });
  });
  return stopped;
}

export async function restoreAll(all: RestoreRequest[], ctx: RestoreContext): Promise<void> {
  const clock = ctx.clock ?? Date.now;
  const withDeployment = all.filter((r) => r.serviceDeploymentArn);
  const requests = all.filter((r) => !r.serviceDeploymentArn);
  if (withDeployment.length > 0) requests.push(...(await rollBackAll(withDeployment, ctx)));
  const begun: {
    request: RestoreRequest;
    deploymentId: string;
    start: number;
    tracking: Tracking;
  }[] = [];
  for (const request of requests) {
    const previous = request.plan.previousTaskDefinitionArn;
    const start = clock();
    try {
      const out = await ctx.ecs.send(
        new UpdateServiceCommand({
          cluster: ctx.inputs.cluster,
          service: request.plan.name,
          taskDefinition: previous,
        }),
      );
      const id = out.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
      ctx.log(
        `${request.plan.name}: rollback-on-failure: restoring ${revisionName(previous)} as deployment ${id}.`,
      );
      begun.push({
        request,
        deploymentId: id,
        start,
        tracking: {
          service: request.plan.name,
          deploymentId: id,
          taskDefinitionArn: previous,
          priorTaskDefinitionArns: [],
        },
      });
    } catch (error) {
      const message = `${request.plan.name}: could not restore ${revisionName(previous)}: ${messageOf(error)}. Restore it by hand: aws ecs update-service --cluster ${ctx.inputs.cluster} --service ${request.plan.name} --task-definition ${previous}`;
      core.warning(message);
      request.result.restore = {
        taskDefinitionArn: previous,
        deploymentId: '',
        outcome: 'failed',
        message,
      };
      request.result.message += ` ${message}`;
    }
  }
  if (begun.length === 0) return;
  const watched = await watch(ctx.ecs, ctx.inputs.cluster, begun, {
    intervalMs: ctx.inputs.pollIntervalMs,
    deadline: clock() + Math.max(ctx.inputs.timeoutMs, MIN_ROLLBACK_BUDGET_MS),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.clock ? { clock: ctx.clock } : {}),
    ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
    log: (line) => ctx.log(`${line} (restore)`),
  });
  for (const w of watched) {
    const b = w.item;
    const name = revisionName(b.request.plan.previousTaskDefinitionArn);
    const outcome: Restore['outcome'] =
      w.judgement?.verdict === 'succeeded'
        ? 'restored'
        : w.outcome === 'judged'
          ? 'failed'
          : 'timed-out';
    const message =
      outcome === 'restored'
        ? `rollback-on-failure restored ${name} (deployment ${b.deploymentId} completed).`
        : outcome === 'failed'
          ? `rollback-on-failure tried to restore ${name}, but that deployment did not succeed: ${w.judgement?.message ?? ''}`
          : `rollback-on-failure started restoring ${name} (deployment ${b.deploymentId}), which had not finished when the wait ended.`;
    ctx.log(`${b.request.plan.name}: ${message}`);
    b.request.result.restore = {
      taskDefinitionArn: b.request.plan.previousTaskDefinitionArn,
      deploymentId: b.deploymentId,
      outcome,
      message,
    };
    b.request.result.message += ` ${message}`;
    b.request.result.phases.push({
      section: b.request.plan.name,
      name: `restoring ${name}`,
      start: b.start,
      end: w.at,
      state: outcome === 'restored' ? 'done' : 'failed',
    });
  }
}
