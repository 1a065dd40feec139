/**
 * EBS volumes configured at launch, end to end: the bundle's UpdateService carries the
 * `volumeConfigurations` the task definition's `configuredAtLaunch` volume needs (from `ebs-volume`,
 * or the service's current one carried over), the sandbox checks them as ECS does and records them
 * on the deployment and its service revision, and a missing or misnamed configuration is an input
 * error before any mutating call.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ServiceVolumeConfiguration,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../sandbox/index.js';
import {
  CHECKPOINT_VOLUME,
  EBS_ROLE,
  NATIVE_CLUSTER,
  NATIVE_SERVICES,
} from '../../../sandbox/scenarios/native-deploy.js';
import { NO_MATCHING_VOLUME } from '../../../sandbox/ecs-services/volumes.js';
import { ecsClient } from '../sandbox/clients.js';
import type { Deployed } from '../ecs-deploy/helpers.js';
import { IMAGE, arnsOf, deploy, nativeSandbox, serviceDeployment } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const SERVICE = 'langgraph-checkpointer';
const SEEDED: ServiceVolumeConfiguration[] = [
  {
    name: CHECKPOINT_VOLUME,
    managedEBSVolume: { roleArn: EBS_ROLE, sizeInGiB: 20, volumeType: 'gp3' },
  },
];
const checkpointer = NATIVE_SERVICES.find((s) => s.name === SERVICE)!;

async function primaryVolumes(s: Sandbox): Promise<ServiceVolumeConfiguration[] | undefined> {
  const out = await ecsClient(s).send(
    new DescribeServicesCommand({ cluster: NATIVE_CLUSTER, services: [SERVICE] }),
  );
  return out.services![0]!.deployments!.find((d) => d.status === 'PRIMARY')!.volumeConfigurations;
}

/** The volume configurations the service revision of the run's service deployment records. */
async function revisionVolumes(
  s: Sandbox,
  serviceDeploymentArn: string,
): Promise<ServiceVolumeConfiguration[] | undefined> {
  const sd = await serviceDeployment(s, serviceDeploymentArn);
  const out = await ecsClient(s).send(
    new DescribeServiceRevisionsCommand({
      serviceRevisionArns: [sd.targetServiceRevision!.arn!],
    }),
  );
  return out.serviceRevisions![0]!.volumeConfigurations;
}

/** One UpdateService carried `volumes`, and the PRIMARY deployment and its revision show them. */
async function expectDeployedWith(sb: Sandbox, run: Deployed, volumes: unknown): Promise<void> {
  const updates = sb.calls.of('UpdateService');
  expect(updates).toHaveLength(1);
  expect((updates[0]!.input as { volumeConfigurations?: unknown }).volumeConfigurations).toEqual(
    volumes,
  );
  expect(await primaryVolumes(sb)).toEqual(volumes);
  expect(await revisionVolumes(sb, arnsOf(run).get(SERVICE)!)).toEqual(volumes);
}

describe('ecs-deploy EBS volumes configured at launch', () => {
  it('ebs-volume: UpdateService carries the configuration, the deployment and its revision record it', async () => {
    sb = await nativeSandbox();
    const ebs = { roleArn: EBS_ROLE, sizeInGiB: 50, volumeType: 'gp3', encrypted: true };
    const run = await deploy(sb, {
      services: SERVICE,
      images: `app=${IMAGE}:1.5.0`,
      'ebs-volume': JSON.stringify(ebs),
    });
    expect(run.outputs.status).toBe('succeeded');
    await expectDeployedWith(sb, run, [{ name: CHECKPOINT_VOLUME, managedEBSVolume: ebs }]);
  });

  it("without ebs-volume the service's current configuration is carried over", async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, { services: SERVICE, images: `app=${IMAGE}:1.5.0` });
    expect(run.outputs.status).toBe('succeeded');
    await expectDeployedWith(sb, run, SEEDED);
  });

  it('a misnamed volume is an input error naming ebs-volume-name, with no mutating call', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: SERVICE,
      images: `app=${IMAGE}:1.5.0`,
      'ebs-volume': JSON.stringify({ roleArn: EBS_ROLE, sizeInGiB: 50 }),
      'ebs-volume-name': 'data',
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^Input 'ebs-volume-name' is 'data', but .*'checkpoints'/),
    ]);
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('an ebs-volume ECS would refuse (no size, no snapshot) is an input error, with no mutating call', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: SERVICE,
      images: `app=${IMAGE}:1.5.0`,
      'ebs-volume': JSON.stringify({ roleArn: EBS_ROLE, volumeType: 'gp3' }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(/^Input 'ebs-volume' needs sizeInGiB or snapshotId/),
    ]);
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('no configuration to carry over is an input error naming ebs-volume, with no mutating call', async () => {
    const { volumeConfigurations: _none, ...bare } = checkpointer;
    sb = await nativeSandbox({ services: [bare] });
    const run = await deploy(sb, { services: SERVICE, images: `app=${IMAGE}:1.5.0` });
    expect(run.exitCode).toBe(1);
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^Input 'ebs-volume' is required: .*volume 'checkpoints' configured at launch/,
      ),
    ]);
    expect(sb.calls.mutating()).toEqual([]);
  });
});

describe('sandbox UpdateService volumeConfigurations', () => {
  const update = (s: Sandbox, volumeConfigurations?: ServiceVolumeConfiguration[]) =>
    ecsClient(s).send(
      new UpdateServiceCommand({
        cluster: NATIVE_CLUSTER,
        service: SERVICE,
        forceNewDeployment: true,
        ...(volumeConfigurations ? { volumeConfigurations } : {}),
      }),
    );
  const ebs = (extra: object) => [
    { name: CHECKPOINT_VOLUME, managedEBSVolume: { roleArn: EBS_ROLE, ...extra } },
  ];

  it('refuses what ECS refuses, with InvalidParameterException and no deployment', async () => {
    const { volumeConfigurations: _none, ...bare } = checkpointer;
    sb = await nativeSandbox({ services: [bare] });
    const refused = async (volumes?: ServiceVolumeConfiguration[]) => {
      const error = (await update(sb!, volumes).then(
        () => undefined,
        (e: unknown) => e,
      )) as { name: string; message: string } | undefined;
      expect(error?.name).toBe('InvalidParameterException');
      return error!.message;
    };
    expect(await refused()).toMatch(
      /volume 'checkpoints' with configuredAtLaunch set to true, but no volumeConfigurations entry/,
    );
    expect(
      await refused([{ name: 'data', managedEBSVolume: { roleArn: EBS_ROLE, sizeInGiB: 8 } }]),
    ).toBe(NO_MATCHING_VOLUME);
    expect(await refused(ebs({}))).toMatch(/either sizeInGiB or snapshotId/);
    expect(await refused(ebs({ sizeInGiB: 50, roleArn: '' }))).toMatch(/roleArn is required/);
    expect(await refused(ebs({ sizeInGiB: 2, volumeType: 'io2', iops: 1000 }))).toMatch(
      /sizeInGiB must be from 4 to 16384 for io2/,
    );
    expect(await refused(ebs({ sizeInGiB: 50, volumeType: 'gp2', throughput: 250 }))).toMatch(
      /throughput is only supported for gp3/,
    );
    const out = await ecsClient(sb).send(
      new DescribeServicesCommand({ cluster: NATIVE_CLUSTER, services: [SERVICE] }),
    );
    expect(out.services![0]!.deployments).toHaveLength(1);
    // A snapshot alone is enough (its size is the volume's).
    await update(sb, ebs({ snapshotId: 'snap-0123456789abcdef0' }));
    expect(await primaryVolumes(sb)).toEqual(ebs({ snapshotId: 'snap-0123456789abcdef0' }));
  });

  it('a revision without the launch volume refuses the carried-over configuration; [] removes it', async () => {
    sb = await nativeSandbox();
    const plain = await ecsClient(sb).send(
      new RegisterTaskDefinitionCommand({
        family: SERVICE,
        containerDefinitions: [{ name: 'app', image: `${IMAGE}:1.5.0`, essential: true }],
      }),
    );
    const to = (volumeConfigurations?: ServiceVolumeConfiguration[]) =>
      ecsClient(sb!).send(
        new UpdateServiceCommand({
          cluster: NATIVE_CLUSTER,
          service: SERVICE,
          taskDefinition: plain.taskDefinition!.taskDefinitionArn,
          ...(volumeConfigurations ? { volumeConfigurations } : {}),
        }),
      );
    await expect(to()).rejects.toThrow(NO_MATCHING_VOLUME);
    await to([]);
    expect(await primaryVolumes(sb)).toBeUndefined();
  });
});
