/**
 * deployBlueGreen with a real CodeDeploy client against the sandbox's CodeDeploy timelines:
 * canary and linear success, hook failure, alarm stop, our timeout and a cancellation (each rolled
 * back with the cause named), rollback-on-failure false, and a group busy with another deployment.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { CreateDeploymentCommandInput } from '@aws-sdk/client-codedeploy';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { Service } from '@aws-sdk/client-ecs';
import { startSandbox, type FaultSpec, type Sandbox } from '../../../sandbox/index.js';
import {
  BG_CLUSTER,
  BG_LINEAR_CONFIG,
  BG_SERVICE,
  bgGroup,
  bluegreenScenario,
} from '../../../sandbox/scenarios/bluegreen-langgraph.js';
import { greenPercentAt } from '../../../sandbox/codedeploy/configs.js';
import type { DeploymentScript } from '../../../sandbox/codedeploy/scenario.js';
import { codedeployState } from '../../../sandbox/codedeploy/state.js';
import { deployBlueGreen } from '../../../src/ecs-deploy/codedeploy/deploy.js';
import {
  prepareBlueGreen,
  validateBlueGreenInputs,
} from '../../../src/ecs-deploy/codedeploy/plan.js';
import { blueGreenOptions } from '../../../src/ecs-deploy/codedeploy-loader.js';
import type { CodeDeployOutputEntry, Inputs } from '../../../src/ecs-deploy/types.js';

const createInput = (s: Sandbox, i = 0): CreateDeploymentCommandInput =>
  s.calls.of('CreateDeployment')[i]!.input as CreateDeploymentCommandInput;

const NEW = 'arn:aws:ecs:us-east-1:123456789012:task-definition/langgraph-api:1';
const OLD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/langgraph-api:0';

const service: Service = {
  serviceName: BG_SERVICE,
  clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${BG_CLUSTER}`,
  deploymentController: { type: 'CODE_DEPLOY' },
  loadBalancers: [{ targetGroupArn: 'arn:tg', containerName: 'app', containerPort: 8000 }],
};

const inputs = (over: Partial<Inputs> = {}): Inputs => ({
  cluster: BG_CLUSTER,
  services: [BG_SERVICE],
  images: new Map(),
  strategy: 'auto',
  wait: true,
  timeoutMs: 60_000,
  pollIntervalMs: 30,
  'rollback-on-failure': true,
  'on-pause': 'stop',
  'force-new-deployment': false,
  'dry-run': false,
  'allow-family-change': false,
  ...over,
});

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function run(
  script: DeploymentScript,
  over: Partial<Inputs> = {},
  opts: {
    timeScale?: number;
    group?: Partial<typeof bgGroup>;
    abortWhen?: RegExp;
    faults?: FaultSpec[];
  } = {},
) {
  sandbox = await startSandbox(
    bluegreenScenario(script, { groups: [{ ...bgGroup, ...opts.group }] }),
    { timeScale: opts.timeScale ?? 0.002 },
  );
  for (const fault of opts.faults ?? []) sandbox.faults.add(fault);
  const client = new CodeDeployClient({
    endpoint: sandbox.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIASANDBOX', secretAccessKey: 'secret' },
  });
  const lines: string[] = [];
  const controller = new AbortController();
  const i = inputs(over);
  const validated = validateBlueGreenInputs(i);
  const plan = await prepareBlueGreen(client, { cluster: BG_CLUSTER, service, validated });
  const result = await deployBlueGreen(
    {
      cluster: BG_CLUSTER,
      service,
      taskDefinitionArn: NEW,
      previousTaskDefinitionArn: OLD,
      options: blueGreenOptions(i),
      signal: controller.signal,
      log: (line) => {
        lines.push(line);
        if (opts.abortWhen?.test(line) && !controller.signal.aborted)
          controller.abort({ signalName: 'SIGINT' });
      },
      deadline: Date.now() + i.timeoutMs,
    },
    plan,
    { client },
  );
  client.destroy();
  const outputs: CodeDeployOutputEntry[] = result.codedeploy ? [result.codedeploy] : [];
  return { result, lines, outputs, sandbox };
}

describe('blue/green against the sandbox', () => {
  it('canary 10% for 5 minutes succeeds through every lifecycle event and the termination wait', async () => {
    const { result, lines, outputs, sandbox: sb } = await run({}, { pollIntervalMs: 20 });
    expect(result.status).toBe('succeeded');
    expect(result.causes).toEqual([]);
    expect(result.deploymentId).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(lines).toContain('production traffic 10% replacement / 90% original');
    expect(lines).toContain('production traffic 100% replacement / 0% original');
    expect(lines).toContain('traffic shifted; waiting to terminate the original task set');
    const create = createInput(sb);
    expect(create.applicationName).toBe('langgraph-production');
    expect(create.deploymentGroupName).toBe('langgraph-production-api');
    expect(create.deploymentConfigName).toBeUndefined();
    expect(create.autoRollbackConfiguration).toEqual({
      enabled: true,
      events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'],
    });
    expect(
      JSON.parse(create.revision!.appSpecContent!.content!).Resources[0].TargetService.Properties
        .TaskDefinition,
    ).toBe(NEW);
    expect(sb.calls.count('StopDeployment')).toBe(0);
    expect(result.phases.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'Install',
        'AllowTraffic',
        'traffic 10%',
        'traffic 100%',
        'termination wait',
      ]),
    );
    expect(outputs[0]!.lifecycleEvents.map((e) => e.name)).toEqual([
      'BeforeInstall',
      'Install',
      'AfterInstall',
      'BeforeAllowTestTraffic',
      'AllowTestTraffic',
      'AfterAllowTestTraffic',
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
    expect(outputs[0]!.lifecycleEvents.every((e) => e.status === 'Succeeded')).toBe(true);
  });

  it('linear 10% every 5 minutes (override) shifts in ten steps', async () => {
    const {
      result,
      lines,
      sandbox: sb,
    } = await run(
      {},
      { 'codedeploy-deployment-config': BG_LINEAR_CONFIG, pollIntervalMs: 20 },
      { timeScale: 0.0005, group: { terminationWaitMinutes: 0 } },
    );
    expect(result.status).toBe('succeeded');
    expect(createInput(sb).deploymentConfigName).toBe(BG_LINEAR_CONFIG);
    // The ten steps are the deployment's own routing, as the sandbox plays it back: 10 % more
    // every 5 minutes.
    const [record] = [...codedeployState(sb.context).deployments.values()];
    const played = Array.from({ length: 10 }, (_, i) => greenPercentAt(record!.routing, i * 5));
    expect(played).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    // The action reports what its polls saw: under load a poll may miss a step, so only the
    // order and the end are certain.
    const seen = lines
      .filter((l) => l.startsWith('production traffic'))
      .map((l) => Number(/(\d+)%/.exec(l)![1]));
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((p) => played.includes(p))).toBe(true);
    expect(seen[seen.length - 1]).toBe(100);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('a failed hook ends rolled back, naming the event and its diagnostics', async () => {
    const { result, sandbox: sb } = await run(
      {
        failEvent: {
          event: 'AfterAllowTestTraffic',
          message: 'GET /health on the test listener returned 503',
          logTail: 'smoke: 503 Service Unavailable',
        },
      },
      { pollIntervalMs: 20 },
    );
    expect(result.status).toBe('rolled-back');
    const text = result.causes.map((c) => `${c.title}: ${c.message}`).join('\n');
    expect(text).toContain('ECS_UPDATE_ERROR');
    expect(text).toContain('lifecycle event AfterAllowTestTraffic failed');
    expect(text).toContain('GET /health on the test listener returned 503');
    expect(text).toMatch(/rolled it back with deployment d-[A-Z0-9]+ \(Succeeded\)/);
    expect(sb.calls.count('StopDeployment')).toBe(0);
    expect(result.phases.some((p) => p.name.startsWith('rollback d-') && p.state === 'done')).toBe(
      true,
    );
  });

  it('an alarm stop ends rolled back with ALARM_ACTIVE named', async () => {
    const { result, lines } = await run(
      { alarm: { name: 'alb-5xx-errors', afterTrafficSeconds: 60 } },
      { pollIntervalMs: 20 },
    );
    expect(result.status).toBe('rolled-back');
    expect(result.message).toContain('stopped by an alarm');
    expect(result.causes[0]!.title).toBe('langgraph-api: CodeDeploy ALARM_ACTIVE');
    expect(result.causes[0]!.message).toContain('alb-5xx-errors');
    expect(lines.some((l) => l.startsWith('rollback: deployment d-'))).toBe(true);
  });

  it('our timeout stops the deployment with rollback and fails timed-out', async () => {
    const { result, sandbox: sb } = await run(
      { eventSeconds: 1e6 },
      { timeoutMs: 300, pollIntervalMs: 50 },
      {
        group: {
          deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
          terminationWaitMinutes: 0,
        },
      },
    );
    expect(result.status).toBe('timed-out');
    expect(sb.calls.of('StopDeployment').map((c) => c.input)).toEqual([
      { deploymentId: result.deploymentId, autoRollbackEnabled: true },
    ]);
    expect(result.restore?.outcome).toBe('restored');
    expect(result.restore?.taskDefinitionArn).toBe(OLD);
    expect(result.causes[0]!.title).toBe('langgraph-api: timed out');
    expect(result.causes.map((c) => c.message).join('\n')).toMatch(
      /rolled it back with deployment d-/,
    );
  });

  it('rollback-on-failure false: a timeout leaves the deployment alone', async () => {
    const { result, sandbox: sb } = await run(
      { eventSeconds: 1e6 },
      { timeoutMs: 200, pollIntervalMs: 50, 'rollback-on-failure': false },
      {
        group: {
          deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
          terminationWaitMinutes: 0,
        },
      },
    );
    expect(result.status).toBe('timed-out');
    expect(sb.calls.count('StopDeployment')).toBe(0);
    expect(createInput(sb).autoRollbackConfiguration).toBeUndefined();
  });

  it('a cancellation while traffic is shifting stops with rollback and names the signal', async () => {
    const { result, sandbox: sb } = await run(
      {},
      { pollIntervalMs: 20 },
      { abortWhen: /production traffic 10%/ },
    );
    expect(result.status).toBe('failed');
    expect(sb.calls.of('StopDeployment').map((c) => c.input)).toEqual([
      { deploymentId: result.deploymentId, autoRollbackEnabled: true },
    ]);
    expect(result.causes[0]!.message).toMatch(
      /cancelled \(SIGINT\) while deployment d-\w+ was InProgress, 10% of production traffic/,
    );
    expect(result.restore?.outcome).toBe('restored');
  });

  it('a stalled read never pairs a Created deployment with shifted traffic (consistent snapshot)', async () => {
    // 150 ms on ListDeploymentTargets is 75 scenario seconds: traffic shifts during the read.
    // Created for 40 ms, then traffic starts shifting a few ms later; the stalled first read
    // spans both.
    const { result } = await run(
      { startSeconds: 20, eventSeconds: 1, idleSeconds: 0.5 },
      { pollIntervalMs: 20 },
      {
        abortWhen: /production traffic 10%/,
        faults: [
          { operation: 'ListDeploymentTargets', kind: 'latency', latencyMs: 150, times: Infinity },
        ],
      },
    );
    expect(result.causes[0]!.message).toMatch(
      /cancelled \(SIGINT\) while deployment d-\w+ was InProgress, 10% of production traffic/,
    );
  });

  it('another active deployment of the group: say so and fail without following it', async () => {
    const first = await run({ eventSeconds: 1e6 }, { wait: false });
    expect(first.result.status).toBe('started');
    // a second deploy on the same sandbox
    const sb = first.sandbox;
    const client = new CodeDeployClient({
      endpoint: sb.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const i = inputs();
    const plan = await prepareBlueGreen(client, {
      cluster: BG_CLUSTER,
      service,
      validated: validateBlueGreenInputs(i),
    });
    const second = await deployBlueGreen(
      {
        cluster: BG_CLUSTER,
        service,
        taskDefinitionArn: NEW.replace(/:1$/, ':5'),
        previousTaskDefinitionArn: OLD,
        options: blueGreenOptions(i),
        signal: new AbortController().signal,
        log: () => {},
        deadline: Date.now() + 1000,
      },
      plan,
      { client },
    );
    client.destroy();
    expect(second.status).toBe('failed');
    expect(second.causes[0]!.message).toContain(
      `already has an active Deployment '${first.result.deploymentId}'`,
    );
    expect(second.causes[0]!.message).toContain('started by someone else');
  });
});
