import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestScratch } from './test/support/scratch.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

// The run's temporary directory in memory (test/support/scratch.mjs); the workers inherit it.
// Set once: a process that already has one (a worker, a nested run) keeps it.
if (!process.env.TMPDIR?.includes('ecs-delivery-pack-tests-')) {
  const scratch = createTestScratch();
  if (scratch) process.env.TMPDIR = scratch;
}

/**
 * The CPUs this process may use: the cores it may run on, or fewer when a cgroup v2 quota
 * (`cpu.max`, as `docker --cpus` sets it) allows less; the core count alone overstates it there.
 */
function usableCpus() {
  const cores = os.availableParallelism();
  try {
    const [quota, period] = readFileSync('/sys/fs/cgroup/cpu.max', 'utf8').trim().split(/\s+/);
    if (quota !== 'max' && Number(period) > 0)
      return Math.max(1, Math.min(cores, Math.floor(Number(quota) / Number(period))));
  } catch {
    // No cgroup v2 file: the core count is all there is to go by.
  }
  return cores;
}

/**
 * Jest in native ESM mode (the toolkit packages are ESM-only). TypeScript is stripped by swc
 * (`@swc/jest`): a transform per file, no type check (`npm run typecheck` is its own step).
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript' },
          target: 'es2022',
          transform: { useDefineForClassFields: true },
          keepClassNames: true,
        },
        sourceMaps: 'inline',
      },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
  // Three test files per CPU: most e2e files wait on sandbox timelines and pipelines rather than
  // compute; with two per CPU the CPUs were a fifth idle (bench/RESULTS.md, `npm test`). A number:
  // jest reads a percentage over 100 as a count. At most 8: each e2e file starts servers and
  // processes of its own.
  maxWorkers: Math.min(8, Math.max(2, usableCpus() * 3)),
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  // On disk, across runs (the run's TMPDIR is removed when it ends).
  cacheDirectory: path.join(root, 'node_modules', '.cache', 'jest'),
};
