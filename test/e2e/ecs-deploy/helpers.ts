/** Shared setup for the ecs-deploy end-to-end tests: the rolling-deploy sandbox at 50x speed. */
import { startSandbox, type Sandbox, type Scenario } from '../../../sandbox/index.js';
import { rollingDeploy } from '../../../sandbox/scenarios/rolling-deploy.js';
import { runBundle, type RunResult } from '../../support/run-bundle.js';

/** 20 scenario seconds take 0.4 s. */
export const TIME_SCALE = 0.02;
export const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

export function sandbox(scenario: Scenario = rollingDeploy): Promise<Sandbox> {
  return startSandbox(scenario, { timeScale: TIME_SCALE });
}

export interface Deployed extends RunResult {
  deployments: {
    service: string;
    taskDefinitionArn: string;
    previousTaskDefinitionArn: string;
    deploymentId: string;
    status: string;
    seconds: number;
    restore?: string;
    restoredTaskDefinitionArn?: string;
  }[];
  log: string;
  errors: string[];
  warnings: string[];
}

export async function deploy(
  sb: Sandbox,
  inputs: Record<string, string>,
  options: {
    env?: Record<string, string>;
    cwd?: string;
    signals?: { signal: 'SIGINT' | 'SIGTERM'; afterMs: number }[];
    /** Called with each chunk of output as it arrives (e.g. to note when a line came). */
    onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  } = {},
): Promise<Deployed> {
  const result = await runBundle(
    'ecs-deploy',
    { cluster: 'cbi-production', 'poll-interval-seconds': '0.1', ...inputs },
    {
      env: { ...sb.env(), ...options.env },
      timeoutMs: 60_000,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.signals ? { signals: options.signals } : {}),
      ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    },
  );
  let deployments: Deployed['deployments'] = [];
  try {
    deployments = JSON.parse(result.outputs.deployments ?? '[]');
  } catch {
    deployments = [];
  }
  return {
    ...result,
    deployments,
    log: result.stdout + result.stderr,
    errors: result.annotations.filter((a) => a.level === 'error').map((a) => a.message),
    warnings: result.annotations.filter((a) => a.level === 'warning').map((a) => a.message),
  };
}

export const arn = (family: string, revision: number): string =>
  `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:${revision}`;
