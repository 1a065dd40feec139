/**
 * A deployment's timeline, computed lazily from the clock: when each lifecycle event runs,
 * how production traffic shifts (canary / linear / all at once), when a hook fails, an alarm
 * fires or a requested stop lands, and the termination wait. Pure: a record and a time in, the
 * GetDeployment and BatchGetDeploymentTargets views out.
 */
import type {
  AutoRollbackConfiguration,
  DeploymentInfo,
  ECSTarget,
  ErrorCode,
  LifecycleEvent,
  TrafficRoutingConfig,
} from '@aws-sdk/client-codedeploy';
import { bakeMinutesOf, greenPercentAt } from './configs.js';
import { LIFECYCLE_EVENTS, type DeploymentScript, type LifecycleEventName } from './scenario.js';

export interface GroupRecord {
  application: string;
  name: string;
  id: string;
  cluster: string;
  service: string;
  deploymentConfigName: string;
  terminationWaitMinutes: number;
  autoRollback: AutoRollbackConfiguration;
  alarms: string[];
  targetGroups: [string, string];
  testTraffic: boolean;
}

export interface DeploymentRecord {
  id: string;
  group: GroupRecord;
  configName: string;
  routing: TrafficRoutingConfig;
  /** Sandbox ms. */
  createdAt: number;
  appSpecContent: string;
  sha256?: string;
  taskDefinition: string;
  hooks: Partial<Record<LifecycleEventName, string>>;
  script: DeploymentScript;
  autoRollback: AutoRollbackConfiguration;
  creator: 'user' | 'codeDeployRollback';
  description?: string;
  /** A failure found when the deployment was created (e.g. an unknown container), at Install. */
  invalid?: { message: string };
  /** Set by StopDeployment: when it was asked and whether to roll back. */
  stopRequest?: { at: number; rollback: boolean };
  /** For a rollback deployment: the deployment it rolls back, and its traffic when it began. */
  rollbackOf?: { id: string; greenPercent: number };
  /** The rollback deployment created for this one, once its failure happened. */
  rollbackDeploymentId?: string;
}

/** The id of a deployment's replacement (green) task set: its tasks' `startedBy`. */
export const replacementTaskSetId = (record: DeploymentRecord): string =>
  `ecs-svc/green-${record.id}`;

interface PlannedEvent {
  name: string;
  start: number;
  end: number;
  hook?: string;
}

export interface Failure {
  at: number;
  status: 'Failed' | 'Stopped';
  code: ErrorCode;
  message: string;
  event?: string;
  diagnostics?: LifecycleEvent['diagnostics'];
  rollback: boolean;
}

export interface Plan {
  startAt: number;
  events: PlannedEvent[];
  trafficStart: number;
  trafficEnd: number;
  /** Termination wait start (after AfterAllowTraffic). */
  waitStart: number;
  successAt: number;
  failure?: Failure;
}

const rollsBackOn = (config: AutoRollbackConfiguration, event: string): boolean =>
  Boolean(config.enabled && config.events?.includes(event as never));

/** The whole timeline of a deployment, in sandbox ms; `scale` turns scenario seconds into ms. */
export function planOf(record: DeploymentRecord, scale: (seconds: number) => number): Plan {
  const s = record.script;
  const t0 = record.createdAt;
  if (record.rollbackOf) {
    const startAt = t0;
    const end = t0 + scale(s.rollbackSeconds ?? 20);
    const plan: Plan = {
      startAt,
      events: [{ name: 'AllowTraffic', start: startAt, end }],
      trafficStart: startAt,
      trafficEnd: end,
      waitStart: end,
      successAt: end,
    };
    if (s.rollbackFails) {
      plan.failure = {
        at: end,
        status: 'Failed',
        code: 'ECS_UPDATE_ERROR',
        message: 'The rollback could not reroute production traffic to the original task set.',
        event: 'AllowTraffic',
        rollback: false,
      };
    }
    return plan;
  }
  const startAt = t0 + scale(s.startSeconds ?? 2);
  const eventMs = scale(s.eventSeconds ?? 10);
  const idleMs = scale(s.idleSeconds ?? 1);
  const bakeMs = (minutes: number) => scale(minutes * 60);
  const events: PlannedEvent[] = [];
  let cursor = startAt;
  let trafficStart = startAt;
  let trafficEnd = startAt;
  for (const name of LIFECYCLE_EVENTS) {
    const hook = record.hooks[name];
    let duration = hook ? eventMs : idleMs;
    if (name === 'Install' || name === 'AllowTestTraffic') duration = eventMs;
    if (name === 'AllowTraffic') {
      trafficStart = cursor;
      duration = eventMs + bakeMs(bakeMinutesOf(record.routing));
      trafficEnd = cursor + duration;
    }
    const event: PlannedEvent = { name, start: cursor, end: cursor + duration };
    if (hook) event.hook = hook;
    events.push(event);
    cursor += duration;
  }
  const waitStart = cursor;
  const successAt = cursor + bakeMs(record.group.terminationWaitMinutes);
  const failures: Failure[] = [];
  const fail =
    s.failEvent ??
    (record.invalid ? { event: 'Install' as const, message: record.invalid.message } : undefined);
  if (fail) {
    const event = events.find((e) => e.name === fail.event);
    if (event) {
      const diagnostics: LifecycleEvent['diagnostics'] = {
        errorCode: 'ScriptFailed',
        message: fail.message ?? `The ${fail.event} hook reported a failure.`,
      };
      if (event.hook) diagnostics.scriptName = event.hook;
      if ('logTail' in fail && fail.logTail) diagnostics.logTail = fail.logTail;
      failures.push({
        at: event.end,
        status: 'Failed',
        code: event.hook ? 'HOOK_EXECUTION_FAILURE' : 'ECS_UPDATE_ERROR',
        message: event.hook
          ? `The deployment failed because a lifecycle event hook (${fail.event}) failed.`
          : `The deployment failed during ${fail.event}: ${diagnostics.message}`,
        event: fail.event,
        diagnostics,
        rollback: rollsBackOn(record.autoRollback, 'DEPLOYMENT_FAILURE'),
      });
    }
  }
  if (s.alarm && record.group.alarms.includes(s.alarm.name)) {
    failures.push({
      at: trafficStart + scale(s.alarm.afterTrafficSeconds),
      status: 'Stopped',
      code: 'ALARM_ACTIVE',
      message:
        'One or more alarms have been activated according to the Amazon CloudWatch metrics you ' +
        `selected, and the affected deployments have been stopped. Activated alarms: <${s.alarm.name}>`,
      rollback: rollsBackOn(record.autoRollback, 'DEPLOYMENT_STOP_ON_ALARM'),
    });
  }
  if (record.stopRequest) {
    failures.push({
      at: record.stopRequest.at + scale(s.stopSeconds ?? 2),
      status: 'Stopped',
      code: 'MANUAL_STOP',
      message: 'The deployment was stopped by a StopDeployment request.',
      rollback: record.stopRequest.rollback,
    });
  }
  const plan: Plan = { startAt, events, trafficStart, trafficEnd, waitStart, successAt };
  const first = failures.filter((f) => f.at < successAt).sort((a, b) => a.at - b.at)[0];
  if (first) plan.failure = first;
  return plan;
}

/** When the deployment ends (fails, stops or succeeds). */
export const endOf = (plan: Plan): number => plan.failure?.at ?? plan.successAt;

/** Production traffic on green at `t` (before any rollback reroutes it). */
export function greenAt(
  record: DeploymentRecord,
  plan: Plan,
  t: number,
  scale: (s: number) => number,
): number {
  if (record.rollbackOf)
    return t >= plan.successAt && !plan.failure ? 0 : record.rollbackOf.greenPercent;
  if (t < plan.trafficStart) return 0;
  if (t >= plan.trafficEnd) return 100;
  return greenPercentAt(record.routing, (t - plan.trafficStart) / scale(60));
}

export interface View {
  info: DeploymentInfo;
  target: ECSTarget;
  ended: boolean;
}

export interface ViewContext {
  now: number;
  scale: (seconds: number) => number;
  /** Whether the rollback of this deployment (if any) has completed successfully by `now`. */
  rolledBack: boolean;
  serviceArn: string;
}

export function viewAt(record: DeploymentRecord, plan: Plan, ctx: ViewContext): View {
  const { now } = ctx;
  const end = endOf(plan);
  const ended = now >= end;
  const failure = plan.failure && now >= plan.failure.at ? plan.failure : undefined;
  const tt = failure ? failure.at : now;
  const date = (ms: number) => new Date(ms);
  const info: DeploymentInfo = {
    applicationName: record.group.application,
    deploymentGroupName: record.group.name,
    deploymentConfigName: record.configName,
    deploymentId: record.id,
    revision: {
      revisionType: 'AppSpecContent',
      appSpecContent: {
        content: record.appSpecContent,
        ...(record.sha256 ? { sha256: record.sha256 } : {}),
      },
    },
    status:
      now < plan.startAt
        ? 'Created'
        : ended
          ? failure
            ? failure.status
            : 'Succeeded'
          : 'InProgress',
    createTime: date(record.createdAt),
    creator: record.creator,
    autoRollbackConfiguration: record.autoRollback,
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    computePlatform: 'ECS',
    instanceTerminationWaitTimeStarted: !record.rollbackOf && !failure && now >= plan.waitStart,
    blueGreenDeploymentConfiguration: {
      terminateBlueInstancesOnDeploymentSuccess: {
        action: 'TERMINATE',
        terminationWaitTimeInMinutes: record.group.terminationWaitMinutes,
      },
      deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
    },
    loadBalancerInfo: {
      targetGroupPairInfoList: [
        { targetGroups: record.group.targetGroups.map((name) => ({ name })) },
      ],
    },
  };
  if (record.description) info.description = record.description;
  if (now >= plan.startAt) info.startTime = date(plan.startAt);
  if (ended) info.completeTime = date(end);
  if (failure) info.errorInformation = { code: failure.code, message: failure.message };
  if (record.rollbackOf) {
    info.rollbackInfo = { rollbackTriggeringDeploymentId: record.rollbackOf.id };
  } else if (failure?.rollback && record.rollbackDeploymentId) {
    info.rollbackInfo = {
      rollbackDeploymentId: record.rollbackDeploymentId,
      rollbackMessage: `Deployment ${record.id} was rolled back by deployment ${record.rollbackDeploymentId}.`,
    };
  }

  const lifecycleEvents: LifecycleEvent[] = plan.events.map((e) => {
    const event: LifecycleEvent = { lifecycleEventName: e.name, status: 'Pending' };
    if (tt < e.start || (failure && e.start >= failure.at)) {
      event.status = failure ? 'Skipped' : 'Pending';
      return event;
    }
    event.startTime = date(e.start);
    if (failure && e.end >= failure.at && tt === failure.at) {
      if (failure.event === undefined || failure.event === e.name) {
        event.status = 'Failed';
        event.endTime = date(failure.at);
        if (failure.event === e.name && failure.diagnostics)
          event.diagnostics = failure.diagnostics;
        return event;
      }
    }
    if (tt >= e.end) {
      event.status = 'Succeeded';
      event.endTime = date(e.end);
    } else {
      event.status = 'InProgress';
    }
    return event;
  });

  let green = greenAt(record, plan, tt, ctx.scale);
  if (ctx.rolledBack) green = 0;
  const taskSetsInfo: ECSTarget['taskSetsInfo'] = [];
  const installed =
    record.rollbackOf !== undefined || tt >= (plan.events[1]?.start ?? plan.startAt);
  const succeeded = ended && !failure && !record.rollbackOf;
  if (!succeeded || now < plan.successAt) {
    taskSetsInfo.push({
      identifer: `ecs-svc/blue-${record.group.id}`,
      taskSetLabel: 'Blue',
      status: 'PRIMARY',
      trafficWeight: 100 - green,
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      targetGroup: { name: record.group.targetGroups[0] },
    });
  }
  if (installed && !(ctx.rolledBack || (record.rollbackOf && ended && !failure))) {
    taskSetsInfo.push({
      identifer: replacementTaskSetId(record),
      taskSetLabel: 'Green',
      status: succeeded ? 'PRIMARY' : 'ACTIVE',
      trafficWeight: green,
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      targetGroup: { name: record.group.targetGroups[1] },
    });
  }
  const target: ECSTarget = {
    deploymentId: record.id,
    targetId: `${record.group.cluster}:${record.group.service}`,
    targetArn: ctx.serviceArn,
    lastUpdatedAt: date(Math.min(now, end)),
    lifecycleEvents,
    status: info.status === 'Created' ? 'Pending' : (info.status as ECSTarget['status']),
    taskSetsInfo,
  };
  if (failure?.status === 'Stopped') target.status = 'Failed';
  return { info, target, ended };
}
