/**
 * `npm run sandbox -- <scenario> [--port N] [--time-scale X]`: starts the sandbox, prints the
 * environment to export and logs every call until interrupted.
 */
import { startSandbox } from './index.js';
import { scenarios } from './scenarios/index.js';

function parseArgs(argv: string[]): { scenario: string; port?: number; timeScale?: number } {
  let scenario = 'empty';
  let port: number | undefined;
  let timeScale: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return Number(next);
    };
    if (arg === '--port') port = value();
    else if (arg === '--time-scale') timeScale = value();
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        `usage: npm run sandbox -- <scenario> [--port N] [--time-scale X]\nscenarios: ${Object.keys(scenarios).sort().join(', ')}\n`,
      );
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else scenario = arg;
  }
  return {
    scenario,
    ...(port !== undefined ? { port } : {}),
    ...(timeScale !== undefined ? { timeScale } : {}),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox(args.scenario, args);
  const started = sandbox.clock.now();
  process.stdout.write(`Sandbox "${args.scenario}" listening on ${sandbox.url}\n\n`);
  for (const [key, value] of Object.entries(sandbox.env()))
    process.stdout.write(`export ${key}=${value}\n`);
  process.stdout.write('\nCalls:\n');
  sandbox.calls.onCall((call) => {
    const at = ((call.at - started) / 1000).toFixed(2).padStart(8);
    const fault = call.fault ? ` [${call.fault}]` : '';
    process.stdout.write(`${at}s  ${call.service} ${call.operation} -> ${call.status}${fault}\n`);
  });
  const shutdown = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
