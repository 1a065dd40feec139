/**
 * Helpers for the native-deployment sandbox tests: the `native-deploy` scenario on a frozen clock,
 * a deploy that registers a revision with an image tag and calls UpdateService, and a one-line
 * summary of a service deployment for timeline assertions.
 */
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type ECSClient,
  RegisterTaskDefinitionCommand,
  type Service,
  type ServiceDeployment,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { EcsServicesScenario } from '../../../sandbox/ecs-services/scenario.js';
import { NATIVE_CLUSTER, nativeScenario } from '../../../sandbox/scenarios/native-deploy.js';
import { ecsClient } from './clients.js';

export interface Native {
  sb: Sandbox;
  ecs: ECSClient;
  /** Registers `service`'s family with image tag `tag`, then UpdateService; the service deployment ARN. */
  deploy: (service: string, tag: string) => Promise<string>;
  describe: (arn: string) => Promise<ServiceDeployment>;
  service: (name: string) => Promise<Service>;
  /** Advances the frozen clock by `seconds`. */
  at: (seconds: number) => void;
}

export async function nativeSandbox(overrides: Partial<EcsServicesScenario> = {}): Promise<Native> {
  const sb = await startSandbox(nativeScenario(overrides), { timeScale: 1 });
  sb.clock.freeze();
  const ecs = ecsClient(sb);
  const service = async (name: string) =>
    (await ecs.send(new DescribeServicesCommand({ cluster: NATIVE_CLUSTER, services: [name] })))
      .services![0]!;
  return {
    sb,
    ecs,
    service,
    at: (seconds) => sb.clock.advance(seconds),
    describe: async (arn) => {
      const out = await ecs.send(
        new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }),
      );
      return out.serviceDeployments![0]!;
    },
    deploy: async (name, tag) => {
      const td = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: name })))
        .taskDefinition!;
      const registered = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: name,
          requiresCompatibilities: td.requiresCompatibilities,
          networkMode: td.networkMode,
          cpu: td.cpu,
          memory: td.memory,
          volumes: td.volumes,
          containerDefinitions: td.containerDefinitions!.map((c) => ({
            ...c,
            image: c.image!.replace(/:[^:/]+$/, `:${tag}`),
          })),
        }),
      );
      await ecs.send(
        new UpdateServiceCommand({
          cluster: NATIVE_CLUSTER,
          service: name,
          taskDefinition: registered.taskDefinition!.taskDefinitionArn,
        }),
      );
      return (await service(name)).currentServiceDeployment!;
    },
  };
}

/** `STATUS STAGE p<production> t<test>` of the target revision. */
export function line(d: ServiceDeployment): string {
  const target = d.targetServiceRevision;
  return `${d.status} ${d.lifecycleStage ?? '-'} p${target?.requestedProductionTrafficWeight ?? '-'} t${target?.requestedTestTrafficWeight ?? '-'}`;
}

/**
 * Steps the clock `step` seconds at a time for `seconds` and records every change of `line`, as
 * `<second> <line>` (second 0 is the moment of the call).
 */
export async function timeline(
  n: Native,
  arn: string,
  seconds: number,
  step = 1,
): Promise<string[]> {
  const out: string[] = [];
  let last = '';
  for (let t = 0; t <= seconds; t += step) {
    const now = line(await n.describe(arn));
    if (now !== last) out.push(`${t} ${now}`);
    last = now;
    n.at(step);
  }
  return out;
}
