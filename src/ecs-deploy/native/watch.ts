/**
 * Polls service deployments: each poll one DescribeServiceDeployments per 20 open deployments
 * (the API's limit) and one DescribeServices per 10 of their services, all in parallel, until
 * the caller has a verdict for every one, the deadline passes or the run is cancelled.
 * Throttling backs off (lib/poller.ts). Unknown service revisions are described once, so
 * messages can name task definitions.
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  type ECSClient,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { chunks } from '../../lib/chunks.js';
import { poll } from '../../lib/poller.js';
import { describeServices, servicesNamed } from '../services.js';

export type Ecs = Pick<ECSClient, 'send'>;

export const SERVICE_DEPLOYMENT_BATCH = 20;

/** What the caller watches: any record naming a service deployment and its service. */
export interface Watching {
  service: string;
  serviceDeploymentArn: string;
}

export interface WatchOptions<W extends Watching = Watching> {
  cluster: string;
  intervalMs: number;
  deadline: number;
  signal?: AbortSignal;
  /** Whether to describe the services too (for events and causes). */
  describeServices?: boolean;
  /** Task definitions of service revisions seen so far; filled as new ones appear. */
  revisions: Map<string, string>;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called per deployment per poll; returns true when it has its verdict. */
  onSnapshot: (
    w: W,
    sd: ServiceDeployment | undefined,
    service: Service | undefined,
    at: number,
  ) => boolean | Promise<boolean>;
}

/** The service revisions a service deployment names: target, sources and rollback target. */
export function revisionArnsOf(sd: ServiceDeployment): string[] {
  return [
    sd.targetServiceRevision?.arn,
    ...(sd.sourceServiceRevisions ?? []).map((r) => r.arn),
    sd.rollback?.serviceRevisionArn,
  ].filter((a): a is string => !!a);
}

export async function describeRevisions(
  ecs: Ecs,
  arns: readonly string[],
  into: Map<string, string>,
): Promise<void> {
  const unknown = [...new Set(arns.filter((a) => !into.has(a)))];
  for (const batch of chunks(unknown, SERVICE_DEPLOYMENT_BATCH)) {
    const out = await ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: batch }));
    for (const r of out.serviceRevisions ?? [])
      if (r.serviceRevisionArn && r.taskDefinition)
        into.set(r.serviceRevisionArn, r.taskDefinition);
  }
}

export async function describeServiceDeployments(
  ecs: Ecs,
  arns: readonly string[],
): Promise<Map<string, ServiceDeployment>> {
  const found = new Map<string, ServiceDeployment>();
  const answers = await Promise.all(
    chunks(arns, SERVICE_DEPLOYMENT_BATCH).map((batch) =>
      ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: batch })),
    ),
  );
  for (const answer of answers)
    for (const sd of answer.serviceDeployments ?? [])
      if (sd.serviceDeploymentArn) found.set(sd.serviceDeploymentArn, sd);
  return found;
}

/** Polls until `onSnapshot` has returned true for each of `watching` (the caller's records). */
export async function watchServiceDeployments<W extends Watching>(
  ecs: Ecs,
  watching: readonly W[],
  options: WatchOptions<W>,
): Promise<'done' | 'timed-out' | 'cancelled'> {
  const clock = options.clock ?? Date.now;
  const done = new Set<W>();
  const open = (): W[] => watching.filter((w) => !done.has(w));
  const result = await poll(
    async () => {
      const now = open();
      const [deployments, services] = await Promise.all([
        describeServiceDeployments(
          ecs,
          now.map((w) => w.serviceDeploymentArn),
        ),
        options.describeServices
          ? describeServices(ecs, options.cluster, [...new Set(now.map((w) => w.service))])
          : Promise.resolve(undefined),
      ]);
      await describeRevisions(
        ecs,
        [...deployments.values()].flatMap(revisionArnsOf),
        options.revisions,
      );
      const at = clock();
      for (const w of now) {
        const sd = deployments.get(w.serviceDeploymentArn);
        if (await options.onSnapshot(w, sd, services?.found.get(w.service), at)) done.add(w);
      }
      return open().length === 0 ? { done: true, value: undefined } : { done: false };
    },
    {
      intervalMs: options.intervalMs,
      deadline: options.deadline,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      // Throttling and other faults: the poller's one warning per episode, and one line after it.
      what: `Watching ${servicesNamed(watching.map((w) => w.service))} (DescribeServiceDeployments${options.describeServices ? ', DescribeServices' : ''})`,
      info: options.log,
    },
  );
  return result.outcome;
}
