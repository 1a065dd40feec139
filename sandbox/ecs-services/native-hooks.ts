/**
 * Lifecycle hooks of native deployments: AWS_LAMBDA hooks answer as the scenario scripts them
 * (`native.hookResults`); PAUSE hooks wait AWAITING_ACTION for ContinueServiceDeployment or their
 * expiry, then take their timeout action.
 */
import { randomBytes } from 'node:crypto';
import type { DeploymentLifecycleHook, DeploymentLifecycleHookDetail } from '@aws-sdk/client-ecs';
import type { PluginContext } from '../core/plugin.js';
import { later, touch } from './native-events.js';
import type { PlanStep } from './native-plan.js';
import { startRollback } from './native-rollback.js';
import { addEvent, type DeploymentRecord, type ServiceRecord } from './state.js';

const HOOK_MINUTES = 60;

export function hooksFor(
  dep: DeploymentRecord,
  step: PlanStep,
): { hook: DeploymentLifecycleHook; stage: string }[] {
  return step.hooks.flatMap((stage) =>
    dep.config.lifecycleHooks
      .filter((h) => (h.lifecycleStages ?? []).includes(stage))
      .map((hook) => ({ hook, stage })),
  );
}

/** Runs the step's hooks one after the other; all must succeed before the deployment moves on. */
export function runHooks(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  hooks: { hook: DeploymentLifecycleHook; stage: string }[],
  k: number,
  step: PlanStep,
  at: number,
  then: (at: number) => void,
): void {
  const entry = hooks[k];
  if (!entry) {
    then(at);
    return;
  }
  const { hook, stage } = entry;
  const n = dep.native!;
  const pause = hook.targetType === 'PAUSE';
  const minutes = hook.timeoutConfiguration?.timeoutInMinutes ?? HOOK_MINUTES;
  const timeoutAction = hook.timeoutConfiguration?.action ?? 'ROLLBACK';
  const detail: DeploymentLifecycleHookDetail = {
    hookId: `${pause ? 'ecs-pause' : 'ecs-hook'}-${randomBytes(32).toString('base64url')}`,
    targetType: pause ? 'PAUSE' : 'AWS_LAMBDA',
    ...(pause || !hook.hookTargetArn ? {} : { targetArn: hook.hookTargetArn }),
    status: pause ? 'AWAITING_ACTION' : 'IN_PROGRESS',
    expiresAt: new Date(ctx.clock.at(at, minutes * 60)),
    timeoutAction,
  };
  n.hooks.push(detail);
  touch(dep, at);
  const name = pause ? `pause hook ${detail.hookId}` : `lifecycle hook ${hook.hookTargetArn ?? ''}`;
  const proceed = (when: number) => runHooks(ctx, svc, dep, hooks, k + 1, step, when, then);
  const resolve = (status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT', when: number, why?: string) => {
    detail.status = status;
    delete n.waiting;
    touch(dep, when);
    if (status === 'SUCCEEDED') proceed(when);
    else if (status === 'TIMED_OUT' && timeoutAction === 'CONTINUE') proceed(when);
    else
      startRollback(ctx, svc, dep, when, why ?? `The ${name} at ${stage} ended ${status}.`, false);
  };
  later(ctx, svc, dep, at, minutes * 60, (when) => {
    if (detail.status === 'AWAITING_ACTION' || detail.status === 'IN_PROGRESS')
      resolve(
        'TIMED_OUT',
        when,
        `The ${name} at ${stage} timed out (timeout action ${timeoutAction}).`,
      );
  });
  if (pause) {
    addEvent(
      svc,
      at,
      `(service ${svc.name}) (deployment ${dep.id}) is paused at ${stage}: hook ${detail.hookId} awaits action.`,
    );
    n.waiting = {
      hookId: detail.hookId!,
      resume: (action, when) =>
        action === 'CONTINUE'
          ? resolve('SUCCEEDED', when)
          : resolve(
              'FAILED',
              when,
              `ContinueServiceDeployment rolled the deployment back at ${stage} (hook ${detail.hookId}).`,
            ),
    };
    return;
  }
  const result = (dep.rollout.native?.hookResults ?? []).find(
    (r) =>
      (!r.hookTargetArn || r.hookTargetArn === hook.hookTargetArn) &&
      (!r.stage || r.stage === stage),
  ) ?? { status: 'SUCCEEDED' as const };
  const outcome = result.status;
  if (outcome === 'IN_PROGRESS') return;
  later(ctx, svc, dep, at, result.afterSeconds ?? 2, (when) => {
    if (detail.status !== 'IN_PROGRESS') return;
    resolve(
      outcome,
      when,
      `Lifecycle hook ${hook.hookTargetArn ?? ''} returned hookStatus FAILED at ${stage}.`,
    );
  });
}
