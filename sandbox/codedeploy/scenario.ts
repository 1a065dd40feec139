/**
 * The `codedeploy` section of a scenario: applications, ECS deployment groups (which service
 * they deploy, their config, auto-rollback, alarms, termination wait), custom deployment configs,
 * and what each created deployment does (its timeline script).
 */
import type { AutoRollbackEvent, TrafficRoutingConfig } from '@aws-sdk/client-codedeploy';
import type { LogLineScript } from '../ecs/scenario.js';

export const LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'BeforeAllowTestTraffic',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;

export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number];

export interface DeploymentGroupSeed {
  application: string;
  name: string;
  cluster: string;
  service: string;
  /** Default CodeDeployDefault.ECSAllAtOnce. */
  deploymentConfigName?: string;
  /** Minutes before the original task set is terminated after success (default 0). */
  terminationWaitMinutes?: number;
  /** Default: enabled on DEPLOYMENT_FAILURE and DEPLOYMENT_STOP_ON_ALARM. */
  autoRollback?: { enabled: boolean; events?: AutoRollbackEvent[] };
  /** CloudWatch alarms the group watches (stops the deployment when one fires). */
  alarms?: string[];
  /** Blue and green target group names. */
  targetGroups?: [string, string];
  /** Whether a test listener is configured (default true). */
  testTraffic?: boolean;
}

export interface DeploymentScript {
  /** Scenario seconds from Created to InProgress (default 2). */
  startSeconds?: number;
  /** Scenario seconds of each lifecycle event that runs a hook or does work (default 10). */
  eventSeconds?: number;
  /** Scenario seconds of a hook event without a hook (default 1). */
  idleSeconds?: number;
  /** This lifecycle event fails at its end; with a hook, the hook's diagnostics say why. */
  failEvent?: { event: LifecycleEventName; message?: string; logTail?: string };
  /** A watched alarm fires this many scenario seconds after production traffic starts shifting. */
  alarm?: { name: string; afterTrafficSeconds: number };
  /** Scenario seconds between StopDeployment and the Stopped status (default 2). */
  stopSeconds?: number;
  /** Scenario seconds an automatic rollback deployment takes (default 20). */
  rollbackSeconds?: number;
  rollbackFails?: boolean;
  /**
   * The replacement task set's tasks, launched in the ECS sandbox when Install begins; each runs
   * `crashAfter` seconds and its essential container exits with `exitCode`, after writing `logs`.
   * Pair with `failEvent: { event: 'Install' }` for a task set that never becomes steady.
   */
  replacementTasks?: ReplacementTasksScript;
}

export interface ReplacementTasksScript {
  /** Default 2. */
  count?: number;
  /** Seconds from launch until RUNNING (default 2). */
  runningAfter?: number;
  /** Seconds a task runs before its essential container exits (default 3). */
  crashAfter?: number;
  /** Default 1. */
  exitCode?: number;
  reason?: string;
  stoppedReason?: string;
  logs?: LogLineScript[];
}

export interface CodeDeployScenario {
  /** Applications without groups (groups create their applications). */
  applications?: { name: string; computePlatform?: 'ECS' | 'Server' | 'Lambda' }[];
  deploymentGroups?: DeploymentGroupSeed[];
  /** Custom deployment configs (the CodeDeployDefault.ECS* ones always exist). */
  deploymentConfigs?: { name: string; trafficRoutingConfig: TrafficRoutingConfig }[];
  /** Scripts for the deployments users create, in order; later deployments use `defaultScript`. */
  deployments?: DeploymentScript[];
  defaultScript?: DeploymentScript;
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    codedeploy?: CodeDeployScenario;
  }
}
