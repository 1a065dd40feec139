/**
 * Waits for the verdicts of several rolling deployments at once: each poll describes the services
 * still waiting (one DescribeServices call per 10), judges each snapshot, and prints a progress
 * line for a service only when its progress changed. Throttling backs off (see lib/poller.ts).
 */
import type { ECSClient, Service } from '@aws-sdk/client-ecs';
import { poll } from '../../lib/poller.js';
import { judgeRolling, progressLine, type Judgement, type Tracking } from './judge.js';
import { describeServiceDeployments } from '../native/watch.js';
import { describeServices, servicesNamed } from '../services.js';

/** One deployment watched: the caller's item (its own record), and what the wait saw. */
export interface Watched<T extends Watchable = Watchable> {
  item: T;
  tracking: Tracking;
  /** The final verdict; undefined when the wait timed out or was cancelled first. */
  judgement?: Exclude<Judgement, { verdict: 'in-progress' }>;
  /** Epoch ms of the poll that produced the verdict (or of the end of the wait). */
  at: number;
  /** The last snapshot seen (for causes). */
  last?: Service;
  /** The last progress judged, when no verdict came. */
  lastProgress?: Extract<Judgement, { verdict: 'in-progress' }>['progress'];
  outcome: 'judged' | 'timed-out' | 'cancelled';
}

/** What the caller watches: any record that carries its deployment's tracking. */
export interface Watchable {
  tracking: Tracking;
}

export interface WatchOptions<T extends Watchable = Watchable> {
  intervalMs: number;
  deadline: number;
  signal?: AbortSignal;
  log: (line: string) => void;
  /** Task definitions of service revisions (for the service deployment's messages). */
  revisions?: ReadonlyMap<string, string>;
  /** Called once per verdict, as soon as it is known (to report it before others finish). */
  onVerdict?: (watched: Watched<T>) => Promise<void> | void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The watched deployments come back in the order of `items`, each with its item. */
export async function watch<T extends Watchable>(
  ecs: Pick<ECSClient, 'send'>,
  cluster: string,
  items: readonly T[],
  options: WatchOptions<T>,
): Promise<Watched<T>[]> {
  const clock = options.clock ?? Date.now;
  const watched = items.map((item): Watched<T> => ({
    item,
    tracking: item.tracking,
    at: clock(),
    outcome: 'timed-out',
  }));
  const lastLine = new Map<Watched<T>, string>();
  const unconfirmedOnce = new Set<Watched<T>>();
  const waiting = (): Watched<T>[] => watched.filter((w) => !w.judgement);

  const result = await poll(
    async () => {
      const open = waiting();
      const linked = open.flatMap((w) => w.tracking.serviceDeploymentArn ?? []);
      const [described, deployments] = await Promise.all([
        describeServices(
          ecs,
          cluster,
          open.map((w) => w.tracking.service),
        ),
        linked.length > 0 ? describeServiceDeployments(ecs, linked) : Promise.resolve(new Map()),
      ]);
      const now = clock();
      for (const w of open) {
        const snapshot = described.found.get(w.tracking.service);
        w.last = snapshot ?? w.last;
        const sd = w.tracking.serviceDeploymentArn
          ? deployments.get(w.tracking.serviceDeploymentArn)
          : undefined;
        const j = judgeRolling(snapshot, sd, w.tracking, options.revisions);
        const progress = 'progress' in j ? j.progress : undefined;
        if (progress) {
          const line = progressLine(w.tracking.service, progress);
          if (lastLine.get(w) !== line) {
            lastLine.set(w, line);
            options.log(line);
          }
        }
        if (j.verdict === 'in-progress') {
          w.lastProgress = j.progress;
          continue;
        }
        // A stop that only the service deployment shows is believed at the second poll in a
        // row, never at the first: the two calls of one poll may answer two different moments.
        if (j.verdict === 'failed' && j.unconfirmed && !unconfirmedOnce.has(w)) {
          unconfirmedOnce.add(w);
          if (j.progress) w.lastProgress = j.progress;
          continue;
        }
        unconfirmedOnce.delete(w);
        w.judgement = j;
        w.at = now;
        w.outcome = 'judged';
        await options.onVerdict?.(w);
      }
      return waiting().length === 0 ? { done: true, value: undefined } : { done: false };
    },
    {
      intervalMs: options.intervalMs,
      deadline: options.deadline,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      // Throttling and other faults: the poller's one warning per episode, and one line after it.
      what: `Watching ${servicesNamed(items.map((i) => i.tracking.service))} (DescribeServices)`,
      info: options.log,
    },
  );
  const end = clock();
  for (const w of waiting()) {
    w.at = end;
    w.outcome = result.outcome === 'cancelled' ? 'cancelled' : 'timed-out';
  }
  return watched;
}
