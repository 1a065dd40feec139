/**
 * `npm run demo [-- --with-rollback]`: the CBI health-surveillance pipeline (seed 000,
 * examples/health-surveillance/.github/workflows/deploy.yml) run by the pipeline runner on this
 * machine against the sandbox, as a push to main: tests next to real PostgreSQL + PostGIS and
 * Redis, the image build, `alembic upgrade head`, the rolling deploys of cbi-api and cbi-worker,
 * the Telegram webhook check and the dashboard publish. Prints one line per job, then each job's
 * summary. `--with-rollback` also ships a release whose tasks crash (the pipeline stops at the
 * deploy) and runs the example's rollback workflow. Exits 0 when every run ended as expected.
 */
import path from 'node:path';
import { startSandbox } from '../sandbox/index.js';
import { PACK_ROOT, runPipeline, type PipelineResult } from '../pipeline/run.js';
import { renderSummary } from './render.js';

const out = (text = '') => process.stdout.write(`${text}\n`);
const EXAMPLE = path.join(PACK_ROOT, 'examples/health-surveillance/.github/workflows');

function printSummaries(result: PipelineResult): void {
  for (const { job, summary } of result.summaries) {
    out();
    out(`  Job summary: ${job}`);
    out(
      renderSummary(summary)
        .split('\n')
        .map((l) => `  ┃ ${l}`)
        .join('\n'),
    );
  }
}

async function main(): Promise<number> {
  const withRollback = process.argv.includes('--with-rollback');
  const started = Date.now();
  const sandbox = await startSandbox('pipelines');
  const print = (line: string) => out(`  ${line}`);
  const problems: string[] = [];
  try {
    out('ECS delivery pack demo: the CBI pipeline, run by the pipeline runner against the sandbox');
    out();
    out('━━ push to main');
    const push = await runPipeline({
      file: path.join(EXAMPLE, 'deploy.yml'),
      event: 'push',
      sandboxEnv: sandbox.env(),
      print,
    });
    printSummaries(push);
    if (push.failed) problems.push('the push pipeline failed');
    if (withRollback) {
      out();
      out(
        '━━ push of a release whose tasks crash: the circuit breaker stops the deploy, the pipeline stops',
      );
      const rollouts = sandbox.scenario.ecsServices!;
      const healthy = rollouts.defaultRollout;
      rollouts.defaultRollout = { tasks: 'crash', crashAfter: 4, exitCode: 3 };
      const broken = await runPipeline({
        file: path.join(EXAMPLE, 'deploy.yml'),
        event: 'push',
        sandboxEnv: sandbox.env(),
        sha: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
        print,
      });
      rollouts.defaultRollout = healthy;
      if (!broken.failed) problems.push('the broken release did not fail');
      out();
      out('━━ workflow_dispatch of rollback.yml: cbi-api back to its previous revision');
      const rollback = await runPipeline({
        file: path.join(EXAMPLE, 'rollback.yml'),
        event: 'workflow_dispatch',
        inputs: { service: 'cbi-api' },
        sandboxEnv: sandbox.env(),
        print,
      });
      printSummaries(rollback);
      if (rollback.failed) problems.push('the rollback failed');
    }
  } finally {
    await sandbox.close();
  }
  out();
  out(
    problems.length === 0
      ? `Every run ended as expected (${((Date.now() - started) / 1000).toFixed(0)} s).`
      : `Not as expected: ${problems.join('; ')}`,
  );
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
