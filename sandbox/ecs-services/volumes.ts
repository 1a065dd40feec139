/**
 * UpdateService's `volumeConfigurations` (EBS volumes configured at launch) checked against the
 * revision it deploys, as the ECS API reference states the rules, before anything changes: an
 * InvalidParameterException, as ECS answers. Omitted, the service keeps its current configuration
 * (which must still fit the revision); given, it replaces it, and a change starts a deployment.
 */
import type {
  ServiceManagedEBSVolumeConfiguration,
  ServiceVolumeConfiguration,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';

const bad = (message: string) => new AwsError('InvalidParameterException', message);

/** ECS's wording when a configuration names no volume configured at launch (as ECS answers it). */
export const NO_MATCHING_VOLUME =
  'Volume configuration provided but no matching configuredAtLaunch volume found in task definition.';

/** Sizes in GiB per volume type (ServiceManagedEBSVolumeConfiguration.sizeInGiB). */
const SIZES: Record<string, [number, number]> = {
  gp2: [1, 16_384],
  gp3: [1, 16_384],
  io1: [4, 16_384],
  io2: [4, 16_384],
  st1: [125, 16_384],
  sc1: [125, 16_384],
  standard: [1, 1024],
};
const FILESYSTEMS = ['ext3', 'ext4', 'xfs', 'ntfs'];

/** The names of the revision's volumes configured at launch. */
export function launchVolumeNames(def: TaskDefinition): string[] {
  return (def.volumes ?? []).filter((v) => v.configuredAtLaunch && v.name).map((v) => v.name!);
}

function checkManaged(at: string, ebs: ServiceManagedEBSVolumeConfiguration | undefined): void {
  if (!ebs) throw bad(`${at}.managedEBSVolume is required.`);
  if (typeof ebs.roleArn !== 'string' || ebs.roleArn === '')
    throw bad(`${at}.managedEBSVolume.roleArn is required.`);
  const type = ebs.volumeType ?? 'gp3';
  const range = SIZES[type];
  if (!range)
    throw bad(`${at}.managedEBSVolume.volumeType must be one of ${Object.keys(SIZES).join(', ')}.`);
  if (ebs.sizeInGiB === undefined && ebs.snapshotId === undefined)
    throw bad(`${at}.managedEBSVolume: you must specify either sizeInGiB or snapshotId.`);
  if (ebs.sizeInGiB !== undefined) {
    const [min, max] = range;
    if (!Number.isInteger(ebs.sizeInGiB) || ebs.sizeInGiB < min || ebs.sizeInGiB > max)
      throw bad(`${at}.managedEBSVolume.sizeInGiB must be from ${min} to ${max} for ${type}.`);
  }
  if (ebs.iops !== undefined && ['st1', 'sc1', 'standard'].includes(type))
    throw bad(`${at}.managedEBSVolume.iops is not supported for ${type} volumes.`);
  if (ebs.iops === undefined && (type === 'io1' || type === 'io2'))
    throw bad(`${at}.managedEBSVolume.iops is required for ${type} volumes.`);
  if (ebs.throughput !== undefined && type !== 'gp3')
    throw bad(`${at}.managedEBSVolume.throughput is only supported for gp3 volumes.`);
  if (ebs.throughput !== undefined && ebs.throughput > 1000)
    throw bad(`${at}.managedEBSVolume.throughput must be at most 1000 MiB/s.`);
  if (ebs.filesystemType !== undefined && !FILESYSTEMS.includes(ebs.filesystemType))
    throw bad(`${at}.managedEBSVolume.filesystemType must be one of ${FILESYSTEMS.join(', ')}.`);
}

/**
 * The volume configurations the deployment of `def` runs with: `given` (UpdateService's) or, when
 * omitted, `current` (the service's). Throws what ECS answers when one does not fit.
 */
export function effectiveVolumes(
  def: TaskDefinition,
  given: ServiceVolumeConfiguration[] | undefined,
  current: ServiceVolumeConfiguration[],
): ServiceVolumeConfiguration[] {
  const names = launchVolumeNames(def);
  if (given !== undefined) {
    if (!Array.isArray(given)) throw bad('volumeConfigurations must be a list.');
    const seen = new Set<string>();
    given.forEach((v, i) => {
      const at = `volumeConfigurations[${i}]`;
      if (typeof v?.name !== 'string' || v.name === '') throw bad(`${at}.name is required.`);
      if (seen.has(v.name)) throw bad(`${at}: volume '${v.name}' is configured twice.`);
      seen.add(v.name);
      checkManaged(at, v.managedEBSVolume);
    });
  }
  const volumes = given ?? current;
  if (volumes.some((v) => !names.includes(v.name ?? ''))) throw bad(NO_MATCHING_VOLUME);
  for (const name of names)
    if (!volumes.some((v) => v.name === name))
      throw bad(
        `The task definition has volume '${name}' with configuredAtLaunch set to true, but no volumeConfigurations entry for it was provided. Provide a volume configuration for '${name}'.`,
      );
  return volumes;
}
