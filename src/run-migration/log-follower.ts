/**
 * Streams a container's awslogs output while the task runs: GetLogEvents from the head of the
 * stream, following nextForwardToken, so no line is printed twice and none is skipped. The
 * stream is at its end for now when the token comes back unchanged; once the task has stopped,
 * an end reached by a read that began after the stop means everything has been printed.
 *
 * Every read is abortable: `halt()` (and the deadline signal) abort the read in flight, so
 * `run()` ends at once. Transient faults (5xx, throttling, dropped connections, unreadable
 * answers; lib's `isTransientError`) are retried by lib's `retryWithBackoff`, bounded by the
 * action's deadline, with one warning per episode (`episodeWarner`) and one line when the
 * stream answers again; any other error, or a fault still met at the deadline, ends the
 * streaming with a warning (the migration is still followed: a log fault is never a verdict).
 */
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { errorCode } from '../lib/aws-errors.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import { untilAborted, type Deadline } from '../lib/deadline.js';
import { episodeWarner, RetryDeadlineError, retryWithBackoff, shortMessage } from '../lib/retry.js';
import type { LogTarget } from './log-target.js';

export interface LogFollowerOptions {
  intervalMs: number;
  /** Prints one line of container output. */
  print: (line: string) => void;
  warn: (message: string) => void;
  /** Where the end of an episode of faults is told (one line). */
  info?: (message: string) => void;
  /** The action's deadline (or an absolute time per `clock`): no retry begins after it. */
  deadline?: Deadline | number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  clock?: () => number;
  /** The action's deadline (or cancellation) signal: aborts the read in flight and the loop. */
  signal?: AbortSignal;
}

type LogsLike = Pick<CloudWatchLogsClient, 'send'>;

/** How many of the last lines are kept for the summary. */
const KEEP_LAST = 30;
/** Reads of a stream that never appears, once the task stopped, before giving up on it. */
const MISSING_READS_AFTER_STOP = 3;

export class LogFollower {
  readonly lastLines: string[] = [];
  private token: string | undefined;
  private stopped = false;
  private halted = false;
  private wake = new AbortController();
  /** Aborted by halt(): ends the read in flight. */
  private readonly reads = new AbortController();
  private readonly onSignal = (): void => this.halt();

  constructor(
    private readonly logs: LogsLike,
    readonly target: LogTarget,
    private readonly options: LogFollowerOptions,
  ) {}

  /** The task is STOPPED: drain what is left, then finish. */
  taskStopped(): void {
    this.stopped = true;
    this.wake.abort();
  }

  /** Stop following now (timeout, cancellation, or the drain's time is up), without draining. */
  halt(): void {
    this.halted = true;
    this.wake.abort();
    this.reads.abort(Object.assign(new Error('Log following halted'), { name: 'AbortError' }));
  }

  async run(): Promise<void> {
    const signal = this.options.signal;
    if (signal?.aborted) return;
    signal?.addEventListener('abort', this.onSignal, { once: true });
    try {
      await this.loop();
    } finally {
      signal?.removeEventListener('abort', this.onSignal);
    }
  }

  private async loop(): Promise<void> {
    const sleep = this.options.sleep ?? realSleep;
    const where = `${this.target.group}/${this.target.stream}`;
    const warner = episodeWarner(`Reading logs from ${where}`, {
      warn: this.options.warn,
      ...(this.options.info ? { info: this.options.info } : {}),
    });
    let missingAfterStop = 0;
    while (!this.halted) {
      const stoppedBefore = this.stopped;
      try {
        // Transient faults are retried with backoff (one warning per episode) until the deadline.
        const atEnd = await retryWithBackoff(() => this.readPage(), {
          signal: this.reads.signal,
          ...(this.options.deadline ? { deadline: this.options.deadline } : {}),
          backoff: { baseMs: Math.max(500, this.options.intervalMs), capMs: 10_000 },
          sleep,
          ...(this.options.clock ? { clock: this.options.clock } : {}),
          onRetry: warner.onRetry,
        });
        warner.recovered();
        if (!atEnd) continue;
        if (stoppedBefore) return;
      } catch (error) {
        if (this.halted) return;
        if (error instanceof RetryDeadlineError) {
          this.options.warn(
            `Stopped streaming logs from ${where}: ${shortMessage(error.lastError)}, still failing at the action's deadline (the migration is still followed).`,
          );
          return;
        }
        if (errorCode(error) !== 'ResourceNotFoundException') {
          this.options.warn(
            `Stopped streaming logs from ${where}: ${shortMessage(error)} (the migration is still followed).`,
          );
          return;
        }
        if (stoppedBefore && ++missingAfterStop >= MISSING_READS_AFTER_STOP) {
          this.options.warn(
            `Log stream ${this.target.stream} in group ${this.target.group} was not found: the container wrote no logs, or the log configuration points elsewhere.`,
          );
          return;
        }
      }
      if (this.halted) return;
      // Stopped while that read was under way: read again at once, so the drain begins after the stop.
      if (this.stopped && !stoppedBefore) continue;
      if (this.wake.signal.aborted) this.wake = new AbortController();
      await sleep(this.options.intervalMs, this.wake.signal);
    }
  }

  /** Reads one page and prints it; true when the stream is at its end for now. */
  private async readPage(): Promise<boolean> {
    const abortSignal = this.reads.signal;
    const out = await untilAborted(
      this.logs.send(
        new GetLogEventsCommand({
          logGroupName: this.target.group,
          logStreamName: this.target.stream,
          startFromHead: true,
          ...(this.token ? { nextToken: this.token } : {}),
        }),
        { abortSignal },
      ),
      abortSignal,
    );
    if (this.halted) return true;
    for (const event of out.events ?? []) this.emit(event.message ?? '');
    const next = out.nextForwardToken;
    const atEnd = next === undefined || next === this.token;
    if (next !== undefined) this.token = next;
    return atEnd && (out.events ?? []).length === 0;
  }

  private emit(message: string): void {
    for (const line of message.replace(/\r?\n$/, '').split(/\r?\n/)) {
      this.options.print(line);
      this.lastLines.push(line);
      if (this.lastLines.length > KEEP_LAST) this.lastLines.shift();
    }
  }
}
