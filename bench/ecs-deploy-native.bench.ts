/**
 * ecs-deploy on ECS-native timelines (the `native-deploy` scenario, seed 002's LangGraph
 * platform) against the official amazon-ecs-deploy-task-definition action (its release bundle,
 * when `OFFICIAL_ECS_DEPLOY_DIST` or `--official-dist=` names it: bench/README.md) and against
 * `aws ecs update-service` + `aws ecs wait services-stable` (Debian's awscli): a BLUE_GREEN
 * deployment with a 5-minute bake, SUCCESSFUL 316 scenario seconds after UpdateService, and a
 * CANARY whose alarm fires in the bake (400 s) and rolls it back. Timelines play at 1/20 speed
 * (316 s take 15.8 s); budgets and poll intervals are real. For each tool: what it concluded,
 * seconds from the decisive event (SUCCESSFUL, or the alarm's rollback start) to its verdict,
 * its API calls, wall time and peak memory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { nodeVersion, rssHookOptions, timed, TIME } from './measure.js';
import {
  officialBundle,
  officialVerdict,
  runOfficialAction,
  type OfficialBundle,
} from './official-action.js';
import { definitionWithImage, registerWithImage } from './register-revision.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { NATIVE_CLUSTER, nativeScenario } from '../sandbox/scenarios/native-deploy.js';
import { runActionBundle } from '../sandbox/run-action.js';
import { bundleNode } from '../test/support/node-binaries.js';
import { AWS, DIST } from './paths.js';

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/langgraph-platform';
const TIME_SCALE = 0.05;
/** The official action's waiter sleeps a random delay between polls: each of its rows runs this often. */
const OFFICIAL_RUNS = 3;

type Case = 'blue/green, 5 min bake: SUCCESSFUL' | 'canary, alarm in the bake: rollback';
type Tool =
  | { kind: 'ecs-deploy'; poll: 5 | 1 }
  | { kind: 'official'; maxDelay?: number }
  | { kind: 'awscli' };

interface Row {
  scenario: Case;
  tool: string;
  verdict: string;
  afterEventS: number;
  calls: number;
  byOperation: string;
  wallS: number;
  maxRssMb: number;
}

const SERVICE: Record<Case, { name: string; tag: string }> = {
  'blue/green, 5 min bake: SUCCESSFUL': { name: 'langgraph-api-bluegreen', tag: '1.5.0' },
  'canary, alarm in the bake: rollback': { name: 'langgraph-api-canary', tag: 'late-alarm' },
};

function client(sb: Sandbox): ECSClient {
  return new ECSClient({
    region: 'us-east-1',
    endpoint: sb.url,
    credentials: { accessKeyId: 'AKIASANDBOXEXAMPLE', secretAccessKey: 'sandbox' },
  });
}

/** Sandbox time of the decisive event of the service's newest service deployment. */
async function decisiveEvent(sb: Sandbox, service: string, failing: boolean): Promise<number> {
  const ecs = client(sb);
  try {
    const svc = (
      await ecs.send(new DescribeServicesCommand({ cluster: NATIVE_CLUSTER, services: [service] }))
    ).services![0]!;
    const sd = (
      await ecs.send(
        new DescribeServiceDeploymentsCommand({
          serviceDeploymentArns: [svc.currentServiceDeployment!],
        }),
      )
    ).serviceDeployments![0]!;
    const at = failing ? sd.rollback?.startedAt : sd.finishedAt;
    return at?.getTime() ?? NaN;
  } finally {
    ecs.destroy();
  }
}

function toolName(tool: Tool, official?: OfficialBundle): string {
  if (tool.kind === 'ecs-deploy')
    return `ecs-deploy (poll ${tool.poll} s${tool.poll === 5 ? ', default' : ''})`;
  if (tool.kind === 'awscli') return 'aws ecs wait services-stable';
  const waiter = tool.maxDelay ? `wait-max-delay-seconds ${tool.maxDelay}` : 'default waiter';
  return `official ${official!.label} (${waiter}, ${OFFICIAL_RUNS} runs)`;
}

interface Measured {
  verdict: string;
  wallS: number;
  rssKb: number;
}

async function withAwsCli(sb: Sandbox, name: string, tag: string): Promise<Measured> {
  await registerWithImage(sb, name, `${name}:1`, `${IMAGE}:${tag}`);
  sb.calls.clear();
  const common = ['--endpoint-url', sb.url, '--region', 'us-east-1', 'ecs'];
  const target = ['--cluster', NATIVE_CLUSTER];
  const start = Date.now();
  const update = await timed(
    AWS,
    [...common, 'update-service', ...target, '--service', name, '--task-definition', `${name}:2`],
    sb.env(),
  );
  const wait = await timed(
    AWS,
    [...common, 'wait', 'services-stable', ...target, '--services', name],
    sb.env(),
  );
  return {
    verdict: wait.code === 0 ? 'stable (exit 0)' : `exit ${wait.code}`,
    wallS: (Date.now() - start) / 1000,
    rssKb: Math.max(update.rssKb, wait.rssKb),
  };
}

async function withEcsDeploy(
  sb: Sandbox,
  name: string,
  tag: string,
  poll: number,
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'native-rss-'));
  try {
    sb.calls.clear();
    const start = Date.now();
    const result = await runActionBundle(
      'ecs-deploy',
      {
        cluster: NATIVE_CLUSTER,
        services: name,
        images: `app=${IMAGE}:${tag}`,
        'poll-interval-seconds': String(poll),
        'timeout-minutes': '30',
      },
      {
        env: { ...sb.env(), NODE_OPTIONS: rssHookOptions(join(dir, 'rss')) },
        node: bundleNode(),
        timeoutMs: 600_000,
      },
    );
    return {
      verdict: `${result.outputs.status ?? '?'} (exit ${result.exitCode})`,
      wallS: (Date.now() - start) / 1000,
      rssKb: Number(readFileSync(join(dir, 'rss'), 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The official action as a workflow uses it: the rendered task definition file, wait for stability. */
async function withOfficial(
  sb: Sandbox,
  name: string,
  tag: string,
  official: OfficialBundle,
  maxDelay?: number,
): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'native-official-'));
  try {
    const file = join(dir, 'task-definition.json');
    const definition = await definitionWithImage(sb, name, `${name}:1`, `${IMAGE}:${tag}`);
    writeFileSync(file, JSON.stringify(definition, null, 2));
    sb.calls.clear();
    const run = await runOfficialAction(
      official,
      {
        'task-definition': file,
        service: name,
        cluster: NATIVE_CLUSTER,
        'wait-for-service-stability': 'true',
        'wait-for-minutes': '30',
        ...(maxDelay ? { 'wait-max-delay-seconds': String(maxDelay) } : {}),
      },
      { env: sb.env(), node: bundleNode(), timeoutMs: 40 * 60_000 },
    );
    return { verdict: officialVerdict(run), wallS: run.wallS, rssKb: run.maxRssMb * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function one(scenario: Case, tool: Tool, official?: OfficialBundle): Promise<Row> {
  const failing = scenario !== 'blue/green, 5 min bake: SUCCESSFUL';
  const { name, tag } = SERVICE[scenario];
  const sb = await startSandbox(nativeScenario(), { timeScale: TIME_SCALE });
  try {
    const measured =
      tool.kind === 'awscli'
        ? await withAwsCli(sb, name, tag)
        : tool.kind === 'ecs-deploy'
          ? await withEcsDeploy(sb, name, tag, tool.poll)
          : await withOfficial(sb, name, tag, official!, tool.maxDelay);
    const end = Date.now();
    const calls = sb.calls.all();
    const counts = new Map<string, number>();
    for (const c of calls) counts.set(c.operation, (counts.get(c.operation) ?? 0) + 1);
    const event = await decisiveEvent(sb, name, failing);
    return {
      scenario,
      tool: toolName(tool, official),
      verdict: measured.verdict,
      afterEventS: (end - event) / 1000,
      calls: calls.length,
      byOperation: [...counts].map(([op, n]) => `${op} ${n}`).join(', '),
      wallS: measured.wallS,
      maxRssMb: measured.rssKb / 1024,
    };
  } finally {
    await sb.close();
  }
}

const s = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)} s` : 'n/a');

/** One table row for several runs of the same tool: the median run, and the spread. */
function merge(runs: Row[]): Row & { spread: string } {
  const sorted = [...runs].sort((a, b) => a.afterEventS - b.afterEventS);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const verdicts = [...new Set(runs.map((r) => r.verdict))];
  const spread =
    runs.length > 1
      ? ` (runs: ${runs.map((r) => s(r.afterEventS)).join(', ')}; calls ${runs.map((r) => r.calls).join(', ')})`
      : '';
  return {
    ...median,
    verdict: verdicts.join(' / '),
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    spread,
  };
}

export async function run(args: string[] = []): Promise<string> {
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install -y awscli`);
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install -y time`);
  if (!existsSync(join(DIST, 'ecs-deploy/index.js'))) throw new Error('Run `npm run build` first.');
  const { bundle: official, skip } = officialBundle(args);
  const loadBefore = loadavg()[0]!;
  if (skip) console.log(skip);
  const cases: Case[] = [
    'blue/green, 5 min bake: SUCCESSFUL',
    'canary, alarm in the bake: rollback',
  ];
  const tools: Tool[] = [
    { kind: 'ecs-deploy', poll: 5 },
    { kind: 'ecs-deploy', poll: 1 },
    ...(official ? [{ kind: 'official' } as Tool, { kind: 'official', maxDelay: 15 } as Tool] : []),
    { kind: 'awscli' },
  ];
  // The two timelines run side by side, each tool (and each official run) after the other, so
  // that process start-up does not compete with a dozen others for the two cores.
  const perCase = await Promise.all(
    cases.map(async (c) => {
      const merged: (Row & { spread: string })[] = [];
      for (const t of tools) {
        const runs: Row[] = [];
        for (let i = 0; i < (t.kind === 'official' ? OFFICIAL_RUNS : 1); i++) {
          runs.push(await one(c, t, official));
        }
        merged.push(merge(runs));
      }
      return merged;
    }),
  );
  const rows = perCase.flat();
  return [
    '## ecs-deploy on ECS-native deployments',
    '',
    `Reproduce: \`npm run build && OFFICIAL_ECS_DEPLOY_DIST=<path>/dist/index.js npm run bench -- ecs-deploy-native\` (the native-deploy scenario at 1/${1 / TIME_SCALE} speed, ~5 min;`,
    'without the variable the official rows are skipped, with a line saying so; bench/README.md says how to get the file).',
    "Decisive event: the service deployment's `finishedAt` (SUCCESSFUL) or `rollback.startedAt` (the alarm), in the sandbox.",
    `Node ${nodeVersion(bundleNode())} runs both actions; maxRSS is the process's peak (the largest of awscli's two).`,
    `Load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after (2 cores, shared).`,
    ...(official ? [] : ['', `Official action rows: ${skip}`]),
    '',
    '| scenario | tool | what it concluded | verdict after the decisive event | API calls | by operation | wall time | maxRSS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.tool} | ${r.verdict} | ${s(r.afterEventS)}${r.spread} | ${r.calls} | ${r.byOperation} | ${s(r.wallS)} | ${r.maxRssMb.toFixed(0)} MB |`,
    ),
    '',
    '- ecs-deploy judges the service deployment: success only at SUCCESSFUL (after the bake), the alarm',
    '  rollback within one poll of it, naming the alarm. Its calls include reading and registering the',
    '  task definition, linking the service deployment and, on failure, reading the stopped tasks.',
    '- The awscli waiter judges DescribeServices counts (every 15 s); the awscli runs deploy a revision',
    '  registered beforehand (not counted).',
    ...(official
      ? [
          `- The official action (${official.label}, its \`dist/index.js\`, run as the runner runs it: bench/README.md)`,
          '  registers the file, reads the service, calls UpdateService and then waits with the SDK waiter',
          '  `waitUntilServicesStable` (one deployment left and running = desired), checking at once, after',
          '  15 s, then after random delays that grow towards 120 s (`wait-max-delay-seconds: 15` keeps',
          '  them at 15 s: the action documents that input for this). Once stable it reads the service once',
          '  more: its deployment COMPLETED is a success; its deployment gone is a failure it puts down to',
          '  "likely rolled back by the deployment circuit breaker". It never reads the service deployment,',
          '  so on the canary it fails only after ECS has finished rolling back and the service is stable',
          "  again, without naming the alarm; its delay after the event is the waiter's, so it varies",
          `  from run to run (${OFFICIAL_RUNS} runs each; the row shows the median run, the others in brackets).`,
        ]
      : []),
  ].join('\n');
}
