/**
 * Streams a container's awslogs output while the task runs: GetLogEvents from the head of the
 * stream, following nextForwardToken, so no line is printed twice and none is skipped. The
 * stream is at its end for now when the token comes back unchanged; once the task has stopped,
 * an end reached by a read that began after the stop means everything has been printed.
 *
 * Every read is abortable: `halt()` (and the deadline signal) abort the read in flight, so
 * `run()` ends at once. Transient faults (5xx, throttling, dropped connections, unreadable
 * answers) are retried with backoff, with one warning per episode; any other error ends the
 * streaming (the migration is still followed).
 */
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { errorCode, isTransientError } from '../lib/aws-errors.js';
import { backoffDelay } from '../lib/backoff.js';
import { sleep as realSleep } from '../lib/cancellation.js';
import { untilAborted } from '../lib/deadline.js';
import { shortMessage } from '../lib/retry.js';
import type { LogTarget } from './log-target.js';

export interface LogFollowerOptions {
  intervalMs: number;
  /** Prints one line of container output. */
  print: (line: string) => void;
  warn: (message: string) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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
    let faults = 0;
    let missingAfterStop = 0;
    while (!this.halted) {
      const stoppedBefore = this.stopped;
      let delay = this.options.intervalMs;
      try {
        const atEnd = await this.readPage();
        faults = 0;
        if (!atEnd) continue;
        if (stoppedBefore) return;
      } catch (error) {
        if (this.halted) return;
        if (errorCode(error) === 'ResourceNotFoundException') {
          if (stoppedBefore && ++missingAfterStop >= MISSING_READS_AFTER_STOP) {
            this.options.warn(
              `Log stream ${this.target.stream} in group ${this.target.group} was not found: the container wrote no logs, or the log configuration points elsewhere.`,
            );
            return;
          }
        } else if (isTransientError(error)) {
          faults++;
          if (faults === 1)
            this.options.warn(
              `Reading logs from ${this.target.group}/${this.target.stream}: ${shortMessage(error)}; retrying with backoff.`,
            );
          delay = Math.max(delay, backoffDelay(faults, { baseMs: 500, capMs: 10_000 }));
        } else {
          this.options.warn(
            `Stopped streaming logs from ${this.target.group}/${this.target.stream}: ${shortMessage(error)} (the migration is still followed).`,
          );
          return;
        }
      }
      if (this.halted) return;
      // Stopped while that read was under way: read again at once, so the drain begins after the stop.
      if (this.stopped && !stoppedBefore) continue;
      if (this.wake.signal.aborted) this.wake = new AbortController();
      await sleep(delay, this.wake.signal);
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
