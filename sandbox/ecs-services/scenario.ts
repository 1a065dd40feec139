/**
 * The `ecsServices` section of a scenario: services on the ECS (rolling) or CODE_DEPLOY
 * controller, and what deploying a revision does to them, as a timeline in scenario seconds.
 */

/** What the tasks of a new deployment do. */
export interface RolloutScript {
  /**
   * `healthy`: tasks start and stay healthy; the deployment completes at `completeAfter`.
   * `crash`: each task runs `crashAfter` seconds, then its essential container exits with
   * `exitCode`; ECS launches replacements and the circuit breaker counts them.
   * `fail-to-start`: tasks stop before RUNNING (`stoppedReason`, e.g. CannotPullContainerError).
   * `hang`: tasks stay PENDING; the deployment never finishes.
   */
  tasks: 'healthy' | 'crash' | 'fail-to-start' | 'hang';
  /** Seconds from launch until a task is RUNNING (default 5). */
  runningAfter?: number;
  /** healthy: seconds from the deployment's start until COMPLETED (default 20). */
  completeAfter?: number;
  /** crash: seconds a task runs before it exits (default 4). */
  crashAfter?: number;
  /** crash: the essential container's exit code (default 1). */
  exitCode?: number;
  /** The container's reason, e.g. `OutOfMemoryError: Container killed due to memory usage`. */
  reason?: string;
  /** The task's stoppedReason (defaults follow ECS). */
  stoppedReason?: string;
  /** Seconds from FAILED until the circuit breaker's rollback deployment completes (default 40). */
  rollbackSeconds?: number;
}

/** Picks the rollout of a deployment: the first rule whose fields all match. */
export interface RolloutRule {
  /** Substring of any container image of the deployed revision. */
  image?: string;
  /** `family:revision` or family of the deployed revision. */
  taskDefinition?: string;
  rollout: RolloutScript;
}

export interface ServiceScript {
  cluster: string;
  name: string;
  /** `family:revision` of a revision registered in the `ecs` section. */
  taskDefinition: string;
  /** Revisions the service ran before, oldest first (its deployment history). */
  history?: string[];
  desiredCount?: number;
  launchType?: 'FARGATE' | 'EC2';
  deploymentController?: 'ECS' | 'CODE_DEPLOY';
  /** Default: enabled with rollback. */
  circuitBreaker?: { enable: boolean; rollback: boolean };
  /** false: deployments carry no rolloutState (classic load balancer, circuit breaker off). */
  rolloutState?: boolean;
  rollouts?: RolloutRule[];
  /** Someone else's UpdateService, `afterSeconds` after the first deploy of this run. */
  interloper?: { afterSeconds: number; taskDefinition: string };
  loadBalancers?: { targetGroupArn: string; containerName: string; containerPort: number }[];
}

export interface EcsServicesScenario {
  services: ServiceScript[];
  /** Rollout of deployments no rule matches (default: healthy). */
  defaultRollout?: RolloutScript;
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    ecsServices?: EcsServicesScenario;
  }
}
