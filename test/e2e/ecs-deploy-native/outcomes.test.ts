/**
 * ecs-deploy on ECS-native deployments (BLUE_GREEN, LINEAR, CANARY), the real bundle against the
 * sandbox: judged by the service deployment, within the strategy's budget, undone with
 * StopServiceDeployment(ROLLBACK) and never with a second UpdateService.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../../sandbox/index.js';
import { DescribeServicesCommand, type ServiceEvent } from '@aws-sdk/client-ecs';
import { NATIVE_CLUSTER, NATIVE_SERVICES } from '../../../sandbox/scenarios/native-deploy.js';
import { ecsClient } from '../sandbox/clients.js';
import {
  IMAGE,
  arnsOf,
  deploy,
  nativeSandbox,
  pollTimes,
  pollsSince,
  serviceDeployment,
  stampedLines,
} from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const POLL_MS = 100;
/**
 * Slack for a poll delayed by a loaded machine (the suite runs several files at once on two
 * cores). "Within one poll" itself is asserted by counting polls (`pollsSince`).
 */
const STALL_MS = 3000;

/** The service event the sandbox wrote when the PAUSE hook `hookId` began AWAITING_ACTION. */
async function pauseEvent(s: Sandbox, hookId: string): Promise<ServiceEvent> {
  const out = await ecsClient(s).send(
    new DescribeServicesCommand({ cluster: NATIVE_CLUSTER, services: ['langgraph-api-gated'] }),
  );
  const events = out.services![0]!.events!.filter((e) =>
    e.message!.includes(`hook ${hookId} awaits action`),
  );
  expect(events).toHaveLength(1);
  return events[0]!;
}

/**
 * The lifecycle stages the sandbox played for `service`, from its service events: each stage
 * from the moment it began to the moment the next one did.
 */
async function stageWindows(
  s: Sandbox,
  service: string,
): Promise<{ stage: string; from: number; to: number }[]> {
  const out = await ecsClient(s).send(
    new DescribeServicesCommand({ cluster: NATIVE_CLUSTER, services: [service] }),
  );
  const marks = out
    .services![0]!.events!.map((e) => ({
      stage: /\blifecycle stage ([A-Z_]+)/.exec(e.message ?? '')?.[1],
      at: e.createdAt!.getTime(),
    }))
    .filter((m): m is { stage: string; at: number } => m.stage !== undefined)
    .sort((a, b) => a.at - b.at)
    .filter((m, i, all) => i === 0 || all[i - 1]!.stage !== m.stage);
  return marks.map((m, i) => ({ stage: m.stage, from: m.at, to: marks[i + 1]?.at ?? Infinity }));
}

describe('ecs-deploy native outcomes', () => {
  it('blue/green with bake succeeds only after SUCCESSFUL, within one poll of it', async () => {
    sb = await nativeSandbox({}, 0.02); // 316 scenario seconds: 6.3 s, every stage seen
    const run = await deploy(sb, {
      services: 'langgraph-api-bluegreen',
      images: `app=${IMAGE}:1.5.0`,
      'timeout-minutes': '1',
    });
    const polls = pollTimes(sb);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.log).toMatch(
      /langgraph-api-bluegreen: wait budget 6m \(timeout-minutes 1m \+ bake time 5m\)/,
    );
    // One line per change of stage, in the order the sandbox played them. A short stage (6 s of
    // SCALE_UP are 120 ms here) may fall between two polls, the more so on a loaded machine; a
    // stage of 2 s or more (the 5-minute bake, the clean-up that ends it) cannot.
    const windows = await stageWindows(sb, 'langgraph-api-bluegreen');
    const played = windows.map((w) => w.stage);
    expect(played).toEqual(expect.arrayContaining(['SCALE_UP', 'BAKE_TIME', 'CLEAN_UP']));
    const logged = [
      ...run.log.matchAll(/^langgraph-api-bluegreen: lifecycle stage ([A-Z_]+)$/gm),
    ].map((m) => m[1]!);
    expect(logged).toEqual(played.filter((stage) => logged.includes(stage)));
    for (const w of windows.filter((w) => w.to - w.from >= 2000)) expect(logged).toContain(w.stage);
    expect(run.log).toContain('production traffic 100% on the new revision');
    const arn = arnsOf(run).get('langgraph-api-bluegreen')!;
    const sd = await serviceDeployment(sb, arn);
    expect(sd.status).toBe('SUCCESSFUL');
    const verdictAt = polls.at(-1)!;
    expect(verdictAt).toBeGreaterThanOrEqual(sd.finishedAt!.getTime());
    // The first poll after SUCCESSFUL gave the verdict.
    expect(pollsSince(polls, sd.finishedAt!.getTime())).toBe(1);
    expect(verdictAt - sd.finishedAt!.getTime()).toBeLessThanOrEqual(POLL_MS + STALL_MS);
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(run.summary).toContain('BAKE_TIME');
    expect(run.summary).toContain(
      'console.aws.amazon.com/ecs/v2/clusters/langgraph-production-cluster/services/langgraph-api-bluegreen/deployments/',
    );
  });

  it('a linear rollout longer than timeout-minutes succeeds within its budget with one UpdateService', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: 'langgraph-api-linear',
      images: `app=${IMAGE}:1.5.0`,
      'timeout-minutes': '0.02',
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.log).toMatch(
      /wait budget 54m 1s \(timeout-minutes 1s \+ 9 linear steps × 6m step bake 54m\)/,
    );
    expect(run.log).toContain('production traffic 50% on the new revision');
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('blue/green behind an NLB: longer than timeout-minutes, within the budget with its NLB delays', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: 'langgraph-api-nlb',
      images: `app=${IMAGE}:1.5.0`,
      'timeout-minutes': '0.02',
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.log).toMatch(
      /langgraph-api-nlb: wait budget 20m 1s \(timeout-minutes 1s \+ NLB traffic-shift delays 20m\)/,
    );
    const sd = await serviceDeployment(sb, arnsOf(run).get('langgraph-api-nlb')!);
    expect(sd.status).toBe('SUCCESSFUL');
    // The sandbox played both 10-minute delays: the rollout outlasted timeout-minutes (1.2 s).
    expect(sd.finishedAt!.getTime() - sd.createdAt!.getTime()).toBeGreaterThan(1200);
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('a canary alarm rollback fails within one poll of the alarm and names it', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: 'langgraph-api-canary',
      images: `app=${IMAGE}:alarm`,
    });
    const polls = pollTimes(sb);
    expect(run.exitCode).toBe(1);
    // ROLLBACK_IN_PROGRESS (failed) or, when the rollback ended between two polls, rolled-back.
    expect(['failed', 'rolled-back']).toContain(run.outputs.status);
    expect(run.errors.join('\n')).toMatch(/alarm alb-5xx-errors triggered/);
    expect(run.errors.join('\n')).toMatch(
      /(ECS is rolling back|was rolled back) to langgraph-api-canary:1/,
    );
    const sd = await serviceDeployment(sb, arnsOf(run).get('langgraph-api-canary')!);
    const alarmAt = sd.rollback!.startedAt!.getTime();
    expect(polls.at(-1)!).toBeGreaterThanOrEqual(alarmAt);
    expect(pollsSince(polls, alarmAt)).toBe(1);
    expect(polls.at(-1)! - alarmAt).toBeLessThanOrEqual(POLL_MS + STALL_MS);
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('a deployment stuck past its budget is stopped with ROLLBACK, never a second UpdateService', async () => {
    const quick = NATIVE_SERVICES.find((s) => s.name === 'langgraph-api-bluegreen')!;
    sb = await nativeSandbox({ services: [{ ...quick, bakeTimeInMinutes: 0 }] });
    const run = await deploy(sb, {
      services: 'langgraph-api-bluegreen',
      images: `app=${IMAGE}:hang`,
      'timeout-minutes': '0.03',
    });
    expect(run.outputs.status).toBe('timed-out');
    const stops = sb.calls.of('StopServiceDeployment');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.input).toMatchObject({ stopType: 'ROLLBACK' });
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(run.deployments[0]).toMatchObject({ status: 'timed-out', restore: 'restored' });
    expect(run.log).toContain('ROLLBACK_SUCCESSFUL');
  });

  it('ROLLBACK_FAILED says production may run both revisions and what to do', async () => {
    // The rollback fails at once (0 s), so the first poll after the alarm sees ROLLBACK_FAILED.
    const canary = NATIVE_SERVICES.find((s) => s.name === 'langgraph-api-canary')!;
    sb = await nativeSandbox({
      services: [
        {
          ...canary,
          rollouts: [
            {
              image: ':rollback-fails',
              rollout: {
                tasks: 'healthy',
                native: {
                  alarm: { name: 'alb-5xx-errors', afterSeconds: 120 },
                  rollback: { outcome: 'ROLLBACK_FAILED', seconds: 0 },
                },
              },
            },
          ],
        },
      ],
    });
    const run = await deploy(sb, {
      services: 'langgraph-api-canary',
      images: `app=${IMAGE}:rollback-fails`,
    });
    expect(run.outputs.status).toBe('failed');
    const errors = run.errors.join('\n');
    expect(errors).toMatch(/alarm alb-5xx-errors triggered/);
    expect(errors).toContain("ECS's rollback to langgraph-api-canary:1 FAILED too");
    expect(errors).toContain('production may be running both langgraph-api-canary:2');
    expect(errors).toContain('deploy the revision you want to run');
    expect(sb.calls.count('UpdateService')).toBe(1);
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('STOPPED by someone else gets its own message', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: 'langgraph-api-bluegreen',
      images: `app=${IMAGE}:stopped`,
    });
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toMatch(/was stopped by someone else/);
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('the service deployments API refused: falls back to DescribeServices with a warning', async () => {
    sb = await nativeSandbox({
      deniedOperations: ['ListServiceDeployments', 'DescribeServiceDeployments'],
    });
    const run = await deploy(sb, {
      services: 'langgraph-worker',
      images: `app=${IMAGE}:1.5.0`,
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.warnings.join('\n')).toMatch(
      /judging deployment ecs-svc\/\d+ from DescribeServices: no service deployment to follow \(the service deployments API was refused \(AccessDeniedException/,
    );
  });

  it('a rolling service still fails within one poll of a circuit-breaker trip', async () => {
    sb = await nativeSandbox({}, 0.02); // FAILED at 0.4 s, rolled back 0.8 s later
    const run = await deploy(sb, {
      services: 'langgraph-worker',
      images: `app=${IMAGE}:crash`,
    });
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toMatch(/circuit breaker/);
    expect(sb.calls.count('UpdateService')).toBe(1);
  });
});

describe('ecs-deploy PAUSE hooks, hook-action and cancellation', () => {
  it('reports a PAUSE hook within one poll, leaves it paused, and hook-action continue completes it', async () => {
    // The pause begins 11 scenario seconds in (110 ms): after the bundle's first polls.
    sb = await nativeSandbox({}, 0.01);
    const output = stampedLines(sb);
    const run = await deploy(
      sb,
      { services: 'langgraph-api-gated', images: `app=${IMAGE}:1.5.0` },
      { onOutput: output.onOutput },
    );
    const polls = pollTimes(sb);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('paused');
    const hooks = JSON.parse(run.outputs['paused-hooks']!) as Record<string, string>[];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      service: 'langgraph-api-gated',
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      hookId: expect.stringMatching(/^ecs-pause-/),
    });
    expect(run.log).toContain(`PAUSE hook ${hooks[0]!.hookId} is awaiting action`);
    // Reported by the first poll after the sandbox put the hook in AWAITING_ACTION.
    const pausedAt = (await pauseEvent(sb, hooks[0]!.hookId!)).createdAt!.getTime();
    const reported = output.lines.find((l) =>
      l.line.includes(`PAUSE hook ${hooks[0]!.hookId} is awaiting action`),
    )!;
    expect(reported.at).toBeGreaterThanOrEqual(pausedAt);
    expect(pollsSince(polls, pausedAt)).toBe(1);
    expect(reported.at - pausedAt).toBeLessThanOrEqual(POLL_MS + STALL_MS);
    expect(run.summary).toContain(hooks[0]!.hookId);
    const arn = arnsOf(run).get('langgraph-api-gated')!;
    const paused = await serviceDeployment(sb, arn);
    expect(paused.status).toBe('IN_PROGRESS');
    expect(paused.lifecycleHookDetails![0]!.status).toBe('AWAITING_ACTION');
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);

    sb.calls.clear();
    const resumed = await deploy(sb, {
      services: 'langgraph-api-gated',
      'hook-action': 'continue',
      'service-deployment-arns': run.outputs['service-deployment-arns']!,
    });
    expect(resumed.outputs.status).toBe('succeeded');
    const continued = sb.calls.of('ContinueServiceDeployment');
    expect(continued).toHaveLength(1);
    expect(continued[0]!.input).toMatchObject({
      serviceDeploymentArn: arn,
      hookId: hooks[0]!.hookId,
      action: 'CONTINUE',
    });
    expect(sb.calls.count('UpdateService')).toBe(0);
    expect(sb.calls.count('RegisterTaskDefinition')).toBe(0);
    expect((await serviceDeployment(sb, arn)).status).toBe('SUCCESSFUL');
  });

  it('hook-action rollback rolls a paused deployment back', async () => {
    sb = await nativeSandbox();
    const run = await deploy(sb, {
      services: 'langgraph-api-gated',
      images: `app=${IMAGE}:1.5.0`,
    });
    expect(run.outputs.status).toBe('paused');
    const arn = arnsOf(run).get('langgraph-api-gated')!;
    const back = await deploy(sb, {
      services: 'langgraph-api-gated',
      'hook-action': 'rollback',
      'service-deployment-arns': `langgraph-api-gated=${arn}`,
    });
    expect(sb.calls.of('ContinueServiceDeployment')[0]!.input).toMatchObject({
      serviceDeploymentArn: arn,
      action: 'ROLLBACK',
    });
    // Followed to ECS's end of it (ROLLBACK_SUCCESSFUL), not judged at ROLLBACK_IN_PROGRESS (a
    // rollback that ended before the first poll is only ever seen at its end).
    if (back.log.includes('status ROLLBACK_IN_PROGRESS'))
      expect(back.log).toContain('following the rollback to its end');
    // Each reason once, though ECS's statusReason repeats the rollback reason.
    const verdict = back.log.split('\n').find((l) => l.includes('was rolled back to'))!;
    expect(verdict.split('ContinueServiceDeployment rolled the deployment back').length).toBe(2);
    expect(back.log).toMatch(
      /was rolled back to langgraph-api-gated:1: .*; langgraph-api-gated:2 is not serving/,
    );
    expect(back.outputs.status).toBe('rolled-back');
    expect(back.exitCode).toBe(1);
    expect((await serviceDeployment(sb, arn)).status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
    expect(sb.calls.count('UpdateService')).toBe(1);
  });

  it('on-pause: wait keeps waiting within the budget and says so', async () => {
    const gated = NATIVE_SERVICES.find((s) => s.name === 'langgraph-api-gated')!;
    const quick = {
      ...gated,
      bakeTimeInMinutes: 0,
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 0 },
    };
    sb = await nativeSandbox({ services: [quick] });
    const run = await deploy(sb, {
      services: 'langgraph-api-gated',
      images: `app=${IMAGE}:1.5.0`,
      'on-pause': 'wait',
      'timeout-minutes': '0.02',
      'rollback-on-failure': 'false',
    });
    expect(run.log).toMatch(
      /PAUSE hook ecs-pause-\S+ is awaiting action .*waiting \(on-pause: wait\)/,
    );
    // The hook's own expiry (a day) never extends the budget: timed out, and left as it is.
    expect(run.outputs.status).toBe('timed-out');
    expect(run.log).toContain('left as it is (rollback-on-failure: false)');
    expect(sb.calls.count('StopServiceDeployment')).toBe(0);
  });

  it('SIGINT mid-shift rolls the deployment back before SIGTERM and says so', async () => {
    sb = await nativeSandbox();
    const run = await deploy(
      sb,
      { services: 'langgraph-api-linear', images: `app=${IMAGE}:1.5.0` },
      {
        signals: [
          { signal: 'SIGINT', afterMs: 3500 },
          // As the runner does: SIGTERM 7.5 s later. The step must be done by then.
          { signal: 'SIGTERM', afterMs: 11_000 },
        ],
      },
    );
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.log).toContain('ROLLBACK_SUCCESSFUL');
    expect(run.outputs.status).toBe('failed');
    expect(run.log).toMatch(/production traffic \d+% on the new revision/);
    expect(run.log).toContain("StopServiceDeployment(ROLLBACK) before the runner's SIGTERM");
    const stops = sb.calls.of('StopServiceDeployment');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.input).toMatchObject({ stopType: 'ROLLBACK' });
    const sd = await serviceDeployment(sb, arnsOf(run).get('langgraph-api-linear')!);
    expect(sd.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sb.calls.count('UpdateService')).toBe(1);
  });
});
