/**
 * Deploying many services that share one task definition: ecs-deploy against the same work done
 * with `aws` CLI calls as a shell script would (Debian's awscli): per service
 * `register-task-definition` and `update-service`, then `describe-services` (10 services per
 * call) every poll interval until every service has one COMPLETED deployment. 10, 25 and 50
 * services on the sandbox's rolling timeline (every deployment completes 10 scenario seconds after
 * it starts; timeScale 0.5, so 5 s of wall time). ecs-deploy runs twice: with `images` alone
 * (each service's live definition is the starting point: the shared-definition case) and with
 * the script's task definition file. Every tool polls every second. Reported: API calls by operation (the sandbox's call log), wall time, and
 * the peak resident set of the client (GNU time: for the script, its largest process).
 *
 * `npm run build && npm run bench -- ecs-many` (or `-- ecs-many 10 25` for some sizes); re-run it
 * after a change to ecs-deploy to update bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import type { Scenario } from '../sandbox/core/scenario.js';
import type { TaskDefinitionSeed } from '../sandbox/ecs/scenario.js';
import '../sandbox/ecs/scenario.js';
import '../sandbox/ecs-services/scenario.js';
import { bundlePath, inputEnvironment, parseOutputFile } from '../sandbox/run-action.js';

const AWS = '/usr/bin/aws';
const TIME = '/usr/bin/time';
const CLUSTER = 'cbi-production';
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const NEW_IMAGE = `${REGISTRY}/cbi:9c1d2e3`;
const SIZES = [10, 25, 50];
const TIME_SCALE = 0.5;

const definition = (image: string): TaskDefinitionSeed => ({
  family: 'cbi-app',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  executionRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-task',
  containerDefinitions: [
    {
      name: 'app',
      image,
      essential: true,
      portMappings: [{ containerPort: 8000, protocol: 'tcp' }],
      environment: [{ name: 'ENVIRONMENT', value: 'production' }],
    },
  ],
});

const names = (n: number) => Array.from({ length: n }, (_, i) => `cbi-app-${i + 1}`);

/**
 * N services of family cbi-app: all on revision 1, or (`ownRevisions`) service i on revision i,
 * as when they were last deployed at different times (each revision another image).
 */
function scenario(n: number, ownRevisions: boolean): Scenario {
  const revisions = ownRevisions ? n : 1;
  return {
    name: `many-services-${n}`,
    description: `${n} services on one task definition family`,
    ecs: {
      clusters: [CLUSTER],
      taskDefinitions: Array.from({ length: revisions }, (_, i) =>
        definition(`${REGISTRY}/cbi:41b2d3f-${i + 1}`),
      ),
    },
    ecsServices: {
      services: names(n).map((name, i) => ({
        cluster: CLUSTER,
        name,
        taskDefinition: `cbi-app:${ownRevisions ? i + 1 : 1}`,
        desiredCount: 1,
      })),
      defaultRollout: { tasks: 'healthy', runningAfter: 2, completeAfter: 10 },
    },
  };
}

/** The shell script a team would write with the CLI. */
function cliScript(n: number, file: string): string {
  const services = names(n);
  const chunks: string[][] = [];
  for (let i = 0; i < services.length; i += 10) chunks.push(services.slice(i, i + 10));
  return `set -euo pipefail
aws() { ${AWS} --endpoint-url "$ENDPOINT" --region us-east-1 --output json "$@"; }
for svc in ${services.join(' ')}; do
  arn=$(aws ecs register-task-definition --cli-input-json file://${file} --query taskDefinition.taskDefinitionArn --output text)
  aws ecs update-service --cluster ${CLUSTER} --service "$svc" --task-definition "$arn" >/dev/null
done
while :; do
  pending=0
${chunks
  .map(
    (chunk) =>
      `  c=$(aws ecs describe-services --cluster ${CLUSTER} --services ${chunk.join(' ')} --query 'length(services[?length(deployments) != \`1\` || deployments[0].rolloutState != \`COMPLETED\`])' --output text)\n  pending=$((pending + c))`,
  )
  .join('\n')}
  [ "$pending" -eq 0 ] && break
  sleep 1
done
`;
}

interface Measure {
  ms: number;
  maxRssKb: number;
  cpu: number;
  ok: boolean;
  byOperation: Map<string, number>;
  calls: number;
}

async function timed(
  command: string[],
  env: Record<string, string>,
): Promise<{ ms: number; rss: number; cpu: number; code: number }> {
  const timeFile = join(tmpdir(), `bench-ecs-time-${process.pid}`);
  const start = performance.now();
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(TIME, ['-o', timeFile, '-f', '%U %S %M', ...command], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (c) => {
      if (c !== 0) process.stderr.write(err);
      resolve(c ?? 1);
    });
  });
  const ms = performance.now() - start;
  const [user, sys, rss] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  rmSync(timeFile, { force: true });
  return { ms, rss: rss ?? 0, cpu: (user ?? 0) + (sys ?? 0), code };
}

function callsOf(sandbox: Sandbox): Pick<Measure, 'byOperation' | 'calls'> {
  const byOperation = new Map<string, number>();
  const calls = sandbox.calls.all().filter((c) => c.service === 'ecs');
  for (const c of calls) byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1);
  return { byOperation, calls: calls.length };
}

/** Every service has one deployment, of the new image. */
function allDeployed(sandbox: Sandbox, n: number): boolean {
  const services = sandbox.state.ecsServices.services.filter((s) => names(n).includes(s.name));
  return (
    services.length === n &&
    services.every(
      (s) =>
        s.deployments.length === 1 &&
        s.deployments[0]!.taskDefinition.containerDefinitions?.[0]?.image === NEW_IMAGE,
    )
  );
}

async function runPack(
  n: number,
  dir: string,
  options: { file?: string; ownRevisions?: boolean },
): Promise<Measure> {
  const { file, ownRevisions = false } = options;
  const sandbox = await startSandbox(scenario(n, ownRevisions), { timeScale: TIME_SCALE });
  try {
    const output = join(dir, `output-${n}`);
    writeFileSync(output, '');
    const inputs = {
      cluster: CLUSTER,
      services: names(n).join('\n'),
      ...(file ? { 'task-definition': file } : {}),
      images: `app=${NEW_IMAGE}`,
      'poll-interval-seconds': '1',
    };
    const env = {
      ...sandbox.env(),
      ...inputEnvironment('ecs-deploy', inputs),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: '/dev/null',
      RUNNER_TEMP: dir,
    };
    sandbox.calls.clear();
    const t = await timed([process.execPath, bundlePath('ecs-deploy')], env);
    const status = parseOutputFile(readFileSync(output, 'utf8')).status;
    return {
      ms: t.ms,
      maxRssKb: t.rss,
      cpu: t.cpu,
      ok: t.code === 0 && status === 'succeeded' && allDeployed(sandbox, n),
      ...callsOf(sandbox),
    };
  } finally {
    await sandbox.close();
  }
}

async function runCli(n: number, dir: string, file: string): Promise<Measure> {
  const sandbox = await startSandbox(scenario(n, false), { timeScale: TIME_SCALE });
  try {
    const script = join(dir, `deploy-${n}.sh`);
    writeFileSync(script, cliScript(n, file));
    sandbox.calls.clear();
    const t = await timed(['bash', script], { ...sandbox.env(), ENDPOINT: sandbox.url });
    return {
      ms: t.ms,
      maxRssKb: t.rss,
      cpu: t.cpu,
      ok: t.code === 0 && allDeployed(sandbox, n),
      ...callsOf(sandbox),
    };
  } finally {
    await sandbox.close();
  }
}

const OPERATIONS = [
  'DescribeServices',
  'DescribeTaskDefinition',
  'RegisterTaskDefinition',
  'UpdateService',
];

export async function run(args: string[] = []): Promise<string> {
  for (const tool of [AWS, TIME]) if (!existsSync(tool)) throw new Error(`${tool} is missing`);
  const sizes = args.map(Number).filter((n) => SIZES.includes(n));
  const dir = mkdtempSync(join(tmpdir(), 'bench-ecs-many-'));
  const file = join(dir, 'task-definition.json');
  writeFileSync(file, JSON.stringify(definition(NEW_IMAGE), null, 2));
  const load = [loadavg()[0]!];
  const rows: string[] = [];
  try {
    for (const n of sizes.length ? sizes : SIZES) {
      for (const [tool, measure] of [
        ['ecs-deploy, `images` only, one revision', await runPack(n, dir, {})],
        [
          'ecs-deploy, `images` only, a revision each',
          await runPack(n, dir, { ownRevisions: true }),
        ],
        ['ecs-deploy, `task-definition` file', await runPack(n, dir, { file })],
        ['aws CLI script', await runCli(n, dir, file)],
      ] as const) {
        const other = [...measure.byOperation]
          .filter(([op]) => !OPERATIONS.includes(op))
          .map(([op, c]) => `${op} ${c}`)
          .join(', ');
        rows.push(
          `| ${n} | ${tool} | ${measure.ok ? 'all deployed' : 'NOT all deployed'} | ${(measure.ms / 1000).toFixed(1)} | ${(measure.maxRssKb / 1024).toFixed(0)} | ${measure.cpu.toFixed(1)} | ${measure.calls} | ${OPERATIONS.map((op) => measure.byOperation.get(op) ?? 0).join(' | ')} | ${other || '-'} |`,
        );
      }
      load.push(loadavg()[0]!);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    '## ecs-deploy: many services sharing one task definition vs an `aws` CLI script',
    '',
    `Reproduce: \`npm run build && npm run bench -- ecs-many\` (about 5 min; Debian's awscli at ${AWS}). Services cbi-app-1..N on one family (cbi-app), every deployment completes 10 scenario seconds after it starts (timeScale 0.5: 5 s of wall time). ecs-deploy: \`services\` (all N), \`images: app=<new image>\`, \`poll-interval-seconds: 1\`; with \`images\` alone (each service's live definition is the starting point and all render the same definition: the shared-definition case), the services all on revision 1 ("one revision") or service i on revision i ("a revision each", as when they were last deployed at different times), and with \`task-definition\` (the script's file; services on revision 1). The script: per service \`register-task-definition\` and \`update-service\`, then \`describe-services\` for 10 services a call every second until each has one COMPLETED deployment. Wall time is from process start to exit; maxRSS is the client's peak resident set (for the script, its largest process: one \`aws\` call); CPU is user + system seconds of the client and all its children. Load average ${load.map((l) => l.toFixed(1)).join(' -> ')} (2 cores, shared with other work).`,
    '',
    `| services | tool | result | wall (s) | maxRSS (MB) | client CPU (s) | ECS calls | ${OPERATIONS.join(' | ')} | other |`,
    `| ---: | --- | --- | ---: | ---: | ---: | ---: | ${OPERATIONS.map(() => '---:').join(' | ')} | --- |`,
    ...rows,
    '',
    "ecs-deploy here is the build in dist/ at the time of the run. In this build a rendered definition equal to the family's latest ACTIVE revision is not registered again (one RegisterTaskDefinition in all), and the definitions are read once per distinct revision the services run, plus the family's latest. One DescribeTaskDefinition and one RegisterTaskDefinition per distinct definition, shared by the services that render it, is the ecs-deploy change of issue 17 (engineer `ecs`): after merging it, run `npm run build && npm run bench -- ecs-many` to update this table.",
  ].join('\n');
}
