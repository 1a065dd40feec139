import { describe, expect, it } from '@jest/globals';
import {
  callerReference,
  pathSetHash,
  runIdentity,
} from '../../../src/cloudfront-invalidate/reference.js';

describe('callerReference', () => {
  const run = { runId: '123', attempt: '2' };
  const base = { run, distributionId: 'E1ABC', allPaths: ['/a', '/b'], batch: 1, batches: 1 };

  it('is stable for the same run, attempt, distribution and path set (in any order)', () => {
    expect(callerReference(base)).toBe(callerReference({ ...base, allPaths: ['/b', '/a'] }));
    expect(callerReference(base)).toBe(`run-123-2-E1ABC-${pathSetHash(['/a', '/b'])}`);
  });
  it('changes with the attempt, the distribution and the path set', () => {
    const ref = callerReference(base);
    expect(callerReference({ ...base, run: { runId: '123', attempt: '3' } })).not.toBe(ref);
    expect(callerReference({ ...base, distributionId: 'E2XYZ' })).not.toBe(ref);
    expect(callerReference({ ...base, allPaths: ['/a'] })).not.toBe(ref);
  });
  it('numbers batches and keeps a given reference', () => {
    expect(callerReference({ ...base, batch: 2, batches: 3 })).toMatch(/-2of3$/);
    expect(callerReference({ ...base, given: 'release-7' })).toBe('release-7');
    expect(callerReference({ ...base, given: 'release-7', batch: 1, batches: 2 })).toBe(
      'release-7-1of2',
    );
  });
  it('reads the run from GitHub variables; outside Actions every run is its own', () => {
    expect(runIdentity({ GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '4' })).toEqual({
      runId: '9',
      attempt: '4',
    });
    expect(runIdentity({}, 42)).toEqual({ runId: 'local-42' });
  });
});
