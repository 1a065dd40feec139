/** Where a pipeline run keeps its scratch files, and what a PostgreSQL template is keyed by. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { templateKey } from '../../../pipeline/pg-cluster.js';
import { scratchParent } from '../../../pipeline/scratch.js';

describe('scratchParent', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'service-parent-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes the memory filesystem when it has the room', () => {
    expect(scratchParent(dir, 1)).toBe(dir);
  });
  it('falls back to the temporary directory when it has less, or is not there', () => {
    expect(scratchParent(dir, Number.MAX_SAFE_INTEGER)).toBe(os.tmpdir());
    expect(scratchParent(path.join(dir, 'absent'), 1)).toBe(os.tmpdir());
  });
});

describe('templateKey', () => {
  const base = { bin: '/usr/lib/postgresql/15/bin', user: 'app', password: 'pw' };
  it('changes with every initdb argument and holds no password', () => {
    const keys = new Set([
      templateKey(base),
      templateKey({ ...base, bin: '/tmp/pgvector/bin' }),
      templateKey({ ...base, user: 'other' }),
      templateKey({ ...base, password: 'pw2' }),
      templateKey({ ...base, password: '' }),
    ]);
    expect(keys.size).toBe(5);
    expect(templateKey(base)).toBe(templateKey({ ...base }));
    expect(templateKey(base)).toMatch(/^[0-9a-f]{24}$/);
  });
});
