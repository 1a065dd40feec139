/** The `ecs` section of a scenario: clusters, registered task definitions and one-off task scripts. */
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';

/** A line a container writes, `at` scenario seconds after the container started. */
export interface LogLineScript {
  at: number;
  message: string;
}

/** `count` generated lines (`<prefix> 1`, `<prefix> 2`, ...), one every `every` seconds. */
export interface LogGenerator {
  count: number;
  every?: number;
  /** When the first line is written, in seconds after the container started (default 0). */
  from?: number;
  prefix?: string;
}

export interface ContainerScript {
  /** The exit code when the task stops (default 0; `null` for a container that never ran). */
  exitCode?: number | null;
  /** The container's `reason` when it stops, e.g. `OutOfMemoryError: Container killed due to memory usage`. */
  reason?: string;
  logs?: LogLineScript[];
  generateLogs?: LogGenerator;
  /** Container health once running (containers with a health check): default HEALTHY. */
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
}

/**
 * A task's timeline in scenario seconds from launch:
 * PROVISIONING -> PENDING (`pendingAfter`) -> RUNNING (`runningAfter`) -> DEPROVISIONING
 * (`runningAfter + runSeconds`) -> STOPPED (`stoppingSeconds` later).
 */
export interface TaskScript {
  pendingAfter?: number;
  runningAfter?: number;
  /** How long the task runs before its essential container exits; `null` runs until stopped. */
  runSeconds?: number | null;
  stoppingSeconds?: number;
  /** Stops before RUNNING with stopCode TaskFailedToStart (give a `stoppedReason`). */
  failToStart?: boolean;
  stopCode?: string;
  stoppedReason?: string;
  /** Per container name; containers not listed exit 0. */
  containers?: Record<string, ContainerScript>;
  /** Exit code of running containers when the task is stopped by StopTask (default 143: SIGTERM). */
  exitCodeOnStop?: number;
  /** Task health once running (default HEALTHY when any container has a health check, else UNKNOWN). */
  healthStatus?: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  /** Seconds after RUNNING until the health status is known (default 0). */
  healthAfter?: number;
}

export interface RunTaskFailure {
  reason: string;
  detail?: string;
}

/** A rule choosing what RunTask does; the first rule that matches a call applies. */
export interface RunTaskRule {
  /** Task definition family to match. */
  family?: string;
  /** Substring of the overridden command (joined with spaces) to match. */
  command?: string;
  startedBy?: string;
  /** Answer RunTask with these failures and start nothing (e.g. `RESOURCE:MEMORY`). */
  failures?: RunTaskFailure[];
  task?: TaskScript;
  /** How many RunTask calls the rule applies to (default: all). */
  times?: number;
}

export type TaskDefinitionSeed = RegisterTaskDefinitionCommandInput;

export interface EcsScenario {
  /** Known clusters; when given, others answer ClusterNotFoundException. */
  clusters?: string[];
  /** Registered in order at start (repeat a family for several revisions). */
  taskDefinitions?: TaskDefinitionSeed[];
  runTask?: RunTaskRule[];
  /** What a task does when no rule says otherwise (default: runs 10 s and exits 0). */
  defaultTask?: TaskScript;
  /** How long a RunTask clientToken is remembered, in scenario seconds (default 24 h). */
  clientTokenTtlSeconds?: number;
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    ecs?: EcsScenario;
  }
}
