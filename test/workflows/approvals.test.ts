import {
  loadWorkflow,
  resolvePackWorkflow,
  selfAction,
  workflowPaths,
  type Job,
  type Workflow,
  type WorkflowFile,
} from '../support/workflows.js';

/** A job as it runs: its environment and the pack actions its steps use. */
interface RunJob {
  id: string;
  environment?: string;
  actions: string[];
}

function inputDefault(called: Workflow, name: string): unknown {
  const on = called.on as { workflow_call?: { inputs?: Record<string, { default?: unknown }> } };
  return on.workflow_call?.inputs?.[name]?.default;
}

/** `${{ inputs.x }}` with the caller's value (or the input's default); other text as it is. */
function resolveInput(value: unknown, withs: Record<string, unknown>, called: Workflow): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$/.exec(value.trim());
  if (!m) return value;
  return m[1]! in withs ? withs[m[1]!] : inputDefault(called, m[1]!);
}

function environmentName(env: unknown): string | undefined {
  const name = typeof env === 'object' && env !== null ? (env as { name?: unknown }).name : env;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

function stepActions(job: Job): string[] {
  return (job.steps ?? []).flatMap((s) => {
    const name = s.uses ? selfAction(s.uses) : undefined;
    return name ? [name] : [];
  });
}

/** The jobs a run of this workflow starts, reusable workflow calls expanded. */
function runJobs(file: WorkflowFile): RunJob[] {
  return Object.entries(file.doc.jobs ?? {}).flatMap(([id, job]) => {
    const called = job.uses ? resolvePackWorkflow(job.uses) : undefined;
    if (!called) {
      return [{ id, environment: environmentName(job.environment), actions: stepActions(job) }];
    }
    const withs = (job.with ?? {}) as Record<string, unknown>;
    return Object.entries(called.jobs ?? {}).flatMap(([innerId, inner]) => {
      // `if: inputs.<boolean>` (frontend-s3.yml's publish) is decided by the caller's value.
      const gate =
        typeof inner.if === 'string' ? /^inputs\.([A-Za-z0-9_-]+)$/.exec(inner.if) : null;
      if (gate && resolveInput(`\${{ inputs.${gate[1]} }}`, withs, called) === false) return [];
      const env = resolveInput(inner.environment, withs, called);
      return [
        { id: `${id}/${innerId}`, environment: environmentName(env), actions: stepActions(inner) },
      ];
    });
  });
}

const pipelines = workflowPaths()
  .filter((p) => p.includes('/examples/'))
  .map(loadWorkflow)
  .filter((f) => JSON.stringify(f.doc.on).includes('push'));

describe('one approval per rollout', () => {
  it('finds a push pipeline per example system', () => {
    expect(pipelines.length).toBeGreaterThanOrEqual(5);
  });

  it.each(pipelines.map((f) => [f.rel, f] as const))(
    '%s binds at most one job to each environment',
    (_rel, file) => {
      const byEnv = new Map<string, string[]>();
      for (const job of runJobs(file)) {
        if (!job.environment) continue;
        byEnv.set(job.environment, [...(byEnv.get(job.environment) ?? []), job.id]);
      }
      for (const [env, jobs] of byEnv) expect([env, jobs]).toEqual([env, jobs.slice(0, 1)]);
    },
  );

  it.each(pipelines.map((f) => [f.rel, f] as const))(
    '%s runs every migration and deploy in a job bound to an environment',
    (_rel, file) => {
      const unbound = runJobs(file)
        .filter((j) => j.actions.some((a) => a === 'ecs-deploy' || a === 'run-migration'))
        .filter((j) => !j.environment)
        .map((j) => j.id);
      expect(unbound).toEqual([]);
    },
  );

  it('counts the jobs of a pipeline that binds several to one environment', () => {
    const file = loadWorkflow(
      workflowPaths().find((p) =>
        p.endsWith('examples/health-surveillance/.github/workflows/deploy.yml'),
      )!,
    );
    const doc = structuredClone(file.doc);
    doc.jobs!.migrate = {
      uses: 'your-org/ecs-delivery-pack/.github/workflows/migrate.yml@v1',
      with: { environment: 'production' },
    };
    const envs = runJobs({ ...file, doc }).filter((j) => j.environment === 'production');
    expect(envs.map((j) => j.id).sort()).toEqual(['migrate/migrate', 'release/release']);
    // The dashboard build does not publish (publish: false): its publish job never runs.
    expect(runJobs(file).map((j) => j.id)).not.toContain('dashboard/publish');
  });
});
