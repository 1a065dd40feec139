/**
 * The hostile-value corpus and the checks every run must pass: values that would become runner
 * commands if printed raw (a leading `::`, `##[` anywhere, line breaks as the runner reads them:
 * LF, a lone CR; and U+2028, ESC, NUL, a very long value), and the rule that a run's stdout holds
 * no workflow command but the pack's own, its outputs only the declared ones (`status` always),
 * and nothing in GITHUB_ENV, GITHUB_STATE or GITHUB_PATH.
 */
import { expect } from '@jest/globals';
import { isWorkflowCommand } from '../../../src/lib/log.js';
import { readActionMetadata } from '../../support/action-metadata.js';
import type { RunResult } from '../../support/run-bundle.js';

/** Every injected command carries this marker right after its `::`, so it can be recognised. */
export const MARK = 'PWN7';

export const CORPUS: Record<string, string> = {
  // No control character: passes the control-character check and travels deep into the action.
  commands: `::add-mask::${MARK} ::stop-commands::${MARK} ##[set-output name=status;]${MARK} ::set-output name=status::${MARK}`,
  // (No NUL: an environment variable, and so an input, cannot hold one; paths-file lines can.)
  breaks: `a\n::set-output name=status::${MARK}\r::add-mask::${MARK}\u2028::error::${MARK}\u2029##[error]${MARK}\u001b[31m\n::save-state name=x::${MARK}\n::set-env name=${MARK}::1\n::stop-commands::${MARK}`,
  long: `${'A'.repeat(100_000)}\n::error::${MARK}`,
};

/**
 * The commands the pack itself writes (through @actions/core, which escapes line breaks in their
 * data). The runner parses such a line as that command first, so text in its data is data; a
 * group title is shown as a log line, so `##[` must not reach one.
 */
const OWN_COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'add-mask']);
const GROUPS = new Set(['group', 'endgroup']);

/** The runner reads stdout line by line, breaking at LF and at a lone CR. */
export const runnerLines = (stdout: string): string[] => stdout.split(/\r\n|\r|\n/);

/** Lines the runner would obey that the pack did not mean to write. */
export function injectedCommands(stdout: string): string[] {
  return runnerLines(stdout).filter((line) => {
    if (!isWorkflowCommand(line)) return false;
    const match = /^\s*::([A-Za-z-]+)(?: [^:]*)?::([\s\S]*)$/.exec(line);
    if (!match) return true;
    const [, command, data] = match;
    if (data!.startsWith(MARK)) return true;
    if (OWN_COMMANDS.has(command!)) return false;
    return !GROUPS.has(command!) || line.includes('##[');
  });
}

export function declaredOutputs(action: string): Set<string> {
  return new Set(Object.keys(readActionMetadata(action).outputs));
}

/** Inputs with their action.yml defaults, as the runner gives them. */
export function defaults(action: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(readActionMetadata(action).inputs)
      .filter(([, spec]) => spec.default !== undefined)
      .map(([name, spec]) => [name, String(spec.default)]),
  );
}

export function inputNames(action: string): string[] {
  return Object.keys(readActionMetadata(action).inputs);
}

/** The checks of one run; `label` names the input and the value in a failure. */
export function expectSafe(action: string, label: string, result: RunResult): void {
  const declared = declaredOutputs(action);
  expect({ label, killed: result.timedOut, signal: result.signal }).toEqual({
    label,
    killed: false,
    signal: null,
  });
  expect({ label, injected: injectedCommands(result.stdout) }).toEqual({ label, injected: [] });
  expect({ label, extra: Object.keys(result.outputs).filter((k) => !declared.has(k)) }).toEqual({
    label,
    extra: [],
  });
  expect({ label, status: typeof result.outputs.status }).toEqual({ label, status: 'string' });
  expect({ label, status: result.outputs.status?.includes(MARK) }).toEqual({
    label,
    status: false,
  });
  expect({ label, files: result.files }).toEqual({
    label,
    files: { env: '', state: '', path: '' },
  });
}

/** Runs `jobs` with at most `limit` at once. */
export async function inTurn<T>(jobs: (() => Promise<T>)[], limit = 3): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, jobs.length) }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}
