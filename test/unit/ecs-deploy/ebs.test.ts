import { describe, expect, it } from '@jest/globals';
import type { Service } from '@aws-sdk/client-ecs';
import {
  launchVolumes,
  parseEbsVolume,
  volumeConfigurationsFor,
} from '../../../src/ecs-deploy/ebs.js';

const ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRole';
const withVolume = {
  family: 'db',
  volumes: [{ name: 'data', configuredAtLaunch: true }, { name: 'tmp' }],
};
const service = (volumeConfigurations?: Service['deployments']): Service => ({
  serviceName: 'db',
  deployments: volumeConfigurations,
});

describe('EBS volumes configured at launch', () => {
  it('parses ebs-volume and names what is wrong with it', () => {
    expect(parseEbsVolume(undefined)).toBeUndefined();
    expect(parseEbsVolume(`{"roleArn": "${ROLE}", "sizeInGiB": 20}`)).toEqual({
      roleArn: ROLE,
      sizeInGiB: 20,
    });
    expect(() => parseEbsVolume('{nope')).toThrow(/^Input 'ebs-volume' is not valid JSON/);
    expect(() => parseEbsVolume('[]')).toThrow(/must be a JSON object/);
    expect(() => parseEbsVolume('{"sizeInGiB": 20}')).toThrow(/needs roleArn/);
    expect(() => parseEbsVolume(`{"roleArn": "${ROLE}"}`)).toThrow(
      /^Input 'ebs-volume' needs sizeInGiB or snapshotId/,
    );
    expect(parseEbsVolume(`{"roleArn": "${ROLE}", "snapshotId": "snap-1"}`)).toEqual({
      roleArn: ROLE,
      snapshotId: 'snap-1',
    });
    expect(() => parseEbsVolume(`{"roleArn": "${ROLE}", "sizeInGiB": "20"}`)).toThrow(
      /sizeInGiB that is not a whole number/,
    );
    expect(() => parseEbsVolume(`{"roleArn": "${ROLE}", "sizeGiB": 20}`)).toThrow(
      /has 'sizeGiB', which ServiceManagedEBSVolumeConfiguration does not have/,
    );
  });

  it('finds the volumes configured at launch', () => {
    expect(launchVolumes(withVolume)).toEqual(['data']);
    expect(launchVolumes({ family: 'x' })).toEqual([]);
  });

  it('sends the given configuration for the volume', () => {
    expect(
      volumeConfigurationsFor('db', service(), withVolume, { roleArn: ROLE }, undefined),
    ).toEqual([{ name: 'data', managedEBSVolume: { roleArn: ROLE } }]);
  });

  it("keeps the service's current configuration when none is given", () => {
    const current = { name: 'data', managedEBSVolume: { roleArn: ROLE, sizeInGiB: 50 } };
    const svc = service([{ status: 'PRIMARY', volumeConfigurations: [current] }]);
    expect(volumeConfigurationsFor('db', svc, withVolume, undefined, undefined)).toEqual([current]);
  });

  it('is an input error when nothing can configure the volume, or the input has no volume to go to', () => {
    expect(() =>
      volumeConfigurationsFor('db', service(), withVolume, undefined, undefined),
    ).toThrow(
      /^Input 'ebs-volume' is required: the task definition of 'db' has volume 'data' configured at launch/,
    );
    expect(() =>
      volumeConfigurationsFor('db', service(), { family: 'db' }, { roleArn: ROLE }, undefined),
    ).toThrow(/no volume with configuredAtLaunch: true/);
    expect(() =>
      volumeConfigurationsFor('db', service(), withVolume, { roleArn: ROLE }, 'logs'),
    ).toThrow(/^Input 'ebs-volume-name' is 'logs'/);
    expect(volumeConfigurationsFor('db', service(), { family: 'db' }, undefined, undefined)).toBe(
      undefined,
    );
  });
});
