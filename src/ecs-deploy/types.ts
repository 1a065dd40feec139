/**
 * The boundaries of ecs-deploy. `run.ts` parses the inputs, resolves the services, detects each
 * one's strategy (`detect.ts`), renders the task definitions (`render.ts`), and `deploy.ts`
 * registers them and hands each service to its strategy's folder: `rolling/` (ROLLING on the ECS
 * controller), `native/` (BLUE_GREEN, LINEAR, CANARY: followed by the service deployment) and
 * `codedeploy/` (CODE_DEPLOY controller). ECS-controller services start alike (`start.ts`: paced
 * UpdateService linked to its service deployment); each folder then follows and undoes its own.
 * Every strategy answers with a `ServiceResult` per service, merged into one set of outputs and
 * one job summary (`report.ts`).
 */
import type { Service, ServiceManagedEBSVolumeConfiguration } from '@aws-sdk/client-ecs';
import type { Phase } from '../lib/summary.js';
import type { TaskDefinitionDoc } from '../lib/task-definition.js';

/**
 * The `status` output, per service and for the whole step (the worst of all services).
 * `started`: the deployment was started and `wait: false` skipped waiting for its outcome.
 */
export type DeployStatus =
  | 'succeeded'
  | 'unchanged'
  | 'paused'
  | 'failed'
  | 'rolled-back'
  | 'timed-out'
  | 'dry-run'
  | 'started';

/** What a service's deployment is, as the `strategy` input names it. */
export type Strategy = 'rolling' | 'blue-green' | 'linear' | 'canary';

export type StrategyInput = 'auto' | Strategy;

/**
 * Who runs the deployment: `rolling` (ECS controller, ROLLING), `native` (ECS controller,
 * BLUE_GREEN / LINEAR / CANARY, Express Mode services included) or `codedeploy` (CODE_DEPLOY).
 */
export type Engine = 'rolling' | 'native' | 'codedeploy';

/** A service's strategy as detected from its controller and deployment configuration. */
export interface Detected {
  strategy: Strategy;
  engine: Engine;
  /** ECS's own name for it (ROLLING, BLUE_GREEN, LINEAR, CANARY) or CODE_DEPLOY. */
  label: string;
}

/** A PAUSE lifecycle hook waiting for ContinueServiceDeployment (the `paused-hooks` output). */
export interface PausedHook {
  service: string;
  serviceDeploymentArn: string;
  hookId: string;
  lifecycleStage: string;
  expiresAt?: string;
}

/** One reason a deployment failed, shown as a `core.error` annotation and in the summary. */
export interface Cause {
  /** Short annotation title, e.g. `api: circuit breaker` or `api: task stopped`. */
  title: string;
  /** What happened, in words (AWS reasons, exit codes, event messages). */
  message: string;
  /** A container's log lines: shown in a details block, never as an annotation. */
  details?: boolean;
}

/** What was done to undo a failed deployment (rolling: UpdateService back; blue/green: StopDeployment). */
export interface Restore {
  /** The revision that was put back. */
  taskDefinitionArn: string;
  deploymentId: string;
  /** Whether the restored revision became stable again before the restore timed out. */
  outcome: 'restored' | 'failed' | 'timed-out';
  message: string;
}

/** The outcome of one service's deployment; `deployments` output is an array of these (trimmed). */
export interface ServiceResult {
  service: string;
  strategy: Strategy;
  taskDefinitionArn: string;
  previousTaskDefinitionArn: string;
  /** The ECS deployment id (`ecs-svc/...`) or CodeDeploy deployment id; '' when none was started. */
  deploymentId: string;
  status: DeployStatus;
  /** From the deploy call to the verdict. */
  seconds: number;
  /** Lanes for the job summary's mermaid timeline (section = service name). */
  phases: Phase[];
  /** Empty on success. */
  causes: Cause[];
  /** The verdict in one sentence, e.g. `rolled back by ECS to api:41`. */
  message: string;
  /** Set when the action itself undid the deployment (`rollback-on-failure`). */
  restore?: Restore;
  /** The ECS service deployment judged (ECS controller), when one was found. */
  serviceDeploymentArn?: string;
  /** PAUSE hooks left awaiting action (status `paused`). */
  pausedHooks?: PausedHook[];
  /** Console link to the service deployment, for the summary. */
  link?: string;
  /** Images of the deployed revision, `container=image`, for the summary table. */
  images?: string[];
  /** dry-run: what would be done, and the diff against the live definition (one line per change). */
  preview?: { what: string; diff: string[] };
  /** CodeDeploy blue/green: this service's entry of the `codedeploy-deployments` output. */
  codedeploy?: CodeDeployOutputEntry;
}

/** One entry of the `codedeploy-deployments` output (a CodeDeploy blue/green service). */
export interface CodeDeployOutputEntry {
  service: string;
  application: string;
  deploymentGroup: string;
  deploymentConfig: string;
  deploymentId: string;
  status: DeployStatus;
  codedeployStatus?: string;
  lifecycleEvents: { name: string; status: string; seconds?: number }[];
  /** Production traffic on the replacement task set, as seen while polling. */
  traffic: { at: string; replacementPercent: number }[];
  rollbackDeploymentId?: string;
  rollbackStatus?: string;
  errorCode?: string;
}

/** Inputs keyed by their action.yml names; durations converted to milliseconds (named `*Ms`). */
export interface Inputs {
  cluster: string;
  services: string[];
  /** Path of a task definition file (JSON or YAML). */
  'task-definition'?: string;
  /** Whether a `task-definition` file may be of another family than the service's. */
  'allow-family-change': boolean;
  /** A registered revision (family, family:revision or ARN) or `previous`. */
  'task-definition-arn'?: string;
  images: Map<string, string>;
  strategy: StrategyInput;
  'codedeploy-application'?: string;
  'codedeploy-deployment-group'?: string;
  'codedeploy-deployment-config'?: string;
  /** Path of an AppSpec file. */
  appspec?: string;
  wait: boolean;
  /** `timeout-minutes`, in milliseconds. */
  timeoutMs: number;
  /** `poll-interval-seconds`, in milliseconds. */
  pollIntervalMs: number;
  'on-pause': 'stop' | 'wait';
  'hook-action'?: 'continue' | 'rollback';
  /** `service=arn` lines (or bare ARNs) given with `hook-action`. */
  'service-deployment-arns'?: string[];
  'rollback-on-failure': boolean;
  'force-new-deployment': boolean;
  'desired-count'?: number;
  'dry-run': boolean;
  /** `ebs-volume`: the EBS volume configured at launch (parsed JSON). */
  'ebs-volume'?: ServiceManagedEBSVolumeConfiguration;
  'ebs-volume-name'?: string;
}

/** What the CodeDeploy blue/green layer reads of the inputs when it deploys. */
export interface BlueGreenOptions {
  wait: boolean;
  /** `timeout-minutes`, in milliseconds. */
  timeoutMs: number;
  /** `poll-interval-seconds`, in milliseconds. */
  pollIntervalMs: number;
  rollbackOnFailure: boolean;
}

/** What a blue/green strategy receives for one service. */
export interface BlueGreenRequest {
  cluster: string;
  /** The service as DescribeServices returned it before the deploy. */
  service: Service;
  /** The revision to deploy (already registered, or reused). */
  taskDefinitionArn: string;
  /** The revision the service runs now. */
  previousTaskDefinitionArn: string;
  /** The deployed revision's definition (where its containers log, for a failure summary). */
  taskDefinition?: TaskDefinitionDoc;
  options: BlueGreenOptions;
  signal: AbortSignal;
  /** Writes one progress line to the log (prefixing the service name is the caller's job). */
  log: (line: string) => void;
  /** Absolute deadline (epoch ms) for the outcome, from `timeout-minutes`. */
  deadline: number;
}

/** The merged verdict of all services: the worst status wins. */
export const STATUS_SEVERITY: Record<DeployStatus, number> = {
  'dry-run': 0,
  unchanged: 0,
  succeeded: 1,
  started: 2,
  paused: 3,
  'timed-out': 4,
  failed: 5,
  'rolled-back': 6,
};
