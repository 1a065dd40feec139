/**
 * Every complete YAML snippet of the READMEs, docs and workflow headers (a workflow, a job, or a
 * step list that is a whole job) run by `npm run pipeline` against the sandbox, from a throwaway
 * repository whose `uses:` of the pack resolve to this checkout (test/support/snippet-runs.ts).
 * Each one's jobs end as the snippet's text says they do. Fragments (one step of a larger job)
 * are listed with the reason they cannot run alone; a complete snippet the runner cannot run is
 * listed with its reason and reported, never dropped.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { pipelinesPaused } from '../../../sandbox/scenarios/pipelines.js';
import { serviceBinariesMissing } from '../../../pipeline/services.js';
import { runPipelineCli, type PipelineReport } from '../../support/pipeline.js';
import { allSnippets, completeness, shapeSnippet } from '../../support/snippets.js';
import { REUSABLE } from '../../support/workflows.js';
import {
  byResource,
  snippetRepository,
  type SnippetRepository,
  type SnippetRun,
} from '../../support/snippet-runs.js';

const classified = allSnippets().map((snippet) => {
  const shaped = shapeSnippet(snippet);
  return { snippet, shaped, ...completeness(shaped) };
});
const complete = classified.filter((c) => c.complete).map((c) => c.snippet);
const fragments = classified.flatMap((c) =>
  c.complete ? [] : [[c.snippet.where, (c as { reason: string }).reason] as const],
);

/**
 * Complete snippets the runner cannot run here, by file (the line moves as docs change), with the
 * reason. Each is reported as a skipped test below.
 */
const NOT_RUN: Record<string, string> = {};
const notRun = (where: string) => NOT_RUN[where.replace(/:\d+$/, '')];

const missing = serviceBinariesMissing();
const withServices = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0)
  process.stderr.write(
    `SKIPPED snippet runs: ${missing.join(', ')} not installed (bash .ci/run installs them)\n`,
  );
for (const [where, reason] of Object.entries(NOT_RUN))
  process.stderr.write(`NOT RUN snippet ${where}: ${reason}\n`);

describe('the snippets, complete or fragment', () => {
  it('every workflow and job snippet is complete, with a header example of each reusable workflow', () => {
    const jobs = classified.filter((c) => c.shaped.kind === 'workflow');
    expect(jobs.filter((c) => !c.complete).map((c) => c.snippet.where)).toEqual([]);
    for (const name of REUSABLE)
      expect([
        name,
        complete.some((s) => s.where.startsWith(`.github/workflows/${name}:`)),
      ]).toEqual([name, true]);
  });

  // The fragments, listed: one step of a job, which a user pastes into a job of their own.
  it.each(fragments.map(([where, reason]) => [where, reason]))('%s is a fragment: %s', (where) => {
    expect(complete.some((s) => s.where === where)).toBe(false);
  });
});

/** A job's result: its own, or those of the jobs of the reusable workflow it calls. */
function jobResults(report: PipelineReport, run: SnippetRun): Record<string, string> {
  const out: Record<string, string> = {};
  for (const job of run.jobs) {
    const mine = report.jobs.filter((j) => j.id === job || j.id.startsWith(`${job} / `));
    const results = new Set(mine.map((j) => j.result));
    out[job] =
      mine.length === 0
        ? 'missing'
        : results.has('failure')
          ? 'failure'
          : results.has('success')
            ? 'success'
            : [...results].join(',');
  }
  return out;
}

/** A run: the snippet, its sandbox, what its jobs end as, and the CLI arguments added. */
interface Planned {
  name: string;
  run: SnippetRun;
  sandbox: 'pipelines' | 'paused';
  listener?: 'healthy' | 'failing';
  args: string[];
  expected: Record<string, string>;
}

/**
 * docs/workflows.md's PAUSE pattern needs cbi-api on native BLUE_GREEN with a PAUSE hook (the
 * `pipelines-paused` scenario; the other snippets deploy it with rolling updates) and the new
 * revision's test listener (a local server standing for it, at TEST_LISTENER_URL). It runs twice:
 * checks pass and the approved release continues the deployment; checks fail and `abort` rolls it
 * back (ContinueServiceDeployment ROLLBACK, which ecs-deploy reports as a failed deployment: the
 * run is red and production never saw the new revision).
 */
const PAUSE_PATTERN = 'docs/workflows.md';

function plan(runs: SnippetRun[]): Planned[] {
  const success = (run: SnippetRun) => Object.fromEntries(run.jobs.map((j) => [j, 'success']));
  return runs.flatMap((run): Planned[] => {
    const file = run.where.replace(/:\d+$/, '');
    if (file !== PAUSE_PATTERN || !run.jobs.includes('abort'))
      return [{ name: run.where, run, sandbox: 'pipelines', args: [], expected: success(run) }];
    return [
      {
        name: `${run.where} (checks pass)`,
        run,
        sandbox: 'paused',
        listener: 'healthy',
        args: [],
        expected: { ...success(run), abort: 'skipped' },
      },
      {
        name: `${run.where} (checks fail)`,
        run,
        sandbox: 'paused',
        listener: 'failing',
        args: ['--sha', '5d4c3b2a19f8e7d6c5b4a39281706f5e4d3c2b1a'],
        expected: {
          ...success(run),
          'test-listener': 'failure',
          release: 'skipped',
          abort: 'failure',
        },
      },
    ];
  });
}

withServices('npm run pipeline: the complete snippets', () => {
  const sandboxes = {} as Record<Planned['sandbox'], Sandbox>;
  let repository: SnippetRepository;
  let listener: Server;
  let listenerState: 'healthy' | 'failing' = 'healthy';
  const listenerHits: string[] = [];
  let planned: Planned[] = [];
  const reports = new Map<string, Promise<PipelineReport>>();

  beforeAll(async () => {
    listener = createServer((req, res) => {
      listenerHits.push(`${listenerState} ${req.method} ${req.url}`);
      res.writeHead(req.url === '/health' && listenerState === 'healthy' ? 200 : 503).end();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    sandboxes.pipelines = await startSandbox('pipelines');
    sandboxes.paused = await startSandbox(pipelinesPaused);
    repository = snippetRepository(
      complete.filter((s) => !notRun(s.where)),
      {
        TEST_LISTENER_URL: `http://127.0.0.1:${port}`,
      },
    );
    // Rollbacks after the deploys of their cluster: "previous" needs a revision to go back to.
    const rollsBack = (p: Planned) => (p.run.rollsBack ? 1 : 0);
    planned = plan(repository.runs).sort((a, b) => rollsBack(a) - rollsBack(b));
    const started = byResource(
      planned.map((p) => ({
        resources: p.run.resources.map((r) => `${p.sandbox}: ${r}`),
        start: () => {
          if (p.listener) listenerState = p.listener;
          return runPipelineCli(sandboxes[p.sandbox], p.run.file, [...p.run.args, ...p.args]);
        },
      })),
    );
    planned.forEach((p, i) => reports.set(p.name, started[i]!));
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(reports.values());
    repository?.remove();
    await Promise.all(Object.values(sandboxes).map((s) => s.close()));
    await new Promise((resolve) => listener?.close(resolve));
  });

  const runnable = complete.filter((s) => !notRun(s.where));
  const names = runnable.flatMap((s) =>
    s.where.startsWith(`${PAUSE_PATTERN}:`) && /\babort:/.test(s.text)
      ? [`${s.where} (checks pass)`, `${s.where} (checks fail)`]
      : [s.where],
  );
  it.each(names)(
    '%s runs as documented',
    async (name) => {
      const p = planned.find((x) => x.name === name)!;
      const report = await reports.get(name)!;
      const failing = Object.values(p.expected).includes('failure');
      expect({ name, results: jobResults(report, p.run) }).toEqual({
        name,
        results: p.expected,
      });
      expect({ code: report.code, tail: report.stdout.slice(-3000) }).toEqual({
        code: failing ? 1 : 0,
        tail: expect.stringMatching(failing ? /^failed: /m : /^succeeded: /m),
      });
      // One reviewer approval per rollout at most (production is the protected environment).
      expect(report.approvals).toBeLessThanOrEqual(1);
      // The images the snippet deploys reached ECS: a revision was registered with each.
      const registered = JSON.stringify(
        sandboxes[p.sandbox].calls.of('RegisterTaskDefinition').map((c) => c.input),
      );
      expect(p.run.digests.filter((d) => !registered.includes(d))).toEqual([]);
    },
    420_000,
  );

  it('the PAUSE pattern checked the test listener while paused, and its abort restored the API', async () => {
    const pause = planned.filter((p) => p.sandbox === 'paused');
    expect(pause).toHaveLength(2);
    await Promise.allSettled(pause.map((p) => reports.get(p.name)!));
    expect(listenerHits).toEqual(['healthy GET /health', 'failing GET /health']);
    // After the failed checks the API runs the revision the approved release put there.
    const ecs = new ECSClient({
      endpoint: sandboxes.paused.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: sandboxes.paused.env().AWS_ACCESS_KEY_ID!,
        secretAccessKey: sandboxes.paused.env().AWS_SECRET_ACCESS_KEY!,
      },
    });
    try {
      const service = async () =>
        (
          await ecs.send(
            new DescribeServicesCommand({ cluster: 'cbi-production', services: ['cbi-api'] }),
          )
        ).services?.[0];
      let current = await service();
      for (let i = 0; i < 50 && current?.deployments?.length !== 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        current = await service();
      }
      expect(current?.taskDefinition).toMatch(/:task-definition\/cbi-api:2$/);
      expect(current?.deployments).toHaveLength(1);
    } finally {
      ecs.destroy();
    }
  }, 420_000);

  const skipped = complete.filter((s) => notRun(s.where));
  if (skipped.length > 0)
    it.skip.each(skipped.map((s) => [s.where, notRun(s.where)!]))(
      '%s is not run here: %s',
      () => undefined,
    );
});
