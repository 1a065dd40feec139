/**
 * `rollback-on-failure` for rolling deploys: when a deployment failed or timed out and ECS did not
 * roll it back, put the previous revision back with UpdateService and wait for that deployment.
 * The step still fails; the result says what was restored and whether it became stable.
 */
import * as core from '@actions/core';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { messageOf } from '../lib/errors.js';
import { revisionName } from './judge.js';
import type { ServicePlan } from './render.js';
import type { Restore, ServiceResult } from './types.js';
import type { RollingContext } from './rolling.js';
import { watch } from './watch.js';

export interface RestoreRequest {
  result: ServiceResult;
  plan: ServicePlan;
}

export type RestoreContext = RollingContext;

export async function restoreAll(requests: RestoreRequest[], ctx: RestoreContext): Promise<void> {
  const clock = ctx.clock ?? Date.now;
  const begun: { request: RestoreRequest; deploymentId: string; start: number }[] = [];
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
      begun.push({ request, deploymentId: id, start });
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
  const watched = await watch(
    ctx.ecs,
    ctx.inputs.cluster,
    begun.map((b) => ({
      service: b.request.plan.name,
      deploymentId: b.deploymentId,
      taskDefinitionArn: b.request.plan.previousTaskDefinitionArn,
      priorTaskDefinitionArns: [],
    })),
    {
      intervalMs: ctx.inputs['poll-interval-seconds'],
      deadline: clock() + ctx.inputs['timeout-minutes'],
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.clock ? { clock: ctx.clock } : {}),
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
      log: (line) => ctx.log(`${line} (restore)`),
    },
  );
  begun.forEach((b, i) => {
    const w = watched[i]!;
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
  });
}
