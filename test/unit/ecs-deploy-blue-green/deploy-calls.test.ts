/** deployBlueGreen's exact CodeDeploy calls on the edges: cancelled early, stop races, no rollback. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  CodeDeployClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  ListDeploymentTargetsCommand,
  StopDeploymentCommand,
  type DeploymentInfo,
} from '@aws-sdk/client-codedeploy';
import { mockClient } from 'aws-sdk-client-mock';
import { rollbackEvents } from '../../../src/ecs-deploy/codedeploy/create.js';
import { deployBlueGreen } from '../../../src/ecs-deploy/codedeploy/deploy.js';
import { stopDeployment } from '../../../src/ecs-deploy/codedeploy/follow.js';
import type { BlueGreenPlan } from '../../../src/ecs-deploy/codedeploy/plan.js';
import type { BlueGreenOptions, BlueGreenRequest } from '../../../src/ecs-deploy/types.js';

const cd = mockClient(CodeDeployClient);
const client = new CodeDeployClient({ region: 'us-east-1' });

const plan: BlueGreenPlan = {
  application: 'app',
  groupName: 'grp',
  group: { deploymentGroupName: 'grp' },
  configName: 'CodeDeployDefault.ECSAllAtOnce',
  config: { trafficRoutingConfig: { type: 'AllAtOnce' } },
  shape: { type: 'AllAtOnce' },
  configFromInput: false,
  loadBalancer: { containerName: 'app', containerPort: 8000 },
};

function request(
  over: Partial<BlueGreenOptions> = {},
  signal = new AbortController().signal,
): BlueGreenRequest {
  return {
    cluster: 'prod',
    service: { serviceName: 'api' },
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:2',
    previousTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/api:1',
    options: { wait: true, timeoutMs: 0, pollIntervalMs: 1, rollbackOnFailure: true, ...over },
    signal,
    log: () => {},
    // already past: the first poll is the last before our timeout
    deadline: Date.now() - 1,
  };
}

const info = (status: DeploymentInfo['status'], extra: Partial<DeploymentInfo> = {}) => ({
  deploymentInfo: { deploymentId: 'd-1', status, ...extra },
});
const noSleep = async () => {};

beforeEach(() => {
  cd.reset();
  cd.on(CreateDeploymentCommand).resolves({ deploymentId: 'd-1' });
  cd.on(ListDeploymentTargetsCommand).resolves({ targetIds: [] });
});

describe('deployBlueGreen calls', () => {
  it('a run cancelled before the deployment was created creates nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await deployBlueGreen(request({}, controller.signal), plan, { client });
    expect(result.status).toBe('failed');
    expect(cd.calls()).toHaveLength(0);
  });

  it('times out; the deployment succeeded before StopDeployment landed: the real outcome wins', async () => {
    cd.on(GetDeploymentCommand).resolvesOnce(info('InProgress')).resolves(info('Succeeded'));
    cd.on(StopDeploymentCommand).rejects(
      Object.assign(new Error('The deployment d-1 has already completed.'), {
        name: 'DeploymentAlreadyCompletedException',
      }),
    );
    const result = await deployBlueGreen(request(), plan, { client, sleep: noSleep });
    expect(result.status).toBe('succeeded');
    expect(cd.commandCalls(StopDeploymentCommand).map((c) => c.args[0].input)).toEqual([
      { deploymentId: 'd-1', autoRollbackEnabled: true },
    ]);
  });

  it('rollback-on-failure false: created without an auto-rollback override; a cancellation stops without forcing rollback', async () => {
    const controller = new AbortController();
    let stopped = false;
    cd.on(GetDeploymentCommand).callsFake(() => {
      if (stopped)
        return info('Stopped', { errorInformation: { code: 'MANUAL_STOP', message: 'stopped' } });
      controller.abort({ signalName: 'SIGTERM' });
      return info('InProgress');
    });
    cd.on(StopDeploymentCommand).callsFake(() => {
      stopped = true;
      return { status: 'Pending' };
    });
    const result = await deployBlueGreen(
      {
        ...request({ rollbackOnFailure: false }, controller.signal),
        deadline: Date.now() + 60_000,
      },
      plan,
      { client, sleep: noSleep },
    );
    const create = cd.commandCalls(CreateDeploymentCommand)[0]!.args[0].input;
    expect(create.autoRollbackConfiguration).toBeUndefined();
    expect(create.deploymentConfigName).toBeUndefined();
    expect(cd.commandCalls(StopDeploymentCommand).map((c) => c.args[0].input)).toEqual([
      { deploymentId: 'd-1' },
    ]);
    expect(result.status).toBe('failed');
    expect(result.causes[0]!.message).toContain('cancelled (SIGTERM)');
    expect(result.causes.map((c) => c.message).join('\n')).toContain(
      'CodeDeploy did not roll it back',
    );
  });

  it('a Failed deployment without rollback info is failed, not rolled-back', async () => {
    cd.on(GetDeploymentCommand).resolves(
      info('Failed', { errorInformation: { code: 'ECS_UPDATE_ERROR', message: 'no capacity' } }),
    );
    const result = await deployBlueGreen({ ...request(), deadline: Date.now() + 60_000 }, plan, {
      client,
      sleep: noSleep,
    });
    expect(result.status).toBe('failed');
    expect(result.causes[0]).toEqual({
      title: 'api: CodeDeploy ECS_UPDATE_ERROR',
      message:
        "CodeDeploy deployment d-1 Failed (ECS_UPDATE_ERROR: no capacity). Next: aws deploy get-deployment --deployment-id d-1 shows CodeDeploy's view; fix the cause, then deploy again.",
    });
    expect(cd.commandCalls(StopDeploymentCommand)).toHaveLength(0);
  });

  it('asks for rollback on alarm stops only when the group watches alarms', async () => {
    expect(rollbackEvents(plan)).toEqual(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST']);
    const watched: BlueGreenPlan = {
      ...plan,
      group: { alarmConfiguration: { enabled: true, alarms: [{ name: 'alb-5xx-errors' }] } },
    };
    expect(rollbackEvents(watched)).toEqual([
      'DEPLOYMENT_FAILURE',
      'DEPLOYMENT_STOP_ON_ALARM',
      'DEPLOYMENT_STOP_ON_REQUEST',
    ]);
    cd.on(GetDeploymentCommand).resolves(info('Succeeded'));
    await deployBlueGreen({ ...request(), deadline: Date.now() + 60_000 }, plan, {
      client,
      sleep: noSleep,
    });
    expect(
      cd.commandCalls(CreateDeploymentCommand)[0]!.args[0].input.autoRollbackConfiguration,
    ).toEqual({
      enabled: true,
      events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST'],
    });
  });
});

describe('stopDeployment', () => {
  it('leaves throttling to the client retry policy: one call, then a one-line failure', async () => {
    cd.on(StopDeploymentCommand).rejects(
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    );
    await expect(stopDeployment(client, 'd-1', true)).rejects.toThrow(
      'StopDeployment d-1 failed: Rate exceeded',
    );
    expect(cd.commandCalls(StopDeploymentCommand)).toHaveLength(1);
  });

  it('says what was asked, or that the deployment had already completed', async () => {
    cd.on(StopDeploymentCommand)
      .resolvesOnce({ status: 'Pending', statusMessage: 'stopping' })
      .rejectsOnce(
        Object.assign(new Error('done'), { name: 'DeploymentAlreadyCompletedException' }),
      );
    expect(await stopDeployment(client, 'd-1', true)).toEqual({
      message: 'StopDeployment d-1 with rollback: Pending (stopping)',
    });
    expect(await stopDeployment(client, 'd-2', undefined)).toEqual({
      message: 'Deployment d-2 had already completed.',
    });
    expect(cd.commandCalls(StopDeploymentCommand).map((c) => c.args[0].input)).toEqual([
      { deploymentId: 'd-1', autoRollbackEnabled: true },
      { deploymentId: 'd-2' },
    ]);
  });
});

describe('deployBlueGreen when following fails for good', () => {
  it('following fails for good: stopped with rollback, the deployment named, its entry kept', async () => {
    const denied = Object.assign(
      new Error('User is not authorized to perform: codedeploy:GetDeployment'),
      {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 400 },
      },
    );
    cd.on(GetDeploymentCommand).rejects(denied);
    cd.on(StopDeploymentCommand).resolves({ status: 'Pending' });
    const result = await deployBlueGreen({ ...request(), deadline: Date.now() + 60_000 }, plan, {
      client,
      sleep: noSleep,
    });
    expect(result.status).toBe('failed');
    expect(result.deploymentId).toBe('d-1');
    expect(result.codedeploy).toEqual(
      expect.objectContaining({ deploymentId: 'd-1', status: 'failed' }),
    );
    expect(cd.commandCalls(StopDeploymentCommand).map((c) => c.args[0].input)).toEqual([
      { deploymentId: 'd-1', autoRollbackEnabled: true },
    ]);
    const text = result.causes.map((c) => c.message).join('\n');
    expect(text).toContain('Following CodeDeploy deployment d-1 failed');
    expect(text).toContain('codedeploy:GetDeployment');
    expect(text).toContain('StopDeployment d-1 with rollback: Pending');
  });

  it('following fails and the stop is refused too: says the deployment may still run and how to stop it', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' });
    cd.on(GetDeploymentCommand).rejects(denied);
    cd.on(StopDeploymentCommand).rejects(denied);
    const result = await deployBlueGreen({ ...request(), deadline: Date.now() + 60_000 }, plan, {
      client,
      sleep: noSleep,
    });
    expect(result.status).toBe('failed');
    expect(result.codedeploy?.deploymentId).toBe('d-1');
    expect(result.causes.map((c) => c.message).join('\n')).toMatch(
      /StopDeployment d-1 failed: .*It may still be running: stop it \(aws deploy stop-deployment --deployment-id d-1 --auto-rollback-enabled\)/,
    );
  });
});
