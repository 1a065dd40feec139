/**
 * The `ecsServices` section of a scenario: services on the ECS controller (ROLLING, or the native
 * BLUE_GREEN / LINEAR / CANARY strategies) or CODE_DEPLOY, and what deploying a revision does to
 * them, as a timeline in scenario seconds.
 */
import type {
  DeploymentAlarms,
  DeploymentLifecycleHook,
  DeploymentStrategy,
  LoadBalancer,
  ServiceDeploymentLifecycleStage,
  ServiceVolumeConfiguration,
} from '@aws-sdk/client-ecs';
import type { LogLineScript } from '../ecs/scenario.js';

/** What a native (BLUE_GREEN / LINEAR / CANARY) deployment meets on its way, per deployment. */
export interface NativeScript {
  /**
   * Results of AWS_LAMBDA hooks: the first entry matching the hook's `hookTargetArn` (omitted:
   * any) and stage (omitted: any) decides. `status` SUCCEEDED (default) or FAILED comes
   * `afterSeconds` (2) after the hook starts; IN_PROGRESS keeps it running until its timeout.
   */
  hookResults?: {
    hookTargetArn?: string;
    stage?: string;
    status: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
    afterSeconds?: number;
  }[];
  /** A CloudWatch alarm of the service's `alarms.alarmNames` goes to ALARM `afterSeconds` after UpdateService. */
  alarm?: { name: string; afterSeconds: number };
  /** How a rollback of this deployment ends (default ROLLBACK_SUCCESSFUL after 10 s). */
  rollback?: {
    outcome?: 'ROLLBACK_SUCCESSFUL' | 'ROLLBACK_FAILED';
    seconds?: number;
    reason?: string;
  };
  /** Someone else's StopServiceDeployment `afterSeconds` after UpdateService (stopType default ABORT). */
  stoppedBy?: { afterSeconds: number; stopType?: 'ABORT' | 'ROLLBACK' };
  /** The deployment reaches this stage and stays there for ever (stuck). */
  hangAt?: ServiceDeploymentLifecycleStage;
  /** Seconds each stage takes (defaults in native-plan.ts: STAGE_SECONDS). */
  stageSeconds?: Partial<Record<ServiceDeploymentLifecycleStage, number>>;
}

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
  /** crash: the lines the essential container writes to its awslogs stream before it exits. */
  logs?: LogLineScript[];
  /** The container's reason, e.g. `OutOfMemoryError: Container killed due to memory usage`. */
  reason?: string;
  /** The task's stoppedReason (defaults follow ECS). */
  stoppedReason?: string;
  /** Seconds from FAILED until the circuit breaker's rollback deployment completes (default 40). */
  rollbackSeconds?: number;
  /** Native strategies only: alarms, hook results, rollback outcome, stops by others, stuck stages. */
  native?: NativeScript;
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
  /**
   * As DescribeServices reports them. Native blue/green services name their listeners in
   * `advancedConfiguration`; a Network Load Balancer's listener ARN (`listener/net/`) adds AWS's
   * NLB stage delays.
   */
  loadBalancers?: LoadBalancer[];
  /** The service's current EBS volumes configured at launch (its deployments carry them). */
  volumeConfigurations?: ServiceVolumeConfiguration[];
  /** `deploymentConfiguration.strategy` (default ROLLING); UpdateService may change it. */
  strategy?: DeploymentStrategy;
  /** Minutes both revisions run after production traffic has shifted (BLUE_GREEN, LINEAR, CANARY). */
  bakeTimeInMinutes?: number;
  /** LINEAR: AWS's defaults are 10 % steps and 6 minutes between them. */
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  /** CANARY: AWS's defaults are 5 % and 10 minutes. */
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  /** AWS_LAMBDA and PAUSE hooks, as `deploymentConfiguration.lifecycleHooks`. */
  lifecycleHooks?: DeploymentLifecycleHook[];
  /** `deploymentConfiguration.alarms`. */
  alarms?: DeploymentAlarms;
  /** `ECS`: an Express Mode service (deploys as CANARY). Default `CUSTOMER`. */
  resourceManagementType?: 'CUSTOMER' | 'ECS';
}

export interface EcsServicesScenario {
  services: ServiceScript[];
  /** Rollout of deployments no rule matches (default: healthy). */
  defaultRollout?: RolloutScript;
  /**
   * Operations refused with AccessDeniedException (a role without the service deployments
   * permissions), e.g. `['ListServiceDeployments', 'DescribeServiceDeployments']`.
   */
  deniedOperations?: string[];
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    ecsServices?: EcsServicesScenario;
  }
}
