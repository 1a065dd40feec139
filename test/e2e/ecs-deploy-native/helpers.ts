/**
 * Shared setup for the ecs-deploy end-to-end tests of ECS-native deployments: the `native-deploy`
 * sandbox scenario (seed 002's LangGraph platform) at 1/500 speed, and the bundle run against it.
 */
import { DescribeServiceDeploymentsCommand, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { EcsServicesScenario } from '../../../sandbox/ecs-services/scenario.js';
import { NATIVE_CLUSTER, nativeScenario } from '../../../sandbox/scenarios/native-deploy.js';
import { ecsClient } from '../sandbox/clients.js';
import { deploy as deployTo, type Deployed } from '../ecs-deploy/helpers.js';

/** 316 scenario seconds (blue/green with a 5-minute bake) take 0.63 s. */
export const TIME_SCALE = 0.002;
export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/langgraph-platform';

export function nativeSandbox(
  overrides: Partial<EcsServicesScenario> = {},
  timeScale = TIME_SCALE,
): Promise<Sandbox> {
  return startSandbox(nativeScenario(overrides), { timeScale });
}

export function deploy(
  sb: Sandbox,
  inputs: Record<string, string>,
  options: Parameters<typeof deployTo>[2] = {},
): Promise<Deployed> {
  return deployTo(sb, { cluster: NATIVE_CLUSTER, ...inputs }, options);
}

/** The service deployment as the sandbox has it now. */
export async function serviceDeployment(sb: Sandbox, arn: string): Promise<ServiceDeployment> {
  const out = await ecsClient(sb).send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
  );
  return out.serviceDeployments![0]!;
}

/** `service=arn` lines of the output, as a map. */
export function arnsOf(run: Deployed): Map<string, string> {
  const lines = (run.outputs['service-deployment-arns'] ?? '').split('\n').filter(Boolean);
  return new Map(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** The bundle's output, each line with the sandbox time it arrived at (for `deploy`'s onOutput). */
export function stampedLines(sb: Sandbox): {
  onOutput: (text: string) => void;
  lines: { at: number; line: string }[];
} {
  const lines: { at: number; line: string }[] = [];
  let partial = '';
  return {
    lines,
    onOutput: (text) => {
      const at = sb.clock.now();
      const parts = (partial + text).split('\n');
      partial = parts.pop()!;
      for (const line of parts) lines.push({ at, line });
    },
  };
}

/**
 * Sandbox times of the DescribeServiceDeployments polls so far. Take them right after the run:
 * the test's own reads (serviceDeployment) are DescribeServiceDeployments calls too.
 */
export function pollTimes(sb: Sandbox): number[] {
  return sb.calls.of('DescribeServiceDeployments').map((c) => c.at);
}

/**
 * Polls answered at or after `t`. A verdict reached "within one poll" of an event at `t` makes
 * this 1: the first poll that could see the event ended the wait. Unlike a wall-clock bound, no
 * load on the machine can bend it.
 */
export function pollsSince(polls: readonly number[], t: number): number {
  return polls.filter((at) => at >= t).length;
}
