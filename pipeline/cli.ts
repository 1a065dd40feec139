/**
 * `npm run pipeline -- <workflow file> [--event push|workflow_dispatch|pull_request]
 * [--input KEY=VALUE]... [--json FILE] [--artifacts DIR] [--scenario NAME | --sandbox-env FILE]
 * [--sha SHA] [--verbose]`
 *
 * Runs a workflow of this repository or of examples/ on this machine against the sandbox and
 * prints one line per job. Exit code 1 when a job failed, 2 when the workflow cannot run.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Sandbox } from '../sandbox/index.js';
import { runPipeline } from './run.js';

interface Args {
  file: string;
  event: string;
  inputs: Record<string, string>;
  json?: string;
  artifacts?: string;
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
    else if (arg === '--artifacts') args.artifacts = value();
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
      'usage: npm run pipeline -- <workflow file> [--event push|workflow_dispatch|pull_request] [--input KEY=VALUE]... [--json FILE] [--artifacts DIR]',
    );
  if (!['push', 'workflow_dispatch', 'pull_request'].includes(args.event))
    throw new Error(`--event ${args.event}: push, workflow_dispatch or pull_request`);
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  let sandbox: Sandbox | undefined;
  let sandboxEnv: Record<string, string>;
  if (args.sandboxEnv)
    sandboxEnv = JSON.parse(readFileSync(args.sandboxEnv, 'utf8')) as Record<string, string>;
  else {
    // Loaded only when this run starts its own sandbox: a run against a running one (the tests,
    // `--sandbox-env`) does not pay for importing every service model.
    const { startSandbox } = await import('../sandbox/index.js');
    sandbox = await startSandbox(args.scenario);
    sandboxEnv = sandbox.env();
  }
  try {
    const run = await runPipeline({
      file: args.file,
      event: args.event,
      inputs: args.inputs,
      sandboxEnv,
      sha: args.sha,
      artifacts: args.artifacts,
      verbose: args.verbose,
      print: (line) => process.stdout.write(`${line}\n`),
    });
    if (args.json)
      await writeFile(
        args.json,
        `${JSON.stringify({ jobs: run.jobs, approvals: run.approvals }, null, 2)}\n`,
      );
    return run.failed ? 1 : 0;
  } finally {
    await sandbox?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pipeline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
