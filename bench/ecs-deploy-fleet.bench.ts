/**
 * 10, 25 and 50 services of one family deployed with one new image, under ECS's write rate
 * limits (UpdateService 5/s, RegisterTaskDefinition 1/s, enforced by the sandbox): ecs-deploy
 * against the same work done with awscli calls (one register-task-definition, one update-service
 * per service, one `wait services-stable` per 10 services) and with the official
 * amazon-ecs-deploy-task-definition action (when `OFFICIAL_ECS_DEPLOY_DIST` or `--official-dist=`
 * names its bundle: bench/README.md), which deploys one service per invocation: N steps one
 * after another in one job, and N matrix jobs started together. For each: the outcome, wall
 * time, API calls by operation and the peak memory (maxRSS) of the process(es).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeVersion, rssHookOptions, timed, TIME } from './measure.js';
import {
  officialBundle,
  runOfficialAction,
  type OfficialBundle,
  type OfficialRun,
} from './official-action.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { runActionBundle } from '../sandbox/run-action.js';
import { FLEET_CLUSTER, fleet, fleetNames } from '../test/e2e/ecs-deploy/fleet.js';
import { bundleNode } from '../test/support/node-binaries.js';
import { AWS, DIST } from './paths.js';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fleet:2';
const TIME_SCALE = 0.05;
/** The new revision, as the awscli rows register it and the official action's file holds it. */
const DEFINITION = {
  family: 'fleet-worker',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'worker', image: IMAGE, essential: true }],
};

interface Row {
  services: number;
  tool: string;
  outcome: string;
  wallS: number;
  calls: number;
  byOperation: string;
  maxRssMb: number;
}

function byOperation(sb: Sandbox): { calls: number; text: string } {
  const counts = new Map<string, number>();
  for (const c of sb.calls.all()) counts.set(c.operation, (counts.get(c.operation) ?? 0) + 1);
  const text = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return { calls: sb.calls.all().length, text };
}

function aws(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; rssKb: number }> {
  return timed(AWS, args, env);
}

async function withEcsDeploy(count: number): Promise<Row> {
  const sb = await startSandbox(fleet(count), { timeScale: TIME_SCALE });
  const dir = mkdtempSync(join(tmpdir(), 'fleet-rss-'));
  const rssFile = join(dir, 'rss');
  try {
    const start = Date.now();
    const result = await runActionBundle(
      'ecs-deploy',
      {
        cluster: FLEET_CLUSTER,
        services: fleetNames(count).join('\n'),
        images: `worker=${IMAGE}`,
        'poll-interval-seconds': '1',
        'timeout-minutes': '10',
      },
      {
        env: { ...sb.env(), NODE_OPTIONS: rssHookOptions(rssFile) },
        node: bundleNode(),
        timeoutMs: 600_000,
      },
    );
    const wallS = (Date.now() - start) / 1000;
    const ops = byOperation(sb);
    return {
      services: count,
      tool: 'ecs-deploy',
      outcome: `${result.outputs.status ?? '?'} (exit ${result.exitCode})`,
      wallS,
      calls: ops.calls,
      byOperation: ops.text,
      maxRssMb: Number(readFileSync(rssFile, 'utf8')) / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sb.close();
  }
}

async function withAwsCli(count: number): Promise<Row> {
  const sb = await startSandbox(fleet(count), { timeScale: TIME_SCALE });
  const dir = mkdtempSync(join(tmpdir(), 'fleet-cli-'));
  try {
    const env = sb.env();
    const common = ['--endpoint-url', sb.url, '--region', 'us-east-1', 'ecs'];
    const file = join(dir, 'td.json');
    writeFileSync(file, JSON.stringify(DEFINITION));
    const start = Date.now();
    let rss = 0;
    let failures = 0;
    const reg = await aws(
      [...common, 'register-task-definition', '--cli-input-json', `file://${file}`],
      env,
    );
    rss = Math.max(rss, reg.rssKb);
    for (const name of fleetNames(count)) {
      const r = await aws(
        [
          ...common,
          'update-service',
          '--cluster',
          FLEET_CLUSTER,
          '--service',
          name,
          '--task-definition',
          'fleet-worker:2',
        ],
        env,
      );
      rss = Math.max(rss, r.rssKb);
      if (r.code !== 0) failures++;
    }
    const names = fleetNames(count);
    for (let i = 0; i < names.length; i += 10) {
      const w = await aws(
        [
          ...common,
          'wait',
          'services-stable',
          '--cluster',
          FLEET_CLUSTER,
          '--services',
          ...names.slice(i, i + 10),
        ],
        env,
      );
      rss = Math.max(rss, w.rssKb);
      if (w.code !== 0) failures++;
    }
    const wallS = (Date.now() - start) / 1000;
    const ops = byOperation(sb);
    return {
      services: count,
      tool: 'awscli (register, update-service × N, wait per 10)',
      outcome: failures === 0 ? 'all exit 0' : `${failures} command(s) failed`,
      wallS,
      calls: ops.calls,
      byOperation: ops.text,
      maxRssMb: rss / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sb.close();
  }
}

/** Why an official invocation failed, shortened to its kind (the first words before any ARN or id). */
function failureKind(run: OfficialRun): string {
  if (run.timedOut) return 'killed by the bench';
  const message =
    run.annotations.find((a) => a.level === 'error')?.message ?? `exit ${run.exitCode}`;
  return message.replace(/(arn:aws:|ecs-svc\/)\S+/g, '…').slice(0, 90);
}

/**
 * The official action, one invocation per service (it takes one `service`), each with the same
 * task definition file and `wait-for-service-stability: true`: `parallel` false runs them as
 * the steps of one job (one after another), true as matrix jobs started at the same moment.
 */
async function withOfficial(
  count: number,
  official: OfficialBundle,
  parallel: boolean,
): Promise<Row> {
  const sb = await startSandbox(fleet(count), { timeScale: TIME_SCALE });
  const dir = mkdtempSync(join(tmpdir(), 'fleet-official-'));
  try {
    const file = join(dir, 'task-definition.json');
    writeFileSync(file, JSON.stringify(DEFINITION, null, 2));
    const invoke = (service: string) =>
      runOfficialAction(
        official,
        {
          'task-definition': file,
          service,
          cluster: FLEET_CLUSTER,
          'wait-for-service-stability': 'true',
          'wait-for-minutes': '10',
        },
        { env: sb.env(), node: bundleNode(), timeoutMs: 15 * 60_000 },
      );
    const start = Date.now();
    const runs: OfficialRun[] = [];
    if (parallel) runs.push(...(await Promise.all(fleetNames(count).map(invoke))));
    else for (const name of fleetNames(count)) runs.push(await invoke(name));
    const wallS = (Date.now() - start) / 1000;
    const ops = byOperation(sb);
    const failed = runs.filter((r) => r.exitCode !== 0);
    const kinds = new Map<string, number>();
    for (const r of failed) kinds.set(failureKind(r), (kinds.get(failureKind(r)) ?? 0) + 1);
    const revisions = sb.calls.of('RegisterTaskDefinition').filter((c) => c.status === 200).length;
    const throttled = sb.calls.all().filter((c) => c.fault === 'rate-limit').length;
    return {
      services: count,
      tool: `official ${official.label}, ${count} ${parallel ? 'matrix jobs at once' : 'steps in one job'}`,
      outcome:
        `${runs.length - failed.length} of ${count} exit 0` +
        [...kinds].map(([k, n]) => `; ${n} failed: "${k}"`).join('') +
        `; ${revisions} revisions registered`,
      wallS,
      calls: ops.calls,
      byOperation: ops.text + (throttled ? `; of all calls, ${throttled} throttled` : ''),
      maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sb.close();
  }
}

export async function run(args: string[] = []): Promise<string> {
  // `npm run bench -- ecs-deploy-fleet 10 25` measures only those fleet sizes.
  const sizes = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install -y awscli`);
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install -y time`);
  if (!existsSync(join(DIST, 'ecs-deploy/index.js'))) throw new Error('Run `npm run build` first.');
  const { bundle: official, skip } = officialBundle(args);
  const loadBefore = loadavg()[0]!;
  if (skip) console.log(skip);
  const rows: Row[] = [];
  for (const count of sizes.length > 0 ? sizes : [10, 25, 50]) {
    rows.push(await withEcsDeploy(count));
    rows.push(await withAwsCli(count));
    if (official) {
      rows.push(await withOfficial(count, official, false));
      rows.push(await withOfficial(count, official, true));
    }
  }
  return [
    '## ecs-deploy: many services under ECS write limits',
    '',
    'Reproduce: `npm run build && npm run bench -- ecs-deploy-fleet` (one family, one new image;',
    `rollouts complete 20 scenario seconds after UpdateService, played at 1/${1 / TIME_SCALE} speed; the sandbox`,
    'throttles UpdateService beyond 5/s and RegisterTaskDefinition beyond 1/s).',
    'With the official action: `OFFICIAL_ECS_DEPLOY_DIST=<path>/dist/index.js` before `npm run bench` (bench/README.md);',
    'without it its rows are skipped, with a line saying so. With them the bench takes ~26 min (85 invocations one after another, each waiting 15 s or more).',
    `Node ${nodeVersion(bundleNode())} runs both actions. Load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after (2 cores, shared).`,
    ...(official ? [] : ['', `Official action rows: ${skip}`]),
    '',
    '| services | tool | outcome | wall time | API calls | by operation | maxRSS |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.services} | ${r.tool} | ${r.outcome} | ${r.wallS.toFixed(1)} s | ${r.calls} | ${r.byOperation} | ${r.maxRssMb.toFixed(0)} MB |`,
    ),
    '',
    '- ecs-deploy: one DescribeTaskDefinition and one RegisterTaskDefinition for the shared definition,',
    '  UpdateService paced at 5/s, then one DescribeServices per 10 services and one',
    '  DescribeServiceDeployments per 20 per poll, each judged on its own deployment.',
    '- awscli: maxRSS is the largest of its processes (one per call); its waiter counts tasks, so it',
    '  neither names a failure nor tells a rollback from a success.',
    ...(official
      ? [
          `- The official action (${official.label}) deploys one service per invocation (its \`service\` input`,
          '  takes one name), so N services are N invocations, each registering its own revision of the',
          '  same definition and each waiting for its service with the SDK waiter (a first check at once,',
          '  the next after 15 s). As N steps in one job they run one after another; as N matrix jobs',
          '  started at the same moment their N RegisterTaskDefinition calls meet the 1/s limit, and a job',
          '  whose three attempts (`max-retries` default 3) are all throttled fails before deploying',
          '  anything. Real matrix jobs start spread over seconds, so that row is the worst case; maxRSS',
          '  is the largest single invocation (a matrix needs one runner per job).',
        ]
      : []),
  ].join('\n');
}
