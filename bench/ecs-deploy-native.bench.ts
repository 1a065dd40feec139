/**
 * ecs-deploy on ECS-native timelines (the `native-deploy` scenario, seed 002's LangGraph
 * platform) against `aws ecs update-service` + `aws ecs wait services-stable` (Debian's awscli):
 * a BLUE_GREEN deployment with a 5-minute bake, SUCCESSFUL 316 scenario seconds after
 * UpdateService, and a CANARY whose alarm fires in the bake (400 s) and rolls it back. Timelines
 * play at 1/20 speed (316 s take 15.8 s); budgets and poll intervals are real. For each tool: what
 * it concluded, seconds from the decisive event (SUCCESSFUL, or the alarm's rollback start) to
 * its verdict, and its API calls.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { registerWithImage } from './register-revision.js';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { NATIVE_CLUSTER, nativeScenario } from '../sandbox/scenarios/native-deploy.js';
import { runActionBundle } from '../sandbox/run-action.js';

const AWS = '/usr/bin/aws';
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = process.env.PACK_DIST_DIR ?? join(ROOT, 'dist');
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/langgraph-platform';
const TIME_SCALE = 0.05;

type Case = 'blue/green, 5 min bake: SUCCESSFUL' | 'canary, alarm in the bake: rollback';
type Tool =
  'ecs-deploy (poll 5 s, default)' | 'ecs-deploy (poll 1 s)' | 'aws ecs wait services-stable';

interface Row {
  scenario: Case;
  tool: Tool;
  verdict: string;
  afterEventS: number;
  calls: number;
  byOperation: string;
}

const SERVICE: Record<Case, { name: string; tag: string }> = {
  'blue/green, 5 min bake: SUCCESSFUL': { name: 'langgraph-api-bluegreen', tag: '1.5.0' },
  'canary, alarm in the bake: rollback': { name: 'langgraph-api-canary', tag: 'late-alarm' },
};

function exec(cmd: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

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

async function one(scenario: Case, tool: Tool): Promise<Row> {
  const failing = scenario !== 'blue/green, 5 min bake: SUCCESSFUL';
  const { name, tag } = SERVICE[scenario];
  const sb = await startSandbox(nativeScenario(), { timeScale: TIME_SCALE });
  try {
    let verdict: string;
    if (tool === 'aws ecs wait services-stable') {
      await registerWithImage(sb, name, `${name}:1`, `${IMAGE}:${tag}`);
      sb.calls.clear();
      const common = ['--endpoint-url', sb.url, '--region', 'us-east-1', 'ecs'];
      const target = ['--cluster', NATIVE_CLUSTER];
      await exec(
        AWS,
        [
          ...common,
          'update-service',
          ...target,
          '--service',
          name,
          '--task-definition',
          `${name}:2`,
        ],
        sb.env(),
      );
      const code = await exec(
        AWS,
        [...common, 'wait', 'services-stable', ...target, '--services', name],
        sb.env(),
      );
      verdict = code === 0 ? 'stable (exit 0)' : `exit ${code}`;
    } else {
      sb.calls.clear();
      const result = await runActionBundle(
        'ecs-deploy',
        {
          cluster: NATIVE_CLUSTER,
          services: name,
          images: `app=${IMAGE}:${tag}`,
          'poll-interval-seconds': tool === 'ecs-deploy (poll 1 s)' ? '1' : '5',
          'timeout-minutes': '30',
        },
        { env: sb.env(), timeoutMs: 600_000 },
      );
      verdict = `${result.outputs.status ?? '?'} (exit ${result.exitCode})`;
    }
    const end = Date.now();
    const calls = sb.calls.all();
    const counts = new Map<string, number>();
    for (const c of calls) counts.set(c.operation, (counts.get(c.operation) ?? 0) + 1);
    const event = await decisiveEvent(sb, name, failing);
    return {
      scenario,
      tool,
      verdict,
      afterEventS: (end - event) / 1000,
      calls: calls.length,
      byOperation: [...counts].map(([op, n]) => `${op} ${n}`).join(', '),
    };
  } finally {
    await sb.close();
  }
}

const s = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)} s` : 'n/a');

export async function run(): Promise<string> {
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install -y awscli`);
  if (!existsSync(join(DIST, 'ecs-deploy/index.js'))) throw new Error('Run `npm run build` first.');
  const cases: Case[] = [
    'blue/green, 5 min bake: SUCCESSFUL',
    'canary, alarm in the bake: rollback',
  ];
  const tools: Tool[] = [
    'ecs-deploy (poll 5 s, default)',
    'ecs-deploy (poll 1 s)',
    'aws ecs wait services-stable',
  ];
  const rows = await Promise.all(cases.flatMap((c) => tools.map((t) => one(c, t))));
  return [
    '## ecs-deploy on ECS-native deployments',
    '',
    `Reproduce: \`npm run build && npm run bench -- ecs-deploy-native\` (the native-deploy scenario at 1/${1 / TIME_SCALE} speed, ~40 s).`,
    "Decisive event: the service deployment's `finishedAt` (SUCCESSFUL) or `rollback.startedAt` (the alarm), in the sandbox.",
    '',
    '| scenario | tool | what it concluded | verdict after the decisive event | API calls | by operation |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.tool} | ${r.verdict} | ${s(r.afterEventS)} | ${r.calls} | ${r.byOperation} |`,
    ),
    '',
    '- ecs-deploy judges the service deployment: success only at SUCCESSFUL (after the bake), the alarm',
    '  rollback within one poll of it, naming the alarm. Its calls include reading and registering the',
    '  task definition, linking the service deployment and, on failure, reading the stopped tasks.',
    '- The awscli waiter judges DescribeServices counts (every 15 s); the awscli runs deploy a revision',
    '  registered beforehand (not counted).',
    '- Not measured here: the official amazon-ecs-deploy-task-definition action on the same timelines',
    '  (it waits with the same SDK waiter as the awscli row).',
  ].join('\n');
}
