/**
 * ecs-deploy on a CODE_DEPLOY service, the bundle run as the runner runs it against the sandbox:
 * canary and linear success, a hook failure, an alarm stop, our timeout and a cancellation (each
 * rolled back with the step failed and the cause named), and an explicit AppSpec with hooks.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../../sandbox/index.js';
import { BG_LINEAR_CONFIG, bgGroup } from '../../../sandbox/scenarios/bluegreen-langgraph.js';
import { APPSPEC_WITH_HOOKS, createInput, deploy, sandbox, tempFile } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const fastGroup = {
  ...bgGroup,
  deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
  terminationWaitMinutes: 0,
};

describe('ecs-deploy blue/green', () => {
  it('canary 10% for 5 minutes: succeeds, with lifecycle events, traffic steps and a timeline', async () => {
    sb = await sandbox();
    const run = await deploy(sb);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    const [cd] = run.codedeploy;
    expect(cd!.deploymentConfig).toBe('CodeDeployDefault.ECSCanary10Percent5Minutes');
    expect(cd!.codedeployStatus).toBe('Succeeded');
    expect(cd!.lifecycleEvents.map((e) => e.name)).toContain('AfterAllowTraffic');
    expect(cd!.traffic.map((t) => t.replacementPercent)).toEqual(expect.arrayContaining([10, 100]));
    expect(JSON.parse(run.outputs.deployments!)[0].deploymentId).toBe(cd!.deploymentId);
    expect(run.log).toContain('production traffic 10% replacement / 90% original');
    expect(run.summary).toContain('```mermaid');
    expect(run.summary).toContain('traffic 10%');
    // discovery found the group; the generated AppSpec names the newly registered revision
    const create = createInput(sb);
    expect(create.deploymentGroupName).toBe('langgraph-production-api');
    const registered = sb.calls.of('RegisterTaskDefinition').length;
    expect(registered).toBe(1);
    expect(create.revision!.appSpecContent!.content!).toContain('task-definition/langgraph-api:2');
  });

  it('linear 10% every 5 minutes through codedeploy-deployment-config', async () => {
    sb = await sandbox({}, { groups: [{ ...bgGroup, terminationWaitMinutes: 0 }] }, 0.0005);
    const run = await deploy(sb, { 'codedeploy-deployment-config': BG_LINEAR_CONFIG });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(createInput(sb).deploymentConfigName).toBe(BG_LINEAR_CONFIG);
    const steps = run.codedeploy[0]!.traffic.map((t) => t.replacementPercent);
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps[0]).toBe(10);
    expect(steps[steps.length - 1]).toBe(100);
  });

  it('an explicit AppSpec keeps its hooks; a failed hook rolls back and fails naming the hook', async () => {
    sb = await sandbox({
      failEvent: {
        event: 'AfterAllowTestTraffic',
        message: 'smoke test: GET /health on the test listener returned 503',
        logTail: 'START RequestId: 1\nGET /health -> 503\nEND RequestId: 1',
      },
    });
    const appspec = tempFile('appspec.yaml', APPSPEC_WITH_HOOKS);
    const run = await deploy(sb, { appspec });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    const content = JSON.parse(createInput(sb).revision!.appSpecContent!.content!);
    expect(content.Hooks).toEqual([
      {
        AfterAllowTestTraffic:
          'arn:aws:lambda:us-east-1:123456789012:function:langgraph-smoke-test',
      },
      { BeforeAllowTraffic: 'arn:aws:lambda:us-east-1:123456789012:function:langgraph-warmup' },
    ]);
    expect(content.Resources[0].TargetService.Properties.TaskDefinition).toMatch(
      /langgraph-api:2$/,
    );
    const errors = run.errors.join('\n');
    expect(errors).toContain('HOOK_EXECUTION_FAILURE');
    expect(errors).toContain('lifecycle event AfterAllowTestTraffic failed');
    expect(errors).toContain('langgraph-smoke-test');
    expect(errors).toContain('GET /health on the test listener returned 503');
    expect(errors).toMatch(/rolled it back with deployment d-\w+ \(Succeeded\)/);
    expect(run.codedeploy).toEqual([
      expect.objectContaining({
        status: 'rolled-back',
        codedeployStatus: 'Failed',
        errorCode: 'HOOK_EXECUTION_FAILURE',
        rollbackStatus: 'Succeeded',
      }),
    ]);
    expect(sb.calls.count('StopDeployment')).toBe(0);
  });

  it('an alarm stops the deployment: rolled back, ALARM_ACTIVE and the alarm named', async () => {
    sb = await sandbox({ alarm: { name: 'alb-response-time', afterTrafficSeconds: 120 } });
    const run = await deploy(sb);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    const errors = run.errors.join('\n');
    expect(errors).toContain('ALARM_ACTIVE');
    expect(errors).toContain('alb-response-time');
    expect(run.codedeploy).toEqual([
      expect.objectContaining({
        status: 'rolled-back',
        codedeployStatus: 'Stopped',
        errorCode: 'ALARM_ACTIVE',
      }),
    ]);
    expect(run.summary).toMatch(/rollback d-\w+/);
  });

  it('our timeout stops the deployment with rollback and fails timed-out', async () => {
    sb = await sandbox({ eventSeconds: 1e6 }, { groups: [fastGroup] });
    const run = await deploy(sb, { 'timeout-minutes': '0.01' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    // the deployment was started, then timed out: its entry is in the output all the same
    expect(run.codedeploy).toEqual([
      expect.objectContaining({ status: 'timed-out', rollbackStatus: 'Succeeded' }),
    ]);
    const stops = sb.calls.of('StopDeployment').map((c) => c.input);
    expect(stops).toEqual([
      { deploymentId: run.codedeploy[0]!.deploymentId, autoRollbackEnabled: true },
    ]);
    const errors = run.errors.join('\n');
    expect(errors).toMatch(/did not finish within/);
    expect(errors).toMatch(/rolled it back with deployment d-\w+ \(Succeeded\)/);
    // the timed-out summary links the deployment, as a failed one does
    expect(run.summary).toContain(
      `/codesuite/codedeploy/deployments/${run.codedeploy[0]!.deploymentId}?region=us-east-1`,
    );
  });

  it('a cancelled run stops the deployment with rollback before it exits', async () => {
    sb = await sandbox({ eventSeconds: 1e6 }, { groups: [fastGroup] });
    const run = await deploy(sb, {}, { signals: [{ signal: 'SIGINT', afterMs: 4000 }] });
    expect(run.exitCode).toBe(1);
    const stops = sb.calls.of('StopDeployment').map((c) => c.input);
    expect(stops).toEqual([
      { deploymentId: run.codedeploy[0]!.deploymentId, autoRollbackEnabled: true },
    ]);
    const errors = run.errors.join('\n');
    expect(errors).toContain('cancelled (SIGINT)');
    expect(errors).toMatch(/rolled it back with deployment d-\w+ \(Succeeded\)/);
    expect(run.codedeploy).toEqual([
      expect.objectContaining({ status: 'failed', rollbackStatus: 'Succeeded' }),
    ]);
  });

  it('wait: false starts the deployment and reports started', async () => {
    sb = await sandbox({ eventSeconds: 1e6 });
    const run = await deploy(sb, { wait: 'false' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('started');
    expect(run.codedeploy).toEqual([expect.objectContaining({ status: 'started' })]);
    expect(sb.calls.count('CreateDeployment')).toBe(1);
    expect(sb.calls.count('GetDeployment')).toBe(0);
  });
});
