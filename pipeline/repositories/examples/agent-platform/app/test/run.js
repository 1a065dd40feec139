// The suite as `jest --reporters=default --reporters=jest-junit` would run it, with node:test:
// the reporter flags are accepted, and a JUnit file is written to JEST_JUNIT_OUTPUT_DIR.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cosine } from '../src/ranking.js';

assert.equal(cosine([1, 0], [1, 0]), 1);
assert.ok(Math.abs(cosine([1, 0], [0, 1])) < 1e-9);
assert.ok(
  process.env.DATABASE_URL?.startsWith('postgresql://langgraph_test:'),
  'DATABASE_URL is exported',
);
const dir = process.env.JEST_JUNIT_OUTPUT_DIR ?? '.';
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}/junit.xml`,
  '<testsuites tests="3" failures="0"><testsuite name="ranking" tests="3"/></testsuites>\n',
);
console.log('3 tests passed');
