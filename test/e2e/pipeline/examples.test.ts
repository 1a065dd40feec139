/**
 * Every example pipeline through `npm run pipeline`, against one sandbox with every example's
 * infrastructure: green on push, tests and build only on a pull request, the PostGIS test job
 * against real PostgreSQL + PostGIS, and a failing deploy that stops the pipeline and is undone by
 * the example's rollback workflow. The learning platform's Rails job runs its specs with the real
 * rspec (Debian's Ruby gems) and uploads rspec's JUnit report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { serviceBinariesMissing } from '../../../pipeline/services.js';
import { results, runPipelineCli, type PipelineReport } from '../../support/pipeline.js';

const missing = serviceBinariesMissing();
const withServices = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0)
  process.stderr.write(
    `SKIPPED pipeline e2e: ${missing.join(', ')} not installed (bash .ci/run installs them)\n`,
  );
// Without Ruby and these gems the runner's `bundle exec rspec` reports rspec as not run.
const rspecMissing =
  spawnSync('ruby', [
    '-e',
    'require "rspec/core"; require "rspec_junit_formatter"; require "pg"; require "redis"',
  ]).status !== 0;
if (rspecMissing)
  process.stderr.write(
    'SKIPPED the rspec run of the learning platform: ruby, ruby-rspec, ruby-rspec-junit-formatter, ruby-pg or ruby-redis not installed (bash scripts/system-packages.sh installs them)\n',
  );

/**
 * Each example, the job that deploys or publishes its release, and the reviewer approvals a push
 * asks for on GitHub: one per protected environment per rollout (production is protected, staging
 * is not; the dental UI's publish job has no environment).
 */
const EXAMPLES: [string, string, number][] = [
  ['examples/health-surveillance', 'release / release', 1],
  ['examples/learning-platform', 'release / release', 1],
  ['examples/alerting-platform', 'release / release', 1],
  ['examples/dental-clinic/acme-dental-clinic', 'deploy / release', 1],
  ['examples/dental-clinic/acme-dental-ui', 'publish / publish', 0],
  ['examples/agent-platform', 'production / release', 1],
];

const timings: string[] = [];
const timed = (name: string, report: PipelineReport) => {
  timings.push(`| ${name} | ${report.seconds.toFixed(1)} |`);
  return report;
};

const failureOf = (report: PipelineReport) => ({
  code: report.code,
  tail: report.stdout.slice(-4000),
  stderr: report.stderr.slice(-2000),
});
/** Exit code 0; otherwise the failure shows the run's last lines in full. */
const expectSucceeded = (report: PipelineReport) => {
  const { code, tail, stderr } = failureOf(report);
  expect(code === 0 ? 0 : `exit code ${code}\n${tail}\n${stderr}`).toBe(0);
};

withServices('npm run pipeline: the example pipelines', () => {
  let sandbox: Sandbox;
  let ecs: ECSClient;
  let initialApi: string | undefined;
  let learningArtifacts: string;
  const taskDefinitionOf = async (cluster: string, service: string) =>
    (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))).services?.[0]
      ?.taskDefinition;
  // The push and pull-request runs touch different clusters (or none): they run at the same time,
  // as the runs of six repositories would; each test below awaits its own.
  const runs = new Map<string, Promise<PipelineReport>>();
  const started = (key: string, workflow: string, args: string[] = []) => {
    if (!runs.has(key))
      runs.set(
        key,
        runPipelineCli(sandbox, workflow, args).then((r) => timed(key, r)),
      );
    return runs.get(key)!;
  };

  beforeAll(async () => {
    sandbox = await startSandbox('pipelines');
    const env = sandbox.env();
    ecs = new ECSClient({
      endpoint: sandbox.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
      },
    });
    initialApi = await taskDefinitionOf('cbi-production', 'cbi-api');
    learningArtifacts = await mkdtemp(path.join(os.tmpdir(), 'pipeline-artifacts-'));
    for (const [example] of EXAMPLES)
      started(
        `${example} push`,
        `${example}/.github/workflows/deploy.yml`,
        example === 'examples/learning-platform'
          ? ['--verbose', '--artifacts', learningArtifacts]
          : [],
      );
    started(
      'health-surveillance pull_request',
      'examples/health-surveillance/.github/workflows/deploy.yml',
      ['--event', 'pull_request', '--verbose'],
    );
    started(
      'acme-dental-ui pull_request',
      'examples/dental-clinic/acme-dental-ui/.github/workflows/deploy.yml',
      ['--event', 'pull_request'],
    );
  });

  afterAll(async () => {
    ecs?.destroy();
    await sandbox?.close();
    if (learningArtifacts) await rm(learningArtifacts, { recursive: true, force: true });
    // Timings are for bench/RESULTS.md, never asserted.
    if (timings.length > 0)
      process.stderr.write(`pipeline runs (seconds)\n${timings.join('\n')}\n`);
  });

  it.each(EXAMPLES)(
    '%s runs green on push (%s; %i approval)',
    async (example, release, approvals) => {
      const report = await started(`${example} push`, `${example}/.github/workflows/deploy.yml`);
      expectSucceeded(report);
      expect(report.jobs.filter((j) => j.result !== 'success' && j.result !== 'skipped')).toEqual(
        [],
      );
      expect(results(report)[release]).toBe('success');
      expect(report.approvals).toBe(approvals);
      expect(report.stdout).toMatch(/^succeeded: \d+ job\(s\), 0 failed/m);
    },
    240_000,
  );

  it('a pull request runs the tests (PostGIS checked for real) and nothing after them', async () => {
    const report = await runs.get('health-surveillance pull_request')!;
    expectSucceeded(report);
    const byId = results(report);
    expect(byId['test / test']).toBe('success');
    expect(
      Object.entries(byId)
        .filter(([id]) => id !== 'test / test')
        .map(([, r]) => r),
    ).toEqual(Array(report.jobs.length - 1).fill('skipped'));
    expect(report.approvals).toBe(0);
    // test.yml's extension check ran against the job's PostgreSQL service: CREATE EXTENSION postgis
    // and PostGIS_Full_Version() answered by the real server.
    expect(report.stdout).toMatch(/extension postgis \d+\.\d+/);
    expect(report.stdout).toMatch(/POSTGIS="\d+\.\d+/);
    expect(report.stdout).toMatch(/test_postgis_measures_a_distance PASSED/);
    expect(report.stdout).toMatch(/test_redis_answers_on_redis_url PASSED/);
    // The secrets of the run never reach the printed log.
    expect(report.stdout).not.toContain('test-jwt-3a9f1c7e');
  }, 240_000);

  (rspecMissing ? it.skip : it)(
    "the learning platform's Rails job runs rspec against its services and uploads the JUnit report",
    async () => {
      const report = await runs.get('examples/learning-platform push')!;
      expectSucceeded(report);
      expect(results(report)['test-rails-api / test']).toBe('success');
      expect(report.stdout).not.toMatch(/rspec.* not run/);
      // rspec's own summary line in the job's log (the progress formatter).
      const summary = /^ *\| (\d+) examples, 0 failures$/m.exec(report.stdout);
      expect(summary?.[0]).toBeDefined();
      const examples = Number(summary![1]);
      expect(examples).toBeGreaterThan(0);
      // upload-artifact stored test-reports/ of the job's working directory under the artifact's name.
      const xml = await readFile(
        path.join(learningArtifacts, 'rails-api-test-reports', 'rspec.xml'),
        'utf8',
      );
      expect(xml).toMatch(
        new RegExp(
          `<testsuite name="rspec" tests="${examples}" skipped="0" failures="0" errors="0"`,
        ),
      );
      expect(xml).toContain('name="CourseCatalog round-trips a course through PostgreSQL"');
      expect(xml).toContain(
        'name="ProgressCache round-trips a learner&apos;s progress through Redis"',
      );
    },
    240_000,
  );

  it('the dental UI runs its check job on a pull request and publishes nothing', async () => {
    const report = await runs.get('acme-dental-ui pull_request')!;
    expectSucceeded(report);
    expect(results(report)).toEqual({
      check: 'success',
      'publish / build': 'skipped',
      'publish / publish': 'skipped',
    });
  }, 120_000);

  it('a failing deploy stops the pipeline; the rollback workflow restores the previous revision', async () => {
    // After the concurrent runs (this test changes what deployments on the sandbox do): the
    // health-surveillance push has released a new revision over the one cbi-api started on.
    await Promise.allSettled(runs.values());
    expect((await runs.get('examples/health-surveillance push')!).code).toBe(0);
    const released = await taskDefinitionOf('cbi-production', 'cbi-api');
    expect(released).not.toBe(initialApi);

    const scenario = sandbox.scenario.ecsServices!;
    const healthy = scenario.defaultRollout;
    const callsBefore = sandbox.calls.all().length;
    scenario.defaultRollout = {
      tasks: 'crash',
      crashAfter: 4,
      exitCode: 3,
      stoppedReason: 'Essential container in task exited',
    };
    let broken: PipelineReport;
    try {
      broken = timed(
        'health-surveillance push (broken release)',
        await runPipelineCli(sandbox, 'examples/health-surveillance/.github/workflows/deploy.yml', [
          '--sha',
          '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
          '--verbose',
        ]),
      );
    } finally {
      scenario.defaultRollout = healthy;
    }
    expect(broken.code).toBe(1);
    expect(results(broken)['release / release']).toBe('failure');
    // The pipeline stops at the failed deploy: no webhook registration, no dashboard upload.
    const during = sandbox.calls.all().slice(callsBefore);
    expect(
      during.filter((c) => c.operation === 'setWebhook' || c.operation === 'PutObject'),
    ).toEqual([]);
    expect(broken.stdout).toContain('## Deploy');
    expect(broken.stdout).not.toContain('## Verify the webhook');
    expect(broken.stdout).not.toContain('## Sync the frontend to S3');
    expect(broken.stdout).toMatch(/^failed: \d+ job\(s\), 1 failed/m);

    const rollback = timed(
      'health-surveillance rollback',
      await runPipelineCli(sandbox, 'examples/health-surveillance/.github/workflows/rollback.yml', [
        '--event',
        'workflow_dispatch',
        '--input',
        'service=cbi-api',
      ]),
    );
    expectSucceeded(rollback);
    expect(results(rollback)).toEqual({ 'rollback / rollback': 'success' });
    expect(await taskDefinitionOf('cbi-production', 'cbi-api')).toBe(initialApi);
  }, 300_000);

  it('two runs whose jobs share a concurrency group never overlap: the later one waits', async () => {
    await Promise.allSettled(runs.values());
    // rollback.yml holds one group per cluster (as release.yml does): two rollbacks of services of
    // cbi-production dispatched at once run one after the other.
    const rollback = (service: string) =>
      runPipelineCli(sandbox, 'examples/health-surveillance/.github/workflows/rollback.yml', [
        '--event',
        'workflow_dispatch',
        '--input',
        `service=${service}`,
      ]);
    const callsBefore = sandbox.calls.all().length;
    const [api, worker] = await Promise.all([rollback('cbi-api'), rollback('cbi-worker')]);
    expectSucceeded(api);
    expectSucceeded(worker);
    const waits = [api, worker].filter((r) =>
      /^concurrency: rollback \/ rollback waited for another run \(group ecs-deploy-cbi-sudan\/cbi-cbi-production\)$/m.test(
        r.stdout,
      ),
    );
    // At least the later one waited. Both may: the demo e2e runs this repository's release on
    // this machine too, in the same group, and the first rollback may wait for it.
    expect(waits.length).toBeGreaterThanOrEqual(1);
    // Never overlapping: every ECS call of one rollback comes before every call of the other.
    const during = sandbox.calls.all().slice(callsBefore);
    const window = (service: string) => {
      const times = during
        .filter((c) => {
          const input = c.input as { service?: string; services?: string[] };
          return input.service === service || (input.services ?? []).includes(service);
        })
        .map((c) => c.at);
      return { first: Math.min(...times), last: Math.max(...times), calls: times.length };
    };
    const [a, w] = [window('cbi-api'), window('cbi-worker')];
    expect(a.calls).toBeGreaterThan(0);
    expect(w.calls).toBeGreaterThan(0);
    expect(a.last < w.first || w.last < a.first).toBe(true);
  }, 180_000);

  it('refuses a workflow_dispatch input the workflow does not offer, naming it', async () => {
    const report = await runPipelineCli(
      sandbox,
      'examples/health-surveillance/.github/workflows/rollback.yml',
      ['--event', 'workflow_dispatch', '--input', 'service=cbi-dashboard'],
    );
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--input service=cbi-dashboard: not one of cbi-api, cbi-worker/);
  }, 60_000);
});
