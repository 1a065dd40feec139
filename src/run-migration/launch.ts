/**
 * Builds the RunTask request from the inputs, the service (when given) and the task definition:
 * network configuration, launch type or capacity providers and platform version come from the
 * inputs first, then from the service. Pure, so every combination is tested without AWS.
 */
import type {
  AwsVpcConfiguration,
  ContainerOverride,
  RunTaskCommandInput,
  Service,
  TaskVolumeConfiguration,
} from '@aws-sdk/client-ecs';
import { inputError } from '../lib/errors.js';
import type { TaskDefinitionDoc } from '../lib/task-definition.js';
import type { Inputs } from './inputs.js';

export interface LaunchPlan {
  /** The request without startedBy, clientToken and tags (which are derived from it). */
  request: RunTaskCommandInput;
  /** Where each setting came from, for the log. */
  sources: string[];
}

function placement(inputs: Inputs, service: Service | undefined, sources: string[]) {
  const out: Pick<
    RunTaskCommandInput,
    'launchType' | 'capacityProviderStrategy' | 'platformVersion'
  > = {};
  if (inputs['launch-type']) {
    out.launchType = inputs['launch-type'];
  } else if (inputs['capacity-provider-strategy'].length > 0) {
    out.capacityProviderStrategy = inputs['capacity-provider-strategy'];
  } else if (service?.capacityProviderStrategy && service.capacityProviderStrategy.length > 0) {
    out.capacityProviderStrategy = service.capacityProviderStrategy;
    sources.push('capacity provider strategy from the service');
  } else if (service?.launchType) {
    out.launchType = service.launchType;
    sources.push(`launch type ${service.launchType} from the service`);
  }
  const fargateCapable = out.launchType !== 'EC2' && out.launchType !== 'EXTERNAL';
  if (inputs['platform-version']) {
    out.platformVersion = inputs['platform-version'];
  } else if (service?.platformVersion && fargateCapable) {
    out.platformVersion = service.platformVersion;
    sources.push(`platform version ${service.platformVersion} from the service`);
  }
  return out;
}

function network(
  inputs: Inputs,
  service: Service | undefined,
  def: TaskDefinitionDoc,
  sources: string[],
): AwsVpcConfiguration | undefined {
  const mode = def.networkMode ?? 'bridge';
  const given =
    inputs.subnets.length > 0 || inputs['security-groups'].length > 0 || inputs['assign-public-ip'];
  if (mode !== 'awsvpc') {
    if (given) {
      const input =
        inputs.subnets.length > 0
          ? 'subnets'
          : inputs['security-groups'].length > 0
            ? 'security-groups'
            : 'assign-public-ip';
      throw inputError(
        input,
        `is set, but task definition '${def.family}' uses network mode ${String(mode)}, which takes no network configuration (only awsvpc does).`,
      );
    }
    return undefined;
  }
  const fromService = service?.networkConfiguration?.awsvpcConfiguration;
  const subnets = inputs.subnets.length > 0 ? inputs.subnets : (fromService?.subnets ?? []);
  if (subnets.length === 0) {
    throw inputError(
      'subnets',
      `is required: task definition '${def.family}' uses the awsvpc network mode and ${inputs.service ? `service '${inputs.service}' has no network configuration` : "no 'service' was given to copy one from"}.`,
    );
  }
  if (inputs.subnets.length === 0) sources.push('subnets from the service');
  const config: AwsVpcConfiguration = { subnets };
  const groups =
    inputs['security-groups'].length > 0 ? inputs['security-groups'] : fromService?.securityGroups;
  if (groups && groups.length > 0) {
    config.securityGroups = groups;
    if (inputs['security-groups'].length === 0) sources.push('security groups from the service');
  }
  const ip = inputs['assign-public-ip'] ?? fromService?.assignPublicIp;
  if (ip) config.assignPublicIp = ip;
  return config;
}

export function containerOverride(
  inputs: Pick<Inputs, 'command' | 'environment'>,
  container: string,
): ContainerOverride | undefined {
  if (!inputs.command && inputs.environment.size === 0) return undefined;
  const override: ContainerOverride = { name: container };
  if (inputs.command) override.command = inputs.command;
  if (inputs.environment.size > 0) {
    override.environment = [...inputs.environment].map(([name, value]) => ({ name, value }));
  }
  return override;
}

/**
 * The volumes the task definition leaves to be configured at launch must each get a
 * configuration, and each configuration must name such a volume (else RunTask refuses).
 */
function volumeConfigurations(
  inputs: Pick<Inputs, 'volume-configurations'>,
  def: TaskDefinitionDoc,
): TaskVolumeConfiguration[] | undefined {
  const volumes = Array.isArray(def.volumes) ? (def.volumes as Record<string, unknown>[]) : [];
  const atLaunch = volumes.filter((v) => v.configuredAtLaunch === true).map((v) => String(v.name));
  const given = inputs['volume-configurations'];
  for (const config of given) {
    if (!atLaunch.includes(String(config.name))) {
      throw inputError(
        'volume-configurations',
        `configures volume '${config.name}', but task definition '${def.family}' has no volume of that name configured at launch (${atLaunch.length > 0 ? `volumes configured at launch: ${atLaunch.join(', ')}` : 'it has none'}).`,
      );
    }
  }
  const missing = atLaunch.filter((name) => !given.some((c) => c.name === name));
  if (missing.length > 0) {
    throw inputError(
      'volume-configurations',
      `is required: task definition '${def.family}' leaves volume${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')} to be configured at launch (configuredAtLaunch: true); give each a managedEBSVolume.`,
    );
  }
  return given.length > 0 ? given : undefined;
}

/** RunTask's documented limit on container overrides (their JSON, formatting included). */
export const OVERRIDES_MAX_CHARACTERS = 8192;

/** Limits the API reference documents (the model has none) checked before RunTask. */
export function assertRunTaskLimits(request: RunTaskCommandInput): void {
  const overrides = request.overrides ? JSON.stringify(request.overrides).length : 0;
  if (overrides > OVERRIDES_MAX_CHARACTERS) {
    throw inputError(
      'command',
      `and 'environment' make container overrides of ${overrides} characters; RunTask takes at most ${OVERRIDES_MAX_CHARACTERS}. Put long values in the task definition, a file in the image, or Secrets Manager.`,
    );
  }
}

export function planLaunch(args: {
  inputs: Inputs;
  service?: Service;
  taskDefinitionArn: string;
  definition: TaskDefinitionDoc;
  container: string;
}): LaunchPlan {
  const { inputs, service, definition } = args;
  const sources: string[] = [];
  const request: RunTaskCommandInput = {
    cluster: inputs.cluster,
    taskDefinition: args.taskDefinitionArn,
    count: 1,
    ...placement(inputs, service, sources),
  };
  const awsvpc = network(inputs, service, definition, sources);
  if (awsvpc) request.networkConfiguration = { awsvpcConfiguration: awsvpc };
  const volumes = volumeConfigurations(inputs, definition);
  if (volumes) request.volumeConfigurations = volumes;
  const override = containerOverride(inputs, args.container);
  if (override) request.overrides = { containerOverrides: [override] };
  return { request, sources };
}
