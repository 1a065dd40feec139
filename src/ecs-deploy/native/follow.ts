/**
 * Follows ECS-native deployments (BLUE_GREEN, LINEAR, CANARY) by their service deployments, all
 * in one poll, within each one's budget: one log line per change of status, stage, traffic
 * weight or hook; a PAUSE hook awaiting action reported at once (and, with `on-pause: stop`,
 * the end of the wait: the deployment is left paused); the verdict from `judgeServiceDeployment`.
 */
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { PausedHook } from '../types.js';
import { judgeServiceDeployment, shortId, type NativeVerdict } from './judge.js';
import { changes, StageTimeline, viewOf, type View } from './progress.js';
import { watchServiceDeployments, type Ecs } from './watch.js';

export interface Followed {
  service: string;
  serviceDeploymentArn: string;
  taskDefinitionArn: string;
  /** Epoch ms after which this one has timed out. */
  deadline: number;
  /** Set when judged (anything but in-progress). */
  verdict?: Exclude<NativeVerdict, { verdict: 'in-progress' }>;
  /** Set when a PAUSE hook awaits action and `on-pause` is `stop`. */
  paused?: PausedHook[];
  outcome: 'judged' | 'paused' | 'timed-out' | 'cancelled';
  last?: ServiceDeployment;
  lastService?: Service;
  view?: View;
  timeline: StageTimeline;
  at: number;
  /** True once this run asked ECS to stop or roll it back. */
  stoppedByUs?: boolean;
  /** True while a rollback this run asked for (hook-action: rollback) is followed to its end. */
  followingRollback?: boolean;
}

export interface FollowOptions {
  cluster: string;
  intervalMs: number;
  onPause: 'stop' | 'wait';
  /**
   * A rollback this run asked for (hook-action: rollback) is followed to ROLLBACK_SUCCESSFUL or
   * ROLLBACK_FAILED instead of being judged at ROLLBACK_IN_PROGRESS.
   */
  followRollbacks?: boolean;
  signal?: AbortSignal;
  revisions: Map<string, string>;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function pausedHooksOf(f: Followed, sd: ServiceDeployment): PausedHook[] {
  return (sd.lifecycleHookDetails ?? [])
    .filter((h) => h.status === 'AWAITING_ACTION' && h.hookId)
    .map((h) => ({
      service: f.service,
      serviceDeploymentArn: f.serviceDeploymentArn,
      hookId: h.hookId!,
      lifecycleStage: sd.lifecycleStage ?? 'UNKNOWN',
      ...(h.expiresAt ? { expiresAt: h.expiresAt.toISOString() } : {}),
    }));
}

export async function followNative(
  ecs: Ecs,
  followed: readonly Followed[],
  options: FollowOptions,
): Promise<void> {
  const clock = options.clock ?? Date.now;
  const reported = new Set<string>();
  const outcome = await watchServiceDeployments(ecs, followed, {
    cluster: options.cluster,
    intervalMs: options.intervalMs,
    deadline: Math.max(...followed.map((f) => f.deadline)),
    describeServices: true,
    revisions: options.revisions,
    log: options.log,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    onSnapshot: (f, sd, service, at) => {
      f.at = at;
      if (service) f.lastService = service;
      if (!sd) {
        if (at >= f.deadline) f.outcome = 'timed-out';
        return at >= f.deadline;
      }
      f.last = sd;
      const view = viewOf(sd);
      for (const line of changes(f.service, f.view, view)) options.log(line);
      f.view = view;
      f.timeline.observe(sd.lifecycleStage, at);
      const verdict = judgeServiceDeployment(sd, {
        service: f.service,
        taskDefinitionArn: f.taskDefinitionArn,
        revisions: options.revisions,
        ...(f.stoppedByUs ? { stoppedByUs: true } : {}),
      });
      if (verdict.verdict !== 'in-progress') {
        f.verdict = verdict;
        if (
          options.followRollbacks &&
          'kind' in verdict &&
          verdict.kind === 'rolling-back' &&
          at < f.deadline
        ) {
          if (!f.followingRollback)
            options.log(
              `${f.service}: ECS is rolling back service deployment ${shortId(f.serviceDeploymentArn)} as asked (${sd.status}); following the rollback to its end.`,
            );
          f.followingRollback = true;
          return false;
        }
        f.outcome = 'judged';
        options.log(verdict.message);
        return true;
      }
      const hooks = pausedHooksOf(f, sd);
      for (const hook of hooks) {
        if (reported.has(hook.hookId)) continue;
        reported.add(hook.hookId);
        options.log(
          `${f.service}: PAUSE hook ${hook.hookId} is awaiting action in ${hook.lifecycleStage} (service deployment ${shortId(f.serviceDeploymentArn)}${hook.expiresAt ? `, expires ${hook.expiresAt}` : ''}); ${options.onPause === 'stop' ? 'leaving it paused (on-pause: stop). Resume it with hook-action: continue or rollback' : 'waiting (on-pause: wait)'}.`,
        );
      }
      if (hooks.length > 0 && options.onPause === 'stop') {
        f.paused = hooks;
        f.outcome = 'paused';
        return true;
      }
      if (at >= f.deadline) {
        f.outcome = 'timed-out';
        return true;
      }
      return false;
    },
  });
  const end = clock();
  for (const f of followed) {
    if (f.outcome === 'judged' || f.outcome === 'paused') continue;
    f.at = end;
    if (f.followingRollback && f.verdict) {
      // The rollback asked for was still under way when the wait ended: judged as seen last.
      f.outcome = 'judged';
      f.verdict = {
        ...f.verdict,
        message: `${f.verdict.message} The wait ended before ECS finished rolling back; watch it in the ECS console.`,
      };
      options.log(f.verdict.message);
      continue;
    }
    f.outcome = outcome === 'cancelled' ? 'cancelled' : 'timed-out';
  }
}
