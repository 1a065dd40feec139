/**
 * The runner's PostgreSQL service on this machine's own server: each start gets a cluster of its
 * own, copied from a template that initdb made once for the same superuser and password
 * (pipeline/pg-cluster.ts). What a job can see is what a fresh `postgres` container gives it.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { templateKey, templateRoot } from '../../../pipeline/pg-cluster.js';
import { postgresBin } from '../../../pipeline/services.js';
import {
  serviceBinariesMissing,
  startServices,
  stopServices,
  type RunningService,
} from '../../../pipeline/services.js';

const run = promisify(execFile);
const withServer = serviceBinariesMissing().length === 0 ? describe : describe.skip;

const spec = (password: string) => ({
  image: 'postgis/postgis:16-3.4',
  env: { POSTGRES_USER: 'svc_probe', POSTGRES_PASSWORD: password, POSTGRES_DB: 'probe' },
  ports: ['5432'],
  options: '--health-cmd pg_isready --health-interval 1s --health-retries 30',
});

/** `psql -Atc sql` against a started service, as a job's step would reach it. */
const psql = (service: RunningService, password: string, sql: string) =>
  run(
    'psql',
    [
      '-h',
      '127.0.0.1',
      '-p',
      service.ports['5432']!,
      '-U',
      'svc_probe',
      '-d',
      'probe',
      '-Atc',
      sql,
    ],
    {
      env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' },
    },
  ).then((r) => r.stdout.trim());

withServer('pipeline services: PostgreSQL from a template cluster', () => {
  // Passwords of this run alone, so the templates below are this file's (and removed after it).
  const tag = randomUUID().slice(0, 8);
  const [first, second, third] = ['first', 'second', 'third'].map((p) => `${p}-${tag}`) as [
    string,
    string,
    string,
  ];
  const started: RunningService[] = [];
  const start = async (password: string) => {
    const [service] = await startServices({ postgres: spec(password) });
    started.push(service!);
    return service!;
  };
  const template = (password: string) =>
    path.join(templateRoot(), templateKey({ bin: postgresBin()!, user: 'svc_probe', password }));
  /** Directories a build left beside the templates of this run (none, when every build ended). */
  const halfBuilt = async () =>
    (await readdir(templateRoot())).filter((name) =>
      [first, second, third].some(
        (p) => name.startsWith(path.basename(template(p))) && name.includes('.building-'),
      ),
    );

  afterAll(async () => {
    await stopServices(started);
    for (const password of [first, second, third])
      await rm(template(password), { recursive: true, force: true });
  });

  it('two starts with one password share one template and get separate clusters', async () => {
    const a = await start(first);
    expect(existsSync(template(first))).toBe(true);
    await psql(a, first, 'CREATE TABLE only_in_a (id int)');
    const b = await start(first);
    expect(b.ports['5432']).not.toBe(a.ports['5432']);
    const tables = "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'";
    // b's cluster is the template's, not a copy of a's state.
    expect(await psql(b, first, tables)).toBe('0');
    expect(await psql(a, first, tables)).toBe('1');
    // POSTGRES_DB was created, the superuser is POSTGRES_USER and PostGIS is there to create.
    expect(await psql(b, first, "SELECT current_user || ' ' || current_database()")).toBe(
      'svc_probe probe',
    );
    await expect(psql(b, first, 'CREATE EXTENSION postgis')).resolves.toBe('CREATE EXTENSION');
  }, 120_000);

  it('another password is another template: the old password is refused', async () => {
    const other = await start(second);
    expect(template(second)).not.toBe(template(first));
    expect(existsSync(template(second))).toBe(true);
    expect(await psql(other, second, 'SELECT 1')).toBe('1');
    await expect(psql(other, first, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
  }, 120_000);

  it('two jobs that build the same template at once both start, and no half-built one is left', async () => {
    const [a, b] = await Promise.all([start(third), start(third)]);
    expect(await psql(a, third, 'SELECT 1')).toBe('1');
    expect(await psql(b, third, 'SELECT 1')).toBe('1');
    expect(existsSync(path.join(template(third), 'data', 'PG_VERSION'))).toBe(true);
    expect(await halfBuilt()).toEqual([]);
  }, 120_000);

  it('keeps no password in a template, only its hash', async () => {
    const filesWith = (text: string) =>
      run('grep', ['-rlF', text, template(second)]).then(
        (r) => r.stdout,
        (error: { code?: number }) => (error.code === 1 ? '' : Promise.reject(error)),
      );
    expect(await filesWith(second)).toBe('');
    // The same search finds the superuser's name in the catalog files: it reads them.
    expect(await filesWith('svc_probe')).not.toBe('');
  });
});
