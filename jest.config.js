import os from 'node:os';

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
  // Two test files per core: most e2e files wait on sandbox timelines and pipelines rather than
  // compute (bench/RESULTS.md, `npm test`). A number: jest reads a percentage over 100 as a count.
  maxWorkers: Math.max(2, os.availableParallelism() * 2),
  testSequencer: '<rootDir>/test/support/sequencer.mjs',
};
