import { describe, expect, it } from '@jest/globals';
import { Approvals } from '../../../pipeline/approvals.js';
import { ConcurrencyGroups } from '../../../pipeline/concurrency.js';
import { expandMatrix } from '../../../pipeline/matrix.js';
import { parseHealth, serviceKind } from '../../../pipeline/services.js';

describe('approvals', () => {
  it('one approval releases every job waiting on the environment at that moment', () => {
    const approvals = new Approvals(new Set(['production']));
    approvals.pending('deploy (cbi-api)', 'production', 3);
    approvals.pending('deploy (cbi-worker)', 'production', 3);
    expect(approvals.count).toBe(1);
    expect(approvals.describe()).toEqual(['production: deploy (cbi-api), deploy (cbi-worker)']);
  });

  it('a job that starts waiting later asks again; unprotected environments never ask', () => {
    const approvals = new Approvals(new Set(['production']));
    approvals.pending('migrate', 'production', 1);
    approvals.pending('deploy', 'production', 2);
    approvals.pending('deploy-staging', 'staging', 2);
    approvals.pending('build', undefined, 0);
    expect(approvals.count).toBe(2);
  });

  it('two environments pending at the same moment are two approvals', () => {
    const approvals = new Approvals(new Set(['production', 'production-eu']));
    approvals.pending('a', 'production', 1);
    approvals.pending('b', 'production-eu', 1);
    expect(approvals.count).toBe(2);
  });
});

describe('concurrency groups', () => {
  it('a second job of a group waits for the first; a newer waiting job replaces an older one', async () => {
    const groups = new ConcurrencyGroups('o/r', false);
    expect(await groups.acquire('g', 'deploy')).toBe(true);
    const second = groups.acquire('g', 'rollback');
    const third = groups.acquire('g', 'deploy again');
    expect(await second).toBe(false);
    await groups.release('g');
    expect(await third).toBe(true);
    expect(groups.waits).toEqual([
      'rollback waited for deploy (group g)',
      'deploy again waited for deploy (group g)',
    ]);
  });

  it('different groups never wait for each other', async () => {
    const groups = new ConcurrencyGroups('o/r', false);
    expect(await groups.acquire('a', 'x')).toBe(true);
    expect(await groups.acquire('b', 'y')).toBe(true);
    expect(groups.waits).toEqual([]);
  });

  it('across runs a group is held per repository: the same name in another repository never waits', async () => {
    // Held in lock files, as two `npm run pipeline` processes would hold them.
    const group = `unit-test-${process.pid}-${Date.now()}`;
    const first = new ConcurrencyGroups('org/api');
    const sameRepo = new ConcurrencyGroups('org/api');
    const otherRepo = new ConcurrencyGroups('org/web');
    expect(await first.acquire(group, 'deploy')).toBe(true);
    expect(await otherRepo.acquire(group, 'deploy')).toBe(true);
    let sameDone = false;
    const same = sameRepo.acquire(group, 'rollback').then((ok) => ((sameDone = true), ok));
    await new Promise((r) => setTimeout(r, 300));
    expect(sameDone).toBe(false);
    await first.release(group);
    expect(await same).toBe(true);
    expect(sameRepo.waits).toEqual([`rollback waited for another run (group ${group})`]);
    expect(otherRepo.waits).toEqual([]);
    await sameRepo.release(group);
    await otherRepo.release(group);
  });
});

describe('matrix', () => {
  it('is the cross product, minus exclude, plus include', () => {
    expect(
      expandMatrix({
        os: ['a', 'b'],
        node: [20, 24],
        exclude: [{ os: 'b', node: 20 }],
        include: [
          { os: 'a', node: 24, extra: true },
          { os: 'c', node: 22 },
        ],
      }),
    ).toEqual([
      { os: 'a', node: 20 },
      { os: 'a', node: 24, extra: true },
      { os: 'b', node: 24 },
      { os: 'c', node: 22 },
    ]);
  });

  it('refuses an empty list (the job would have no instance)', () => {
    expect(() => expandMatrix({ service: [] })).toThrow('matrix service is an empty list');
  });

  it('no matrix is one instance', () => {
    expect(expandMatrix(null)).toEqual([{}]);
  });
});

describe('service containers', () => {
  it('reads docker health options', () => {
    expect(
      parseHealth(
        '--health-cmd "redis-cli ping" --health-interval 5s --health-timeout 500ms --health-retries 20',
      ),
    ).toEqual({
      cmd: 'redis-cli ping',
      intervalMs: 5000,
      timeoutMs: 500,
      retries: 20,
    });
  });

  it('runs PostgreSQL and Redis images, refuses others by name', () => {
    expect(serviceKind('postgis/postgis:16-3.4@sha256:abc')).toBe('postgres');
    expect(serviceKind('pgvector/pgvector:pg16')).toBe('postgres');
    expect(serviceKind('redis:7-alpine')).toBe('redis');
    expect(() => serviceKind('mysql:8')).toThrow('service image mysql:8');
  });
});
