/**
 * `npm run pipeline -- <workflow file> [--event push|workflow_dispatch|pull_request]
 * [--input KEY=VALUE]... [--json FILE] [--scenario NAME | --sandbox-env FILE] [--sha SHA] [--verbose]`
 *
 * Runs a workflow of this repository or of examples/ on this machine against the sandbox and
 * prints one line per job. Exit code 1 when a job failed, 2 when the workflow cannot run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { loadWorkflow } from './load.js';
import { eventContext } from './event.js';
import { repositoryOf } from './repository.js';
import type { RunnerConfig } from './types.js';
import { WorkflowRun } from './workflow.js';

const PACK_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  file: string;
  event: string;
  inputs: Record<string, string>;
  json?: string;
  scenario: string;
  sandboxEnv?: string;
  sha?: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { file: '', event: 'push', inputs: {}, scenario: 'pipelines', verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--event') args.event = value();
    else if (arg === '--input') {
      const pair = value();
      const eq = pair.indexOf('=');
      if (eq < 1) throw new Error(`--input ${pair}: expected KEY=VALUE`);
      args.inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === '--json') args.json = value();
    else if (arg === '--scenario') args.scenario = value();
    else if (arg === '--sandbox-env') args.sandboxEnv = value();
    else if (arg === '--sha') args.sha = value();
    else if (arg === '--verbose') args.verbose = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (!args.file) args.file = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!args.file)
    throw new Error(
      'usage: npm run pipeline -- <workflow file> [--event push|workflow_dispatch|pull_request] [--input KEY=VALUE]... [--json FILE]',
    );
  if (!['push', 'workflow_dispatch', 'pull_request'].includes(args.event))
    throw new Error(`--event ${args.event}: push, workflow_dispatch or pull_request`);
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const file = path.resolve(args.file);
  if (!existsSync(file)) throw new Error(`no workflow file ${args.file}`);
  const repo = repositoryOf(file, PACK_ROOT);
  const loaded = await loadWorkflow(file, PACK_ROOT);
  let sandbox: Sandbox | undefined;
  let sandboxEnv: Record<string, string>;
  if (args.sandboxEnv)
    sandboxEnv = JSON.parse(readFileSync(args.sandboxEnv, 'utf8')) as Record<string, string>;
  else {
    sandbox = await startSandbox(args.scenario);
    sandboxEnv = sandbox.env();
  }
  const temp = await mkdtemp(path.join(os.tmpdir(), 'pipeline-run-'));
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const config: RunnerConfig = {
      packRoot: PACK_ROOT,
      repoRoot: repo.root,
      appRoot: repo.appRoot,
      settings: repo.settings,
      sandboxUrl: sandboxEnv.AWS_ENDPOINT_URL!,
      sandboxEnv,
      temp,
      verbose: args.verbose,
      print,
    };
    const github = eventContext(
      loaded.template,
      args.event,
      args.inputs,
      repo.settings,
      args.sha,
      path.basename(file),
    );
    print(
      `${path.relative(PACK_ROOT, file)} on ${args.event} (${repo.settings.repository}, sandbox ${config.sandboxUrl})`,
    );
    const run = new WorkflowRun(config, loaded.calledRawJobs);
    const raw = loaded.rawJobs;
    await run.runLevel({
      prefix: '',
      jobs: loaded.template.jobs,
      rawJobs: raw,
      contexts: {
        github: github.github,
        inputs: github.inputs,
        vars: repo.settings.vars,
        secrets: repo.settings.secrets,
      },
      workflowEnv: loaded.template.env,
    });
    for (const wait of run.concurrency.waits) print(`concurrency: ${wait}`);
    for (const line of run.approvals.describe()) print(`approval: ${line}`);
    const failed = run.reports.filter((r) => r.result === 'failure');
    print(
      `${failed.length === 0 ? 'succeeded' : 'failed'}: ${run.reports.length} job(s), ${failed.length} failed, ${run.approvals.count} approval(s)`,
    );
    if (args.json)
      await writeFile(
        args.json,
        `${JSON.stringify({ jobs: run.reports, approvals: run.approvals.count }, null, 2)}\n`,
      );
    return failed.length === 0 ? 0 : 1;
  } finally {
    await sandbox?.close();
    await rm(temp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pipeline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
