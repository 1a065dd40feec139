/**
 * ecs-deploy end to end: the real bundle against the sandbox's rolling timelines (x50 speed).
 * Each test asserts the verdict, the outputs, the causes and the calls made.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../../sandbox/index.js';
import { rollingDeploy } from '../../../sandbox/scenarios/rolling-deploy.js';
import { REGISTRY, arn, deploy, sandbox } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const image = (tag: string): string => `${REGISTRY}/cbi:${tag}`;

describe('ecs-deploy rolling outcomes', () => {
  it('succeeds when the new deployment completes, and a re-run registers nothing', async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('42c3e4a')}` });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(arn('cbi-api', 3));
    expect(run.outputs['previous-task-definition-arn']).toBe(arn('cbi-api', 2));
    expect(run.deployments).toEqual([
      expect.objectContaining({
        service: 'cbi-api',
        taskDefinitionArn: arn('cbi-api', 3),
        previousTaskDefinitionArn: arn('cbi-api', 2),
        deploymentId: expect.stringMatching(/^ecs-svc\/\d{19}$/),
        status: 'succeeded',
      }),
    ]);
    expect(sb.calls.count('RegisterTaskDefinition')).toBe(1);
    const updates = sb.calls.of('UpdateService');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.input).not.toHaveProperty('desiredCount');
    // Progress: one line per change, far fewer than the polls.
    const polls = sb.calls.count('DescribeServices');
    const progress = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('cbi-api: ') && l.includes(' running, '));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(polls);
    expect(new Set(progress).size).toBe(progress.length);
    // Summary: table with previous -> new, image, status; mermaid timeline.
    expect(run.summary).toContain('cbi-api:2 → cbi-api:3');
    expect(run.summary).toContain(`api=${image('42c3e4a')}`);
    expect(run.summary).toContain('```mermaid');
    expect(run.errors).toEqual([]);

    sb.calls.clear();
    const again = await deploy(sb, { services: 'cbi-api', images: `api=${image('42c3e4a')}` });
    expect(again.outputs.status).toBe('unchanged');
    expect(again.warnings.join('\n')).toContain('nothing was deployed');
    expect(again.outputs['task-definition-arn']).toBe(arn('cbi-api', 3));
    expect(sb.calls.count('RegisterTaskDefinition')).toBe(0);
    expect(sb.calls.mutating()).toEqual([]);
    expect(again.stdout).toContain('already runs cbi-api:3');
  });

  it('fails within one poll of the circuit breaker, before the rollback, naming the cause', async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('crash')}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    const failed = sb.state.ecsServices.services
      .find((s) => s.name === 'cbi-api')!
      .history.find((d) => d.rolloutState === 'FAILED')!;
    const failedAt = failed.failedAt!;
    // finishedAt is set when ECS's rollback completes (ROLLBACK_SUCCESSFUL).
    const rollbackDone = failed.finishedAt ?? Infinity;
    const polls = sb.calls.of('DescribeServices');
    // The verdict came from the first poll after FAILED, and no poll waited for the rollback.
    // At most one: the poll that arrived just before FAILED may have had its
    // DescribeServiceDeployments answered after it (ROLLBACK_IN_PROGRESS), which is the verdict.
    expect(polls.filter((c) => c.at >= failedAt).length).toBeLessThanOrEqual(1);
    expect(sb.calls.all().every((c) => c.at < rollbackDone)).toBe(true);
    // ECS rolls back by itself: the action restores nothing.
    expect(sb.calls.count('UpdateService')).toBe(1);
    const text = run.errors.join('\n');
    expect(text).toContain('ECS deployment circuit breaker: tasks failed to start');
    expect(text).toMatch(/3 tasks of the new revision failed/);
    expect(text).toMatch(
      /Task [0-9a-f]{32} stopped .*Essential container in task exited; api: exit code 1/,
    );
    expect(text).toContain('deployment failed: tasks failed to start');
    expect(text).toContain('ECS is rolling back to cbi-api:2');
    expect(run.summary).toContain('why it failed');
    expect(run.stdout).toMatch(/::error[^:]*::.*FAILED/);
  });

  it("a crashing rollout's summary shows each cause once, the containers' last log lines and console links", async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('crash')}` });
    expect(run.outputs.status).toBe('failed');
    // The stopped tasks share one cause: one line, with how many tasks.
    const stoppedLines = run.summary.split('\n').filter((l) => /Task [0-9a-f]{32} stopped/.test(l));
    expect(stoppedLines).toHaveLength(1);
    expect(stoppedLines[0]).toMatch(
      /Essential container in task exited; api: exit code 1 \([2-9]\d* tasks\)$/,
    );
    // The crashed container's last lines, read from its awslogs stream, in a details block.
    expect(run.summary).toMatch(/<summary>[^<]*api in task [0-9a-f]{32} \(exit 1\)/);
    expect(run.summary).toContain("Traceback (most recent call last):\nKeyError: 'DATABASE_URL'");
    const reads = sb.calls.of('GetLogEvents');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(3);
    // Log lines are not annotations.
    expect(run.errors.join('\n')).not.toContain('DATABASE_URL');
    expect(run.summary).toContain(
      'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/cbi-production/services/cbi-api/deployments?region=us-east-1',
    );
    expect(run.summary).toMatch(
      /\[task [0-9a-f]{32}\]\(https:\/\/us-east-1\.console\.aws\.amazon\.com\/ecs\/v2\/clusters\/cbi-production\/tasks\/[0-9a-f]{32}\/configuration\?region=us-east-1\)/,
    );
  });

  it("names an OOM kill's exit code and reason", async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('oom')}` });
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toContain(
      'api: exit code 137 (OutOfMemoryError: Container killed due to memory usage)',
    );
  });

  it('names CannotPullContainerError for tasks that never start', async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('pull')}` });
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toMatch(/\[TaskFailedToStart\]: CannotPullContainerError/);
  });

  it('reports a rollback it only sees afterwards as rolled-back, never success', async () => {
    const frozen = await sandbox();
    sb = frozen;
    // Sandbox time stops at UpdateService, so the wait's first DescribeServices sees the rollout
    // under way however late a loaded machine lets it come; as it is answered, time jumps 90
    // scenario seconds: the rollout FAILED (at 20 s) and its rollback finished (at 60 s) with no
    // answer ever showing the moments between (at 0.02 of real time with polls 2 s apart, a late
    // first poll could land after the failure and see the rollback under way).
    let phase: 'before' | 'frozen' | 'jumped' = 'before';
    sb.calls.onCall((call) => {
      if (phase === 'before' && call.operation === 'UpdateService') {
        frozen.clock.freeze();
        phase = 'frozen';
      } else if (
        phase === 'frozen' &&
        call.operation === 'DescribeServices' &&
        call.status === 200
      ) {
        frozen.clock.advance(90);
        frozen.clock.unfreeze();
        phase = 'jumped';
      }
    });
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('crash')}` });
    expect(phase).toBe('jumped');
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.deployments[0]!.status).toBe('rolled-back');
    expect(run.errors.join('\n')).toContain('rolled back to cbi-api:2');
    expect(sb.calls.count('UpdateService')).toBe(1);
  });

  it('fails when someone else deploys the service meanwhile, and says so', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      cluster: 'alerting-platform-prod-cluster',
      services: 'evaluator',
      images: `evaluator=${REGISTRY}/alerting-platform/evaluator:1.6.0`,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toMatch(
      /another deployment \(ecs-svc\/\d+, evaluator:2, .*someone else/,
    );
    expect(sb.calls.count('UpdateService')).toBe(1);
  });

  it('times out without rollback-on-failure and leaves the deployment alone', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      services: 'cbi-worker',
      images: `worker=${image('hang')}`,
      'timeout-minutes': '0.01',
      'rollback-on-failure': 'false',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(run.errors.join('\n')).toMatch(
      /did not finish within 0\.6s \(last seen 0\/2 running, 2 pending/,
    );
    expect(sb.calls.count('UpdateService')).toBe(1);
  });

  it('times out with rollback-on-failure: rolls the service deployment back (no second UpdateService), still fails', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      services: 'cbi-worker',
      images: `worker=${image('hang')}`,
      'timeout-minutes': '0.01',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(sb.calls.count('UpdateService')).toBe(1);
    const stops = sb.calls.of('StopServiceDeployment');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.input).toMatchObject({ stopType: 'ROLLBACK' });
    expect(run.deployments[0]).toMatchObject({
      restore: 'restored',
      restoredTaskDefinitionArn: arn('cbi-worker', 1),
    });
    expect(run.log).toContain('ROLLBACK_SUCCESSFUL');
    const svc = sb.state.ecsServices.services.find((s) => s.name === 'cbi-worker')!;
    expect(svc.deployments.map((d) => d.taskDefinition.taskDefinitionArn)).toEqual([
      arn('cbi-worker', 1),
    ]);
  });

  it('without a service deployment (API refused) restores the previous revision with UpdateService', async () => {
    sb = await sandbox({
      ...rollingDeploy,
      ecsServices: {
        ...rollingDeploy.ecsServices!,
        deniedOperations: ['ListServiceDeployments', 'DescribeServiceDeployments'],
      },
    });
    const run = await deploy(sb, {
      services: 'cbi-worker',
      images: `worker=${image('hang')}`,
      'timeout-minutes': '0.01',
    });
    expect(run.outputs.status).toBe('timed-out');
    expect(run.warnings.join('\n')).toContain('judging deployment');
    const updates = sb.calls.of('UpdateService');
    expect(updates).toHaveLength(2);
    expect(updates[1]!.input).toMatchObject({ taskDefinition: arn('cbi-worker', 1) });
    expect(run.log).toContain('rollback-on-failure restored cbi-worker:1');
  });

  it('restores the previous revision itself when the circuit breaker has rollback off', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      services: 'cbi-dashboard',
      images: `dashboard=${image('crash')}`,
    });
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toContain('ECS is not rolling back');
    // ECS stopped the service deployment without rolling back: StopServiceDeployment cannot undo
    // a STOPPED deployment, so the previous revision is put back with UpdateService.
    expect(sb.calls.of('StopServiceDeployment')[0]!.input).toMatchObject({ stopType: 'ROLLBACK' });
    const updates = sb.calls.of('UpdateService');
    expect(updates).toHaveLength(2);
    expect(updates[1]!.input).toMatchObject({ taskDefinition: arn('cbi-dashboard', 1) });
    expect(run.deployments[0]).toMatchObject({ status: 'failed', restore: 'restored' });
  });

  it('a torn poll (the service before the circuit breaker, its service deployment after) is not called a stop by someone else', async () => {
    const torn = await sandbox();
    sb = torn;
    // Time stops at UpdateService. The first poll's DescribeServices is answered in frozen time
    // (rollout in progress); as it is, time jumps past the breaker (20 s), and the same poll's
    // DescribeServiceDeployments, held 1 s by a latency fault, answers STOPPED: one snapshot
    // made of two moments, as a stall between the two calls makes it against AWS.
    let phase: 'before' | 'frozen' | 'linked' | 'torn' = 'before';
    torn.calls.onCall((call) => {
      if (phase === 'before' && call.operation === 'UpdateService') {
        torn.clock.freeze();
        phase = 'frozen';
      } else if (phase === 'frozen' && call.operation === 'DescribeServiceDeployments') {
        // The link check; the next one is the first poll's.
        torn.faults.add({
          operation: 'DescribeServiceDeployments',
          kind: 'latency',
          latencyMs: 1000,
        });
        phase = 'linked';
      } else if (phase === 'linked' && call.operation === 'DescribeServices') {
        torn.clock.advance(30);
        torn.clock.unfreeze();
        phase = 'torn';
      }
    });
    const run = await deploy(sb, {
      services: 'cbi-dashboard',
      images: `dashboard=${image('crash')}`,
    });
    expect(phase).toBe('torn');
    expect(
      sb.calls.of('DescribeServiceDeployments').filter((c) => c.fault === 'latency'),
    ).toHaveLength(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toContain('ECS is not rolling back');
    expect(run.log).not.toContain('stopped by someone else');
    expect(run.deployments[0]).toMatchObject({ status: 'failed', restore: 'restored' });
  });

  it('judges a service without rolloutState by stable counts (EC2, classic load balancer)', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      cluster: 'alerting-platform-prod-cluster',
      services: 'rule-service',
      images: `rule-service=${REGISTRY}/alerting-platform/rule-service:1.5.0`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.stdout).toContain('no rollout state');
    expect(run.stdout).toContain('is the only one and stable at 2/2 running');
  });

  it('deploys an EC2 service without touching its desired count', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      cluster: 'alerting-platform-prod-cluster',
      services: 'rule-updater',
      images: `rule-updater=${REGISTRY}/alerting-platform/rule-updater:1.5.0`,
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.stdout).toContain('EC2');
    const [update] = sb.calls.of('UpdateService');
    expect(update!.input).not.toHaveProperty('desiredCount');
    expect(sb.state.ecsServices.services.find((s) => s.name === 'rule-updater')!.desiredCount).toBe(
      1,
    );
  });

  it('deploys two services in parallel, polls them together, and fails when one fails', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      services: 'cbi-api\ncbi-worker',
      images: `api=${image('42c3e4a')}\nworker=${image('crash')}`,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.deployments.map((d) => [d.service, d.status])).toEqual([
      ['cbi-api', 'succeeded'],
      ['cbi-worker', 'failed'],
    ]);
    expect(run.outputs['task-definition-arn']).toBe(
      `${arn('cbi-api', 3)}\n${arn('cbi-worker', 2)}`,
    );
    // Both services in every poll while both were waiting: one call per poll, not one per service.
    const polls = sb.calls
      .of('DescribeServices')
      .map((c) => (c.input as { services: string[] }).services);
    expect(polls.some((services) => services.length === 2)).toBe(true);
    expect(run.errors.join('\n')).toContain('1 of 2 services did not deploy');
  });

  it('rolls back a cancelled deployment before SIGTERM, and says so', async () => {
    sb = await sandbox();
    const run = await deploy(
      sb,
      { services: 'cbi-worker', images: `worker=${image('hang')}`, 'timeout-minutes': '0.5' },
      { signals: [{ signal: 'SIGINT', afterMs: 1500 }] },
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toMatch(
      /cancelled while deployment ecs-svc\/\d+ was in progress.*rolling it back before the runner stops the step/,
    );
    expect(run.log).toContain("StopServiceDeployment(ROLLBACK) before the runner's SIGTERM");
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(sb.calls.of('StopServiceDeployment')[0]!.input).toMatchObject({ stopType: 'ROLLBACK' });
  });
});

describe('ecs-deploy AWS failures told for people', () => {
  it('an UpdateService denied names the action and resource and says the service was not changed', async () => {
    sb = await sandbox();
    const resource = 'arn:aws:ecs:us-east-1:123456789012:service/cbi-production/cbi-worker';
    sb.faults.add({
      operation: 'UpdateService',
      kind: 'error',
      error: {
        code: 'AccessDeniedException',
        message: `User: arn:aws:sts::123456789012:assumed-role/cbi-deploy/gh is not authorized to perform: ecs:UpdateService on resource: ${resource} because no identity-based policy allows the ecs:UpdateService action`,
      },
    });
    const run = await deploy(sb, { services: 'cbi-worker', images: `worker=${image('43d4e5f')}` });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    const told = `${run.log}\n${run.errors.join('\n')}\n${run.summary}`;
    expect(told).toContain(
      `cbi-worker: UpdateService to cbi-worker:2 failed: AWS denied ecs:UpdateService on ${resource} to arn:aws:sts::123456789012:assumed-role/cbi-deploy/gh`,
    );
    expect(told).toContain(
      'Add ecs:UpdateService on ' + resource + " to the deploying role's policy",
    );
    expect(told).toContain(
      'Production was not changed for cbi-worker: it still runs cbi-worker:1.',
    );
    expect(sb.calls.count('UpdateService')).toBe(1);
  });
});
