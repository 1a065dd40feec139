/**
 * 10, 25 and 50 services of one family deployed with one new image, under ECS's write rate
 * limits (UpdateService 5/s, RegisterTaskDefinition 1/s, enforced by the sandbox): ecs-deploy
 * against the same work done with awscli calls (one register-task-definition, one update-service
 * per service, one `wait services-stable` per 10 services). For each: the outcome, wall time,
 * API calls by operation and the peak memory (maxRSS) of the process(es).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { runActionBundle } from '../sandbox/run-action.js';
import { FLEET_CLUSTER, fleet, fleetNames } from '../test/e2e/ecs-deploy/fleet.js';

const AWS = '/usr/bin/aws';
const TIME = '/usr/bin/time';
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = process.env.PACK_DIST_DIR ?? join(ROOT, 'dist');
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/fleet:2';
const TIME_SCALE = 0.05;

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

/** Runs `aws` under /usr/bin/time; resolves with the exit code and the maxRSS in KB. */
function aws(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; rssKb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-time-'));
  const out = join(dir, 'rss');
  return new Promise((done, fail) => {
    const child = spawn(TIME, ['-f', '%M', '-o', out, AWS, ...args], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      const rssKb = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1));
      rmSync(dir, { recursive: true, force: true });
      done({ code: code ?? 1, rssKb });
    });
  });
}

async function withEcsDeploy(count: number): Promise<Row> {
  const sb = await startSandbox(fleet(count), { timeScale: TIME_SCALE });
  const dir = mkdtempSync(join(tmpdir(), 'fleet-rss-'));
  const rssFile = join(dir, 'rss');
  const hook = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs';
     process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
  )}`;
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
      { env: { ...sb.env(), NODE_OPTIONS: `--import=${hook}` }, timeoutMs: 600_000 },
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
    writeFileSync(
      file,
      JSON.stringify({
        family: 'fleet-worker',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'worker', image: IMAGE, essential: true }],
      }),
    );
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

export async function run(args: string[] = []): Promise<string> {
  // `npm run bench -- ecs-deploy-fleet 10 25` measures only those fleet sizes.
  const sizes = args.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install -y awscli`);
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install -y time`);
  if (!existsSync(join(DIST, 'ecs-deploy/index.js'))) throw new Error('Run `npm run build` first.');
  const rows: Row[] = [];
  for (const count of sizes.length > 0 ? sizes : [10, 25, 50]) {
    rows.push(await withEcsDeploy(count));
    rows.push(await withAwsCli(count));
  }
  return [
    '## ecs-deploy: many services under ECS write limits',
    '',
    'Reproduce: `npm run build && npm run bench -- ecs-deploy-fleet` (one family, one new image;',
    `rollouts complete 20 scenario seconds after UpdateService, played at 1/${1 / TIME_SCALE} speed; the sandbox`,
    'throttles UpdateService beyond 5/s and RegisterTaskDefinition beyond 1/s).',
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
  ].join('\n');
}
