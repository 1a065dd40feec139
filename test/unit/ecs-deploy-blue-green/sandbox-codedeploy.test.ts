/** The sandbox's CodeDeploy timelines, stepped with the frozen clock (no waiting, no timing). */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  BatchGetDeploymentTargetsCommand,
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { createHash } from 'node:crypto';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import type { DeploymentScript } from '../../../sandbox/codedeploy/scenario.js';
import {
  BG_APPLICATION,
  BG_GROUP,
  bgGroup,
  bluegreenScenario,
} from '../../../sandbox/scenarios/bluegreen-langgraph.js';

let sb: Sandbox | undefined;
let client: CodeDeployClient | undefined;
afterEach(async () => {
  client?.destroy();
  await sb?.close();
  sb = undefined;
});

const content = JSON.stringify({
  version: 0,
  Resources: [
    {
      TargetService: {
        Type: 'AWS::ECS::Service',
        Properties: {
          TaskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/langgraph-api:1',
          LoadBalancerInfo: { ContainerName: 'app', ContainerPort: 8000 },
        },
      },
    },
  ],
});

async function start(script: DeploymentScript, group = {}) {
  sb = await startSandbox(bluegreenScenario(script, { groups: [{ ...bgGroup, ...group }] }), {
    timeScale: 1,
  });
  sb.clock.freeze();
  client = new CodeDeployClient({
    endpoint: sb.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  const { deploymentId } = await client.send(
    new CreateDeploymentCommand({
      applicationName: BG_APPLICATION,
      deploymentGroupName: BG_GROUP,
      revision: {
        revisionType: 'AppSpecContent',
        appSpecContent: { content, sha256: createHash('sha256').update(content).digest('hex') },
      },
    }),
  );
  const at = async (id = deploymentId!) => {
    const info = (await client!.send(new GetDeploymentCommand({ deploymentId: id })))
      .deploymentInfo!;
    const target = (
      await client!.send(
        new BatchGetDeploymentTargetsCommand({
          deploymentId: id,
          targetIds: ['langgraph-production-cluster:langgraph-api'],
        }),
      )
    ).deploymentTargets![0]!.ecsTarget!;
    const green = target.taskSetsInfo?.find((t) => t.taskSetLabel === 'Green')?.trafficWeight;
    const event = target.lifecycleEvents?.find(
      (e) => e.status === 'InProgress',
    )?.lifecycleEventName;
    return { info, target, green, event };
  };
  return { id: deploymentId!, at, sb: sb! };
}

describe('sandbox CodeDeploy timeline', () => {
  it('canary 10% for 5 minutes, then the termination wait, then Succeeded', async () => {
    const { at, sb } = await start({});
    expect((await at()).info.status).toBe('Created');
    sb.clock.advance(2.5);
    expect((await at()).event).toBe('BeforeInstall');
    // BeforeInstall 1 s, Install 10, AfterInstall 1, BeforeAllowTestTraffic 1, AllowTestTraffic 10,
    // AfterAllowTestTraffic 1, BeforeAllowTraffic 1: AllowTraffic starts 25 s after InProgress.
    sb.clock.advance(25);
    let now = await at();
    expect(now.event).toBe('AllowTraffic');
    expect(now.green).toBe(10);
    sb.clock.advance(299);
    expect((await at()).green).toBe(10);
    sb.clock.advance(2);
    expect((await at()).green).toBe(100);
    sb.clock.advance(10);
    now = await at();
    expect(now.info.instanceTerminationWaitTimeStarted).toBe(true);
    expect(now.info.status).toBe('InProgress');
    sb.clock.advance(5 * 60);
    now = await at();
    expect(now.info.status).toBe('Succeeded');
    expect(now.target.lifecycleEvents!.every((e) => e.status === 'Succeeded')).toBe(true);
  });

  it('an alarm stops it; the rollback deployment puts traffic back on the original', async () => {
    const { at, sb, id } = await start({
      alarm: { name: 'alb-5xx-errors', afterTrafficSeconds: 60 },
    });
    sb.clock.advance(2 + 25 + 61);
    const stopped = await at();
    expect(stopped.info.status).toBe('Stopped');
    expect(stopped.info.errorInformation?.code).toBe('ALARM_ACTIVE');
    const rollbackId = stopped.info.rollbackInfo!.rollbackDeploymentId!;
    expect(stopped.green).toBe(10);
    const rollback = await at(rollbackId);
    expect(rollback.info.status).toBe('InProgress');
    expect(rollback.info.rollbackInfo?.rollbackTriggeringDeploymentId).toBe(id);
    sb.clock.advance(21);
    expect((await at(rollbackId)).info.status).toBe('Succeeded');
    expect((await at()).green).toBeUndefined(); // the replacement task set is gone
  });

  it('StopDeployment lands after stopSeconds; a completed deployment cannot be stopped', async () => {
    const { at, sb, id } = await start(
      {},
      { deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce', terminationWaitMinutes: 0 },
    );
    sb.clock.advance(10);
    const stop = await client!.send(
      new StopDeploymentCommand({ deploymentId: id, autoRollbackEnabled: true }),
    );
    expect(stop.status).toBe('Pending');
    expect((await at()).info.status).toBe('InProgress');
    sb.clock.advance(2);
    const stopped = await at();
    expect(stopped.info.status).toBe('Stopped');
    expect(stopped.info.errorInformation?.code).toBe('MANUAL_STOP');
    expect(stopped.info.rollbackInfo?.rollbackDeploymentId).toMatch(/^d-/);
    await expect(
      client!.send(new StopDeploymentCommand({ deploymentId: id })),
    ).rejects.toMatchObject({
      name: 'DeploymentAlreadyCompletedException',
    });
  });

  it('a sha256 that does not match the content is refused', async () => {
    await start({});
    await expect(
      client!.send(
        new CreateDeploymentCommand({
          applicationName: BG_APPLICATION,
          deploymentGroupName: BG_GROUP,
          revision: {
            revisionType: 'AppSpecContent',
            appSpecContent: { content, sha256: '0'.repeat(64) },
          },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidRevisionException' });
  });
});
