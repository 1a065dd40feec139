/**
 * How a PostgreSQL service's cluster is made: initdb runs once per superuser and password, and
 * every start copies its result into a directory of its own, in memory when the machine has room
 * there (scratch.ts). The example pipelines and README snippets start PostgreSQL twenty times; on
 * this machine's disk a start cost about 1.1 s of CPU (initdb writes about 1,000 files, and file
 * creation is what costs), from a template into memory about 0.07 s.
 *
 * A template is keyed by everything initdb is given (the binaries, the superuser, its password and
 * the authentication method; the encoding and locale are fixed) and lives under
 * `$TMPDIR/pipeline-pg-templates/<key>/data`, owned by the server's user and readable by it
 * alone, as every data directory is. It is built in a directory of its own and renamed into place,
 * so a template is whole or absent: two jobs building the same one at once both finish, and the
 * second rename loses harmlessly. A template is never started; each service runs on its own copy.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClusterOptions {
  /** The directory of `initdb` and `postgres`. */
  bin: string;
  user: string;
  /** Empty: `POSTGRES_HOST_AUTH_METHOD=trust`. */
  password: string;
  /** The uid and gid the server runs as when this process is root (`postgres`), else undefined. */
  owner?: number;
}

/** Where templates are kept: on disk, under the temporary directory (they outlive a run). */
export const templateRoot = (): string => path.join(os.tmpdir(), 'pipeline-pg-templates');

/** The key of a template: a hash of initdb's arguments (the password is hashed, never stored). */
export function templateKey(options: Pick<ClusterOptions, 'bin' | 'user' | 'password'>): string {
  return createHash('sha256')
    .update(JSON.stringify([options.bin, options.user, options.password, INITDB_FIXED]))
    .digest('hex')
    .slice(0, 24);
}

const INITDB_FIXED = ['--no-sync', '-E', 'UTF8', '--locale', 'C'];

/** `command args` as the server's user when this process is root (runuser), else as itself. */
const asOwner = (options: ClusterOptions, command: string, args: string[]): [string, string[]] =>
  options.owner !== undefined
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];

async function buildTemplate(options: ClusterOptions, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
  const building = await mkdtemp(`${target}.building-`);
  try {
    if (options.owner !== undefined) await chown(building, options.owner, options.owner);
    const pwfile = path.join(building, 'pw');
    await writeFile(pwfile, options.password || 'trust', { mode: 0o600 });
    if (options.owner !== undefined) await chown(pwfile, options.owner, options.owner);
    const [cmd, args] = asOwner(options, path.join(options.bin, 'initdb'), [
      '-D',
      path.join(building, 'data'),
      '-U',
      options.user,
      '--pwfile',
      pwfile,
      '-A',
      options.password ? 'scram-sha-256' : 'trust',
      ...INITDB_FIXED,
    ]);
    await run(cmd, args);
    await rm(pwfile);
    try {
      await rename(building, target);
    } catch (error) {
      // Another job built the same template first: its copy is as good as this one.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

/**
 * Makes `data` (which must not exist; its parent is the service's own directory, owned by the
 * server's user) a fresh cluster for these options, from the template, building it on first use.
 */
export async function initCluster(options: ClusterOptions, data: string): Promise<void> {
  const template = path.join(templateRoot(), templateKey(options));
  if (!existsSync(path.join(template, 'data', 'PG_VERSION'))) {
    // A template is renamed into place whole, so one without PG_VERSION was damaged from outside.
    await rm(template, { recursive: true, force: true });
    await buildTemplate(options, template);
  }
  // cp -a keeps the owner (the server refuses a data directory it does not own) and the modes.
  await run('cp', ['-a', path.join(template, 'data'), data]);
}
