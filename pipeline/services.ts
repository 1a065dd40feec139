/**
 * Service containers as real servers from Debian's packages: `postgres`, `postgis/postgis`,
 * `pgvector/pgvector` images run PostgreSQL (with the PostGIS extension files installed), `redis`
 * images run redis-server. Each listens on the job's mapped host port on 127.0.0.1 (a fixed
 * mapping `5432:5432` takes that port, held by a lock file so two jobs never share it; a bare
 * `5432` takes a free one, held the same way: port-lock.ts), and the job waits for the image's `--health-cmd`, as the runner does.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { initCluster } from './pg-cluster.js';
import { pgvectorBin } from './pgvector-tree.js';
import { acquireFreePort, acquirePort, type PortLock } from './port-lock.js';
import { scratchParent } from './scratch.js';

const run = promisify(execFile);

export interface ServiceSpec {
  image: string;
  env?: Record<string, string>;
  ports?: (string | number)[];
  options?: string;
}

export interface RunningService {
  id: string;
  kind: 'postgres' | 'redis';
  ports: Record<string, string>;
  stop(): Promise<void>;
}

export function serviceKind(image: string): 'postgres' | 'redis' {
  const name = image.split('@')[0]!.split(':')[0]!.toLowerCase();
  if (/(^|\/)(postgres|postgis|pgvector)$/.test(name)) return 'postgres';
  if (/(^|\/)redis(-stack)?$/.test(name)) return 'redis';
  throw new Error(
    `service image ${image}: only PostgreSQL (postgres, postgis/postgis, pgvector/pgvector) and Redis images run on this machine`,
  );
}

export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

export function serviceBinariesMissing(): string[] {
  const missing: string[] = [];
  if (!postgresBin()) missing.push('postgresql');
  else if (
    !readdirSync('/usr/share/postgresql').some((v) =>
      existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`),
    )
  )
    missing.push('postgis');
  if (!existsSync('/usr/bin/redis-server')) missing.push('redis-server');
  return missing;
}

interface Health {
  cmd?: string;
  intervalMs: number;
  retries: number;
  timeoutMs: number;
}

const seconds = (text: string | undefined, fallback: number) => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text ?? '');
  if (!match) return fallback;
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 'm' ? n * 60000 : n * 1000;
};

/** `--health-cmd "redis-cli ping" --health-interval 5s ...` as docker reads it. */
export function parseHealth(options: string | undefined): Health {
  const words: string[] = (options ?? '').match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const value = (flag: string) => {
    const i = words.indexOf(flag);
    return i >= 0 ? words[i + 1]?.replace(/^["']|["']$/g, '') : undefined;
  };
  return {
    cmd: value('--health-cmd'),
    intervalMs: seconds(value('--health-interval'), 30000),
    retries: Number(value('--health-retries') ?? 3),
    timeoutMs: seconds(value('--health-timeout'), 30000),
  };
}

async function mapPorts(
  spec: ServiceSpec,
  defaultPort: number,
): Promise<{ host: number; container: string; lock?: PortLock }> {
  const mapping = (spec.ports ?? [String(defaultPort)]).map(String)[0]!;
  const [hostPart, containerPart] = mapping.includes(':')
    ? mapping.split(':')
    : [undefined, mapping];
  if (hostPart) {
    const lock = await acquirePort(Number(hostPart));
    return { host: Number(hostPart), container: containerPart!, lock };
  }
  const free = await acquireFreePort();
  return { host: free.port, container: containerPart!, lock: free.lock };
}

async function waitHealthy(
  id: string,
  health: Health,
  env: Record<string, string>,
  child: ChildProcess,
): Promise<void> {
  const cmd = health.cmd ?? '';
  const attempts = Math.max(1, health.retries) * Math.max(1, Math.ceil(health.intervalMs / 200));
  for (let i = 0; i < attempts; i += 1) {
    if (child.exitCode !== null)
      throw new Error(`service ${id} exited with code ${child.exitCode} before it was healthy`);
    try {
      await run('sh', ['-c', cmd], { env: { ...process.env, ...env }, timeout: health.timeoutMs });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(
    `service ${id} is unhealthy: '${cmd}' kept failing for ${(health.retries * health.intervalMs) / 1000} s`,
  );
}

const isPgvector = (image: string) => /(^|\/)pgvector$/.test(image.split('@')[0]!.split(':')[0]!);

async function startPostgres(id: string, spec: ServiceSpec): Promise<RunningService> {
  const systemBin = postgresBin();
  if (!systemBin)
    throw new Error(
      `service ${id}: PostgreSQL is not installed (apt-get install postgresql postgresql-postgis)`,
    );
  const version = path.basename(path.dirname(systemBin));
  const standIn =
    isPgvector(spec.image) &&
    !existsSync(`/usr/share/postgresql/${version}/extension/vector.control`);
  const bin = standIn ? await pgvectorBin(systemBin) : systemBin;
  const env = spec.env ?? {};
  const user = env.POSTGRES_USER || 'postgres';
  const database = env.POSTGRES_DB || user;
  const password = env.POSTGRES_PASSWORD ?? '';
  if (!password && env.POSTGRES_HOST_AUTH_METHOD !== 'trust')
    throw new Error(
      `service ${id}: Database is uninitialized and superuser password is not specified (POSTGRES_PASSWORD)`,
    );
  const ports = await mapPorts(spec, 5432);
  const dir = await mkdtemp(path.join(scratchParent(), `pipeline-${id}-`));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot
    ? await run('id', ['-u', 'postgres']).then(
        (r) => Number(r.stdout),
        () => undefined,
      )
    : undefined;
  if (asRoot && owner === undefined)
    throw new Error(`service ${id}: root cannot run postgres and there is no postgres user`);
  const as = (command: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  if (owner !== undefined) await chown(dir, owner, owner);
  const data = path.join(dir, 'data');
  await initCluster({ bin, user, password, ...(owner !== undefined ? { owner } : {}) }, data);
  const [cmd, args] = as(path.join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(ports.host),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  const pgEnv = {
    PGHOST: '127.0.0.1',
    PGPORT: String(ports.host),
    PGUSER: user,
    PGPASSWORD: password,
    PGDATABASE: 'postgres',
  };
  await waitHealthy(
    id,
    { ...parseHealth(spec.options), cmd: parseHealth(spec.options).cmd ?? 'pg_isready' },
    pgEnv,
    child,
  );
  if (database !== 'postgres')
    await run(
      'psql',
      ['-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE "${database.replace(/"/g, '""')}"`],
      { env: { ...process.env, ...pgEnv } },
    );
  return {
    id,
    kind: 'postgres',
    ports: { [ports.container]: String(ports.host) },
    stop: async () => {
      // The postmaster itself (runuser does not pass signals on): SIGQUIT is the immediate shutdown.
      const pid = Number(
        (await readFile(path.join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0],
      );
      if (pid > 0) process.kill(pid, 'SIGQUIT');
      else child.kill('SIGKILL');
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
      );
      await rm(dir, { recursive: true, force: true });
      await ports.lock?.release();
    },
  };
}

async function startRedis(id: string, spec: ServiceSpec): Promise<RunningService> {
  if (!existsSync('/usr/bin/redis-server'))
    throw new Error(`service ${id}: redis-server is not installed (apt-get install redis-server)`);
  const ports = await mapPorts(spec, 6379);
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(ports.host), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const health = parseHealth(spec.options);
  const cmd = (health.cmd ?? 'redis-cli ping').replace(
    /^redis-cli\b/,
    `redis-cli -p ${ports.host}`,
  );
  await waitHealthy(id, { ...health, cmd }, {}, child);
  return {
    id,
    kind: 'redis',
    ports: { [ports.container]: String(ports.host) },
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
      );
      await ports.lock?.release();
    },
  };
}

export async function startServices(specs: Record<string, ServiceSpec>): Promise<RunningService[]> {
  const started: RunningService[] = [];
  try {
    for (const [id, spec] of Object.entries(specs)) {
      const kind = serviceKind(spec.image);
      started.push(
        kind === 'postgres' ? await startPostgres(id, spec) : await startRedis(id, spec),
      );
    }
    return started;
  } catch (error) {
    await stopServices(started);
    throw error;
  }
}

export async function stopServices(services: RunningService[]): Promise<void> {
  for (const service of services.reverse()) await service.stop().catch(() => undefined);
}
