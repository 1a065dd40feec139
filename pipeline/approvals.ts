/**
 * Reviewer approvals as GitHub asks for them. A job bound to an environment with required
 * reviewers waits ("Waiting") before it starts; the reviewer picks the environment(s) in "Review
 * deployments" and one approval releases every job of the run waiting on that environment at that
 * moment. A job that starts waiting later asks again. So the count is the number of distinct
 * (environment, moment) pairs, where a moment is the event that made jobs ready: the run's start or
 * the completion of one job (a prompt reviewer approves each request as it appears). Skipped jobs
 * never wait.
 */
export class Approvals {
  private readonly requests = new Map<string, string[]>();

  constructor(private readonly protectedEnvironments: Set<string>) {}

  /** Records that `job` starts waiting on `environment`, released by event number `moment`. */
  pending(job: string, environment: string | undefined, moment: number): boolean {
    if (!environment || !this.protectedEnvironments.has(environment)) return false;
    const key = `${environment}\0${moment}`;
    this.requests.set(key, [...(this.requests.get(key) ?? []), job]);
    return true;
  }

  get count(): number {
    return this.requests.size;
  }

  /** One line per approval: environment and the jobs it releases. */
  describe(): string[] {
    return [...this.requests].map(([key, jobs]) => `${key.split('\0')[0]}: ${jobs.join(', ')}`);
  }
}
