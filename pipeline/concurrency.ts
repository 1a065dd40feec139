/**
 * Job concurrency groups as GitHub applies them: at most one job of a group runs. Within the run a
 * job whose group is busy waits (cancel-in-progress: false) and a newer waiting job replaces
 * (cancels) an older waiting one; across runs on this machine (two `npm run pipeline` at once, a
 * deploy and a rollback) the group is a lock file, so the later run's job waits for the earlier
 * one. Groups belong to a repository, as on GitHub: runs of two repositories never wait for
 * each other, whatever their group names. Every wait is recorded, so a run shows where two jobs of one group would have overlapped.
 */
import { createHash } from 'node:crypto';
import { acquireLock, type HeldLock } from './lock-file.js';

interface Group {
  running?: string;
  waiting?: { job: string; release: (proceed: boolean) => void };
}

export class ConcurrencyGroups {
  private readonly groups = new Map<string, Group>();
  private readonly locks = new Map<string, HeldLock>();
  readonly waits: string[] = [];

  /**
   * @param repository the run's repository (`owner/name`): the scope of its groups.
   * @param acrossRuns hold each group in a lock file too (false in unit tests of the rules).
   */
  constructor(
    private readonly repository: string,
    private readonly acrossRuns = true,
  ) {}

  private async holdAcrossRuns(group: string, job: string): Promise<void> {
    if (!this.acrossRuns) return;
    const key = `${this.repository}\n${group}`;
    const name = `group-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
    const lock = await acquireLock(name, 6 * 60 * 60_000, `concurrency group ${group}`);
    if (lock.waited) this.waits.push(`${job} waited for another run (group ${group})`);
    this.locks.set(group, lock);
  }

  /** Resolves true when `job` may run, false when a newer job replaced it while waiting. */
  async acquire(group: string, job: string): Promise<boolean> {
    const state = this.groups.get(group) ?? {};
    this.groups.set(group, state);
    if (!state.running) {
      state.running = job;
      await this.holdAcrossRuns(group, job);
      return true;
    }
    this.waits.push(`${job} waited for ${state.running} (group ${group})`);
    state.waiting?.release(false);
    const proceed = await new Promise<boolean>((resolve) => {
      state.waiting = { job, release: resolve };
    });
    if (proceed) await this.holdAcrossRuns(group, job);
    return proceed;
  }

  async release(group: string): Promise<void> {
    const state = this.groups.get(group);
    if (!state) return;
    await this.locks.get(group)?.release();
    this.locks.delete(group);
    state.running = undefined;
    const next = state.waiting;
    state.waiting = undefined;
    if (next) {
      state.running = next.job;
      next.release(true);
    }
  }
}
