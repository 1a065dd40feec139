/**
 * Job concurrency groups as GitHub applies them within the run: at most one job of a group runs;
 * a job whose group is busy waits (cancel-in-progress: false) and a newer waiting job replaces
 * (cancels) an older waiting one. Every wait is recorded, so a run shows where two jobs of one group
 * would have overlapped.
 */
interface Group {
  running?: string;
  waiting?: { job: string; release: (proceed: boolean) => void };
}

export class ConcurrencyGroups {
  private readonly groups = new Map<string, Group>();
  readonly waits: string[] = [];

  /** Resolves true when `job` may run, false when a newer job replaced it while waiting. */
  async acquire(group: string, job: string): Promise<boolean> {
    const state = this.groups.get(group) ?? {};
    this.groups.set(group, state);
    if (!state.running) {
      state.running = job;
      return true;
    }
    this.waits.push(`${job} waited for ${state.running} (group ${group})`);
    state.waiting?.release(false);
    return new Promise((resolve) => {
      state.waiting = { job, release: resolve };
    });
  }

  release(group: string): void {
    const state = this.groups.get(group);
    if (!state) return;
    state.running = undefined;
    const next = state.waiting;
    state.waiting = undefined;
    if (next) {
      state.running = next.job;
      next.release(true);
    }
  }
}
