/** A `uses:` step: the pack's own action from dist/, or a third-party action's stand-in. */
import path from 'node:path';
import { preparePackAction, packActionName } from './pack-actions.js';
import { runProcess } from './process.js';
import { standInFor } from './stand-ins/index.js';
import { collectFiles, type StepFiles } from './steps.js';
import type { JobState, RunnerConfig, StepOutcome } from './types.js';

interface UsesOptions {
  config: RunnerConfig;
  job: JobState;
  env: Record<string, string>;
  timeoutMs: number;
  files: StepFiles;
}

export async function runPackAction(
  name: string,
  given: Record<string, string>,
  options: UsesOptions,
): Promise<StepOutcome> {
  const { config, job } = options;
  const action = preparePackAction(config.packRoot, name, given);
  const networkMap = JSON.stringify(
    Object.fromEntries(
      Object.entries(config.settings.network).map(([from, to]) => [
        from,
        to.replace('{sandbox}', config.sandboxUrl),
      ]),
    ),
  );
  const env = {
    ...options.env,
    ...action.env,
    PIPELINE_NETWORK_MAP: networkMap,
    NODE_OPTIONS: `--import=${path.join(config.packRoot, 'pipeline', 'network-map.mjs')}`,
    NODE_NO_WARNINGS: '1',
    GITHUB_ACTION_PATH: path.dirname(action.main),
  };
  if (action.nodeNote) job.log.push(action.nodeNote);
  const result = await runProcess(action.node, [action.main], {
    cwd: job.workspace,
    env,
    timeoutMs: options.timeoutMs,
    masker: job.masker,
  });
  job.log.push(...result.log);
  if (result.timedOut) job.log.push('error: the step timed out');
  const outputs = await collectFiles(options.files, job);
  return { outcome: result.exitCode === 0 ? 'success' : 'failure', outputs };
}

export async function runUses(
  uses: string,
  given: Record<string, string>,
  options: UsesOptions,
): Promise<StepOutcome> {
  const pack = packActionName(uses);
  if (pack) return runPackAction(pack, given, options);
  const standIn = standInFor(uses);
  if (!standIn)
    throw new Error(`${uses}: no stand-in for this action on this machine (pipeline/stand-ins)`);
  const outputs = await standIn({ config: options.config, job: options.job, with: given, uses });
  return { outcome: 'success', outputs };
}
