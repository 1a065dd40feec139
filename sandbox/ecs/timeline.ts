/** A task's timeline: pure functions from its record and the time to what ECS would report. */
import type { Clock } from '../core/clock.js';
import type { TaskRecord } from './state.js';

export interface TaskTimes {
  pendingAt: number;
  runningAt: number;
  /** When the task begins stopping (Infinity while it runs on). */
  stopAt: number;
  stoppedAt: number;
  /** Whether the task ever reached RUNNING. */
  ran: boolean;
  stopCode?: string;
  stoppedReason?: string;
  /** Stopped by StopTask (or another plugin) rather than by its own script. */
  userStopped: boolean;
}

export function taskTimes(record: TaskRecord, clock: Clock): TaskTimes {
  const s = record.script;
  const pendingAt = clock.at(record.createdAt, s.pendingAfter ?? 2);
  const runningAt = Math.max(pendingAt, clock.at(record.createdAt, s.runningAfter ?? 5));
  const natural = s.failToStart
    ? runningAt
    : s.runSeconds === null
      ? Infinity
      : clock.at(runningAt, s.runSeconds ?? 10);
  const userStopped = record.stop !== undefined && record.stop.at < natural;
  const stopAt = userStopped ? record.stop!.at : natural;
  const stoppedAt = stopAt + clock.scale(s.stoppingSeconds ?? 1);
  const ran = stopAt > runningAt && !(s.failToStart && !userStopped);
  let stopCode: string | undefined;
  let stoppedReason: string | undefined;
  if (userStopped) {
    stopCode = record.stop!.stopCode;
    stoppedReason = record.stop!.reason;
  } else if (natural !== Infinity) {
    stopCode = s.stopCode ?? (s.failToStart ? 'TaskFailedToStart' : 'EssentialContainerExited');
    stoppedReason =
      s.stoppedReason ??
      (s.failToStart ? 'Task failed to start' : 'Essential container in task exited');
  }
  return { pendingAt, runningAt, stopAt, stoppedAt, ran, stopCode, stoppedReason, userStopped };
}

export type TaskPhase = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'DEPROVISIONING' | 'STOPPED';

export function phaseAt(times: TaskTimes, now: number): TaskPhase {
  if (now >= times.stoppedAt) return 'STOPPED';
  if (now >= times.stopAt) return 'DEPROVISIONING';
  if (now < times.pendingAt) return 'PROVISIONING';
  if (now < times.runningAt) return 'PENDING';
  return 'RUNNING';
}

const PHASE_VERSION: Record<TaskPhase, number> = {
  PROVISIONING: 1,
  PENDING: 2,
  RUNNING: 3,
  DEPROVISIONING: 4,
  STOPPED: 5,
};

export function versionOf(phase: TaskPhase): number {
  return PHASE_VERSION[phase];
}
