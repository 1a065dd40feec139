/** Shared setup for the blue/green end-to-end tests: the LangGraph blue/green sandbox. */
import type { CreateDeploymentCommandInput } from '@aws-sdk/client-codedeploy';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { DeploymentScript } from '../../../sandbox/codedeploy/scenario.js';
import type { CodeDeployOutputEntry } from '../../../src/ecs-deploy/types.js';
import {
  BG_CLUSTER,
  BG_SERVICE,
  bluegreenScenario,
  type BlueGreenOverrides,
} from '../../../sandbox/scenarios/bluegreen-langgraph.js';
import { runBundle, type RunOptions, type RunResult } from '../../support/run-bundle.js';

/** The input of the i-th CreateDeployment call the sandbox recorded. */
export const createInput = (s: Sandbox, i = 0): CreateDeploymentCommandInput =>
  s.calls.of('CreateDeployment')[i]!.input as CreateDeploymentCommandInput;

export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/langgraph-platform:1.5.0';

export function sandbox(
  script: DeploymentScript = {},
  overrides: BlueGreenOverrides = {},
  timeScale = 0.002,
): Promise<Sandbox> {
  return startSandbox(bluegreenScenario(script, overrides), { timeScale });
}

export interface Deployed extends RunResult {
  /** The `codedeploy-deployments` output, as the action writes it. */
  codedeploy: CodeDeployOutputEntry[];
  log: string;
  errors: string[];
}

export async function deploy(
  sb: Sandbox,
  inputs: Record<string, string> = {},
  options: Pick<RunOptions, 'signals' | 'env'> = {},
): Promise<Deployed> {
  const result = await runBundle(
    'ecs-deploy',
    {
      cluster: BG_CLUSTER,
      services: BG_SERVICE,
      images: `app=${IMAGE}`,
      'poll-interval-seconds': '0.02',
      ...inputs,
    },
    { timeoutMs: 60_000, ...options, env: { ...sb.env(), ...options.env } },
  );
  let codedeploy: Deployed['codedeploy'] = [];
  try {
    codedeploy = JSON.parse(result.outputs['codedeploy-deployments'] ?? '[]');
  } catch {
    codedeploy = [];
  }
  return {
    ...result,
    codedeploy,
    log: result.stdout + result.stderr,
    errors: result.annotations.filter((a) => a.level === 'error').map((a) => a.message),
  };
}

export function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bluegreen-')), name);
  writeFileSync(path, text);
  return path;
}

export const APPSPEC_WITH_HOOKS = `version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: <TASK_DEFINITION>
        LoadBalancerInfo:
          ContainerName: app
          ContainerPort: 8000
Hooks:
  - AfterAllowTestTraffic: arn:aws:lambda:us-east-1:123456789012:function:langgraph-smoke-test
  - BeforeAllowTraffic: arn:aws:lambda:us-east-1:123456789012:function:langgraph-warmup
`;
