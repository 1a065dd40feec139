/** Runs the run-migration bundle against a sandbox with the defaults every case shares. */
import type { Sandbox } from '../../../sandbox/index.js';
import { runBundle, type RunOptions, type RunResult } from '../../support/run-bundle.js';

export const TIME_SCALE = 0.05;

export function migrate(
  sandbox: Sandbox,
  inputs: Record<string, string>,
  options: RunOptions = {},
): Promise<RunResult> {
  return runBundle(
    'run-migration',
    {
      cluster: 'cbi-production',
      'task-definition': 'cbi-migrate',
      subnets: 'subnet-0a1b2c3d4e5f60718',
      'security-groups': 'sg-0c1d2e3f4a5b60718',
      'poll-interval-seconds': '0.05',
      ...inputs,
    },
    { ...options, env: { ...sandbox.env(), ...options.env } },
  );
}

/** The lines the bundle printed from the container, without their `<container> | ` prefix. */
export function containerLines(stdout: string, container = 'migrate'): string[] {
  const prefix = `${container} | `;
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}

export const errorsOf = (result: RunResult): string[] =>
  result.annotations.filter((a) => a.level === 'error').map((a) => a.message);
