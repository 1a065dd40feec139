/**
 * Starting ECS-controller deployments (rolling and native): UpdateService for each service,
 * paced under ECS's write limit, each linked to the service deployment it started. A service
 * that already runs the target revision, settled, with nothing forcing a deployment, is
 * `unchanged`: no UpdateService is sent.
 */
import * as core from '@actions/core';
import { UpdateServiceCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { awsMessage } from '../lib/aws-explain.js';
import { messageOf } from '../lib/errors.js';
import { episodeWarner } from '../lib/retry.js';
import { outcomeMayBeApplied } from '../lib/unknown-outcome.js';
import { revisionName, type Tracking } from './rolling/judge.js';
import { linkServiceDeployment, verifyLinks } from './native/link.js';
import { paced, UPDATE_SERVICE_PER_SECOND } from './pace.js';
import type { ServicePlan } from './render.js';
import { servicesNamed } from './services.js';

/** What starting a deployment needs (a narrow slice of the inputs). */
export interface StartOptions {
  ecs: Pick<ECSClient, 'send'>;
  cluster: string;
  forceNewDeployment: boolean;
  desiredCount?: number;
  deadline: number;
  signal?: AbortSignal;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Started {
  plan: ServicePlan;
  tracking: Tracking;
  startedAt: number;
  /** Set when nothing was deployed: the service already runs the target revision, settled. */
  unchanged?: string;
  /** The service deployment, when linked; otherwise why not. */
  serviceDeploymentArn?: string;
  noServiceDeployment?: string;
  /** Task definitions of the service revisions seen while linking. */
  revisions: Map<string, string>;
}

export interface NotStarted {
  plan: ServicePlan;
  message: string;
  /** true: UpdateService failed; false: it was never sent (an earlier write failed). */
  refused: boolean;
}

/** True when the service already runs `target` alone and settled, so UpdateService would do nothing. */
export function alreadySettled(
  plan: ServicePlan,
  options: Pick<StartOptions, 'forceNewDeployment' | 'desiredCount'>,
): boolean {
  const deployments = plan.service.deployments ?? [];
  const only = deployments[0];
  if (deployments.length !== 1 || !only || only.taskDefinition !== plan.target?.arn) return false;
  if (options.forceNewDeployment) return false;
  if (options.desiredCount !== undefined && options.desiredCount !== plan.service.desiredCount)
    return false;
  if (only.rolloutState) return only.rolloutState === 'COMPLETED';
  return (only.runningCount ?? 0) === (only.desiredCount ?? 0) && (only.pendingCount ?? 0) === 0;
}

export function priorRevisions(plan: ServicePlan): string[] {
  const revisions = [
    plan.previousTaskDefinitionArn,
    ...(plan.service.deployments ?? []).map((d) => d.taskDefinition ?? ''),
  ];
  return [...new Set(revisions.filter((r) => r !== ''))];
}

async function startOne(plan: ServicePlan, options: StartOptions): Promise<Started> {
  const clock = options.clock ?? Date.now;
  const target = plan.target!.arn;
  const startedAt = clock();
  const base = {
    service: plan.name,
    taskDefinitionArn: target,
    priorTaskDefinitionArns: priorRevisions(plan),
  };
  const revisions = new Map<string, string>();
  if (alreadySettled(plan, options)) {
    const id = plan.service.deployments?.[0]?.id ?? '';
    return {
      plan,
      startedAt,
      revisions,
      tracking: { ...base, deploymentId: id },
      unchanged: `${plan.name}: already runs ${revisionName(target)} (deployment ${id}, settled) and nothing forces a new deployment (force-new-deployment: false): nothing was deployed.`,
    };
  }
  const volumes = plan.volumeConfigurations;
  const out = await options.ecs.send(
    new UpdateServiceCommand({
      cluster: options.cluster,
      service: plan.name,
      taskDefinition: target,
      forceNewDeployment: options.forceNewDeployment,
      ...(options.desiredCount !== undefined ? { desiredCount: options.desiredCount } : {}),
      ...(volumes ? { volumeConfigurations: volumes } : {}),
    }),
  );
  const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
  if (!primary?.id) {
    throw new Error(
      `${plan.name}: UpdateService answered without a PRIMARY deployment; cannot tell which deployment to follow.`,
    );
  }
  const started: Started = {
    plan,
    startedAt,
    revisions,
    tracking: { ...base, deploymentId: primary.id },
  };
  const link = await linkServiceDeployment(
    options.ecs,
    {
      cluster: options.cluster,
      service: plan.name,
      taskDefinitionArn: target,
      since: startedAt,
      ...(out.service ? { updated: out.service } : {}),
    },
    revisions,
  ).catch((error: unknown) => ({ why: `linking failed: ${messageOf(error)}` }));
  if ('arn' in link && link.arn) {
    started.serviceDeploymentArn = link.arn;
    started.tracking.serviceDeploymentArn = link.arn;
  } else started.noServiceDeployment = 'why' in link ? link.why : 'no service deployment';
  options.log(
    `${plan.name}: deploying ${revisionName(target)} (was ${revisionName(plan.previousTaskDefinitionArn)}) as deployment ${primary.id}${started.serviceDeploymentArn ? `, service deployment ${started.serviceDeploymentArn}` : ''}.`,
  );
  return started;
}

/**
 * The line for an UpdateService that failed for good: the AWS reason told for people (a denial
 * names the action and resource), and whether the service was changed. A refusal (4xx) changed
 * nothing; a 5xx or a dropped answer may have been applied, so it is not called unchanged.
 */
export function updateFailedMessage(plan: ServicePlan, error: unknown, cluster: string): string {
  const head = `${plan.name}: UpdateService to ${revisionName(plan.target?.arn)} failed: ${awsMessage(error).replace(/\.?$/, '.')}`;
  const previous = revisionName(plan.previousTaskDefinitionArn);
  return outcomeMayBeApplied(error)
    ? `${head} The outcome is unknown: check whether service ${plan.name} started a deployment of ${revisionName(plan.target?.arn)} (aws ecs describe-services --cluster ${cluster} --services ${plan.name}).`
    : `${head} Production was not changed for ${plan.name}: it still runs ${previous}.`;
}

/**
 * Starts every plan, paced. After an UpdateService fails for good no further one is sent; the
 * deployments already started are returned so the caller can follow (or undo) them.
 */
export async function startAll(
  plans: readonly ServicePlan[],
  options: StartOptions,
): Promise<{ started: Started[]; notStarted: NotStarted[] }> {
  // Throttled writes: one warning when an episode begins, one line when the writes go through again.
  const throttling = episodeWarner(`UpdateService (${servicesNamed(plans.map((p) => p.name))})`, {
    warn: (message) => core.warning(message),
    info: options.log,
  });
  const results = await paced(
    plans,
    async (plan) => {
      const started = await startOne(plan, options);
      throttling.recovered();
      return started;
    },
    {
      perSecond: UPDATE_SERVICE_PER_SECOND,
      deadline: options.deadline,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      onThrottle: (event) => throttling.onRetry(event),
    },
  );
  const started: Started[] = [];
  const notStarted: NotStarted[] = [];
  for (const r of results) {
    if (r.state === 'done') started.push(r.value);
    else if (r.state === 'failed') {
      const message = updateFailedMessage(r.item, r.error, options.cluster);
      options.log(message);
      notStarted.push({ plan: r.item, message, refused: true });
    } else {
      const message = `${r.item.name}: ${r.why}; it still runs ${revisionName(r.item.previousTaskDefinitionArn)}.`;
      options.log(message);
      notStarted.push({ plan: r.item, message, refused: false });
    }
  }
  await verifyLinks(options.ecs, started).catch((error: unknown) => {
    for (const s of started) {
      if (!s.serviceDeploymentArn) continue;
      s.noServiceDeployment = `DescribeServiceDeployments failed: ${messageOf(error)}`;
      delete s.serviceDeploymentArn;
      delete s.tracking.serviceDeploymentArn;
    }
  });
  for (const s of started)
    if (s.noServiceDeployment && !s.unchanged)
      core.warning(
        `${s.plan.name}: judging deployment ${s.tracking.deploymentId} from DescribeServices: no service deployment to follow (${s.noServiceDeployment}).`,
      );
  return { started, notStarted };
}
