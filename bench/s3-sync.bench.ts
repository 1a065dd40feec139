/**
 * s3-sync against Debian's `aws s3 sync` on the same S3-compatible server (s3rver behind the
 * sandbox's recording proxy): a 2,000-file frontend build, first publish and a no-change
 * re-publish. Wall time, maxRSS (GNU time), requests and bytes uploaded (the sandbox's call log).
 * Each tool publishes to its own prefix per round, so every first publish starts empty. Besides
 * wall time, the CPU seconds of the client (GNU time) and of the sandbox process (s3rver and the
 * proxy) are reported: on a shared machine they vary less than wall time does.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { bundlePath } from '../sandbox/run-action.js';
import { AWS } from './paths.js';

const BUCKET = 'bench-frontend';
const ROUNDS = 5;
const TIME = '/usr/bin/time';

/** 2,000 files: 1,700 fingerprinted JS/CSS chunks (0.5-24 KB), 200 images (2-60 KB), 100 HTML pages. */
export function writeBuild(root: string): { files: number; bytes: number } {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const hash = (i: number) =>
    createHash('sha256').update(String(i)).digest('base64url').slice(0, 8);
  const files: [string, number][] = [];
  for (let i = 0; i < 1700; i++)
    files.push([
      `assets/chunk-${i}-${hash(i)}.${i % 5 === 0 ? 'css' : 'js'}`,
      512 + Math.floor(random() * 24 * 1024),
    ]);
  for (let i = 0; i < 200; i++)
    files.push([
      `images/photo-${i}-${hash(i + 5000)}.png`,
      2048 + Math.floor(random() * 60 * 1024),
    ]);
  for (let i = 0; i < 99; i++)
    files.push([`reports/${i}/index.html`, 800 + Math.floor(random() * 4096)]);
  files.push(['index.html', 1200]);
  let bytes = 0;
  for (const [path, size] of files) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    const line = `/* ${path} */ console.log(${JSON.stringify(path)});\n`;
    writeFileSync(full, line.repeat(Math.ceil(size / line.length)).slice(0, size));
    bytes += size;
  }
  return { files: files.length, bytes };
}

interface Measure {
  ms: number;
  /** Peak resident set of the client process, in kB (GNU time %M). */
  maxRssKb: number;
  clientCpu: number;
  serverCpu: number;
  bytes: number;
  requests: number;
}

/** Runs a client under GNU time and measures wall time, CPU and what reached S3. */
async function measure(
  sandbox: Sandbox,
  prefix: string,
  command: string[],
  env: Record<string, string>,
): Promise<Measure> {
  sandbox.calls.clear();
  const timeFile = join(tmpdir(), `bench-time-${process.pid}`);
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(TIME, ['-o', timeFile, '-f', '%U %S %M', ...command], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), ...sandbox.env(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command[0]} exited ${code}: ${log.slice(-800)}`)),
    );
  });
  const ms = performance.now() - start;
  const server = process.cpuUsage(cpu0);
  const [user, sys, rss] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
  rmSync(timeFile, { force: true });
  const calls = sandbox.calls.all().filter((c) => c.service === 's3');
  const puts = calls.filter((c) => c.operation === 'PutObject' || c.operation === 'UploadPart');
  const bytes = puts.reduce((n, c) => n + Number((c.input as { bytes?: number }).bytes ?? 0), 0);
  const outside = calls.find((c) => {
    const key = (c.input as { Key?: string }).Key;
    return key !== undefined && !key.startsWith(prefix);
  });
  if (outside) throw new Error('a request went outside the prefix under test');
  return {
    ms,
    maxRssKb: rss ?? 0,
    clientCpu: (user ?? 0) + (sys ?? 0),
    serverCpu: (server.user + server.system) / 1e6,
    bytes,
    requests: calls.length,
  };
}

function awsCommand(sandbox: Sandbox, source: string, prefix: string): string[] {
  // awscli 2.9 predates AWS_ENDPOINT_URL*, so the endpoint goes on the command line.
  return [
    AWS,
    's3',
    'sync',
    source,
    `s3://${BUCKET}/${prefix}`,
    '--endpoint-url',
    sandbox.state.s3!.url,
    '--only-show-errors',
    '--no-progress',
  ];
}

/** The bundle as the runner starts it: `node dist/s3-sync/index.js` with INPUT_* variables. */
function packEnv(source: string, prefix: string): Record<string, string> {
  return {
    INPUT_SOURCE: source,
    INPUT_BUCKET: BUCKET,
    INPUT_PREFIX: prefix,
    GITHUB_OUTPUT: '/dev/null',
    RUNNER_TEMP: tmpdir(),
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => (ms / 1000).toFixed(2);

const TOOLS = {
  pack: 's3-sync (this pack, concurrency 16)',
  cli: 'aws s3 sync (Debian awscli, 10 requests)',
} as const;

export async function run(): Promise<string> {
  if (!existsSync(AWS)) throw new Error(`${AWS} is missing: apt-get install -y awscli`);
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install -y time`);
  const source = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const build = writeBuild(source);
  const sandbox = await startSandbox({ s3: { buckets: [{ name: BUCKET }] } });
  const results = {
    pack: { first: [] as Measure[], again: [] as Measure[] },
    cli: { first: [] as Measure[], again: [] as Measure[] },
  };
  const loadBefore = loadavg()[0]!;
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which tool goes first, so neither always meets a warmer server.
      const order: ('pack' | 'cli')[] = round % 2 ? ['pack', 'cli'] : ['cli', 'pack'];
      for (const tool of order) {
        const prefix = `${tool}-${round}/`;
        const command =
          tool === 'pack'
            ? [process.execPath, bundlePath('s3-sync')]
            : awsCommand(sandbox, source, prefix);
        const env = tool === 'pack' ? packEnv(source, prefix) : {};
        results[tool].first.push(await measure(sandbox, prefix, command, env));
        results[tool].again.push(await measure(sandbox, prefix, command, env));
      }
    }
  } finally {
    await sandbox.close();
    rmSync(source, { recursive: true, force: true });
  }
  const loadAfter = loadavg()[0]!;
  const cell = (ms: Measure[]) =>
    `${seconds(median(ms.map((m) => m.ms)))} | ${(median(ms.map((m) => m.maxRssKb)) / 1024).toFixed(0)} | ${median(ms.map((m) => m.clientCpu)).toFixed(2)} | ${median(ms.map((m) => m.serverCpu)).toFixed(2)} | ${ms[0]!.bytes.toLocaleString('en-US')} | ${ms[0]!.requests}`;
  const rows = (['pack', 'cli'] as const).flatMap((tool) => [
    `| ${TOOLS[tool]} | first publish | ${cell(results[tool].first)} |`,
    `| ${TOOLS[tool]} | no-change re-publish | ${cell(results[tool].again)} |`,
  ]);
  const rounds = (['pack', 'cli'] as const).map(
    (tool) => `${TOOLS[tool]}: ${results[tool].first.map((m) => seconds(m.ms)).join(', ')} s`,
  );
  const awsVersion = await new Promise<string>((resolve) => {
    const child = spawn(AWS, ['--version']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => resolve(out.trim().split(' ')[0] ?? 'aws-cli'));
  });
  return [
    '## s3-sync: a 2,000-file build vs `aws s3 sync`',
    '',
    `${build.files.toLocaleString('en-US')} files, ${(build.bytes / 1024 / 1024).toFixed(1)} MiB (1,700 fingerprinted JS/CSS chunks, 200 images, 100 HTML pages), published to s3rver through the sandbox's recording proxy on loopback. Medians of ${ROUNDS} rounds; each round publishes to an empty prefix, then again with nothing changed; the tools alternate which goes first. ${awsVersion} with its defaults. Client CPU is user + system seconds of the publishing process; sandbox CPU is s3rver and the proxy. Load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (2 cores, shared with other work): wall times are noisy, CPU seconds less so.`,
    '',
    '| tool | run | wall (s) | client maxRSS (MB) | client CPU (s) | sandbox CPU (s) | bytes uploaded | S3 requests |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `First-publish wall times per round: ${rounds.join('; ')}.`,
    '',
    "How s3-sync compares: after each publish it writes a manifest object under `<prefix>.s3-sync/` whose name carries the hash of what it records (each object's listed ETag and LastModified, the SHA-256 and headers it published). A no-change re-publish lists the prefix (2,001 keys with the manifest: 3 pages) and finds that manifest's name equal to the hash of what the listing and the local files give now, so it sends nothing else; a change costs one GET of the manifest, and only objects the manifest no longer describes (rewritten by someone else) a HeadObject (actions/s3-sync/README.md, \"What a re-publish detects\"). Its first publish adds a second listing (to read the new objects' LastModified; a publish of at most 50 files reads them with a HeadObject each instead) and the manifest PUT. `aws s3 sync` lists and compares size and modification time only: it skips a same-length change whose file is not newer, never sees a changed Content-Type or Cache-Control rule, and re-uploads unchanged files whose timestamps a fresh checkout or build renewed.",
  ].join('\n');
}
