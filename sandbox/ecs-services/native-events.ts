/**
 * The clock helpers of native deployments: every queued event carries the deployment's epoch, so
 * a change of course (rollback, stop, a newer deployment) leaves older events doing nothing.
 */
import type { PluginContext } from '../core/plugin.js';
import { FINISHED, schedule, type DeploymentRecord, type ServiceRecord } from './state.js';

export const isLive = (d: DeploymentRecord): boolean => d.status !== 'INACTIVE';
export const isFinished = (d: DeploymentRecord) => FINISHED.includes(d.serviceDeploymentStatus);

/** Runs `fn` at `seconds` after `at` unless the deployment changed course meanwhile. */
export function later(
  ctx: PluginContext,
  svc: ServiceRecord,
  dep: DeploymentRecord,
  at: number,
  seconds: number,
  fn: (when: number) => void,
): void {
  const epoch = dep.native!.epoch;
  const when = ctx.clock.at(at, seconds);
  schedule(ctx, svc, when, () => {
    if (dep.native!.epoch === epoch && !isFinished(dep)) fn(when);
  });
}

export function touch(dep: DeploymentRecord, at: number): void {
  dep.updatedAt = Math.max(dep.updatedAt, at);
}
