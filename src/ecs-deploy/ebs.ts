/**
 * EBS volumes configured at launch: a task definition with a volume `configuredAtLaunch: true`
 * needs `volumeConfigurations` on UpdateService. `ebs-volume` (a ServiceManagedEBSVolumeConfiguration
 * as JSON, `roleArn` and `sizeInGiB` or `snapshotId` required) sets it; without it the service's
 * current configuration for that volume is carried over. Pure, and checked before any mutating
 * call.
 */
import type {
  Service,
  ServiceManagedEBSVolumeConfiguration,
  ServiceVolumeConfiguration,
} from '@aws-sdk/client-ecs';
import { inputError } from '../lib/errors.js';
import type { TaskDefinitionDoc } from '../lib/task-definition.js';

const MEMBERS = new Set([
  'encrypted',
  'kmsKeyId',
  'volumeType',
  'sizeInGiB',
  'snapshotId',
  'volumeInitializationRate',
  'iops',
  'throughput',
  'tagSpecifications',
  'roleArn',
  'filesystemType',
]);

/** Parses the `ebs-volume` input (a JSON object). */
export function parseEbsVolume(
  raw: string | undefined,
): ServiceManagedEBSVolumeConfiguration | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw inputError('ebs-volume', `is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw inputError(
      'ebs-volume',
      'must be a JSON object (a ServiceManagedEBSVolumeConfiguration).',
    );
  const unknown = Object.keys(value).filter((k) => !MEMBERS.has(k));
  if (unknown.length > 0)
    throw inputError(
      'ebs-volume',
      `has ${unknown.map((k) => `'${k}'`).join(', ')}, which ServiceManagedEBSVolumeConfiguration does not have (members: ${[...MEMBERS].join(', ')}).`,
    );
  const config = value as ServiceManagedEBSVolumeConfiguration;
  if (typeof config.roleArn !== 'string' || config.roleArn === '')
    throw inputError('ebs-volume', 'needs roleArn (the ECS infrastructure role for EBS volumes).');
  if (config.sizeInGiB === undefined && config.snapshotId === undefined)
    throw inputError(
      'ebs-volume',
      "needs sizeInGiB or snapshotId: ECS creates each task's volume from one of them.",
    );
  if (
    config.sizeInGiB !== undefined &&
    (!Number.isInteger(config.sizeInGiB) || config.sizeInGiB < 1)
  )
    throw inputError('ebs-volume', 'has sizeInGiB that is not a whole number of GiB (1 or more).');
  return config;
}

/** Names of the definition's volumes configured at launch. */
export function launchVolumes(definition: TaskDefinitionDoc | undefined): string[] {
  const volumes = (definition as { volumes?: { name?: string; configuredAtLaunch?: boolean }[] })
    ?.volumes;
  return (volumes ?? []).filter((v) => v.configuredAtLaunch && v.name).map((v) => v.name!);
}

/**
 * The `volumeConfigurations` for one service's UpdateService, or undefined when its revision has
 * no volume configured at launch.
 */
export function volumeConfigurationsFor(
  serviceName: string,
  service: Service,
  definition: TaskDefinitionDoc | undefined,
  ebs: ServiceManagedEBSVolumeConfiguration | undefined,
  volumeName: string | undefined,
): ServiceVolumeConfiguration[] | undefined {
  const names = launchVolumes(definition);
  if (names.length === 0) {
    if (ebs)
      throw inputError(
        'ebs-volume',
        `is given, but the task definition of '${serviceName}' has no volume with configuredAtLaunch: true.`,
      );
    return undefined;
  }
  const name = volumeName ?? names[0]!;
  if (!names.includes(name))
    throw inputError(
      'ebs-volume-name',
      `is '${name}', but the task definition of '${serviceName}' configures ${names.map((n) => `'${n}'`).join(', ')} at launch.`,
    );
  if (ebs) return [{ name, managedEBSVolume: ebs }];
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  const current = primary?.volumeConfigurations?.find((v) => v.name === name);
  if (current) return [current];
  throw inputError(
    'ebs-volume',
    `is required: the task definition of '${serviceName}' has volume '${name}' configured at launch, and the service has no configuration for it to carry over. Give ebs-volume as JSON, e.g. {"roleArn": "arn:aws:iam::123456789012:role/ecsInfrastructureRole", "sizeInGiB": 20}.`,
  );
}
