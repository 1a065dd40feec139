/**
 * Runs `dist/<action>/index.js` (or `$PACK_DIST_DIR/<action>/index.js`) as the runner does and
 * returns exit code, outputs, job summary, log and annotations. See sandbox/run-action.ts.
 */
import { runActionBundle, type RunOptions, type RunResult } from '../../sandbox/run-action.js';

export type { Annotation, RunOptions, RunResult } from '../../sandbox/run-action.js';
export { parseAnnotations, parseOutputFile } from '../../sandbox/run-action.js';

export function runBundle(
  action: string,
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<RunResult> {
  return runActionBundle(action, inputs, options);
}
