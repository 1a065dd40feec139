/**
 * Where the deployed revision comes from: a task definition file, a given revision, `previous`
 * from the deployment history; and surviving throttling and dropped connections.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox, Scenario } from '../../../sandbox/index.js';
import type { TaskDefinitionSeed } from '../../../sandbox/ecs/scenario.js';
import { rollingDeploy } from '../../../sandbox/scenarios/rolling-deploy.js';
import { REGISTRY, arn, deploy, sandbox } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const workerFile = `family: cbi-worker
requiresCompatibilities: [FARGATE]
networkMode: awsvpc
cpu: '256'
memory: '512'
executionRoleArn: arn:aws:iam::123456789012:role/cbi-ecs-execution
taskRoleArn: arn:aws:iam::123456789012:role/cbi-ecs-task
runtimePlatform: { cpuArchitecture: ARM64, operatingSystemFamily: LINUX }
enableFaultInjection: false
futureSetting: { mode: strict }
containerDefinitions:
  - name: worker
    image: ${REGISTRY}/cbi:placeholder
    essential: true
    command: [python, -m, cbi.workers.main]
    healthCheck:
      command: [CMD-SHELL, curl -f http://localhost:8081/health || exit 1]
      interval: 30
      timeout: 10
      retries: 3
`;

// The rolling-deploy scenario's task definitions have no tags: these are added for the tag test,
// different on cbi-api:1 and the live cbi-api:2, so only the live revision's tags can match.
const OLD_TAGS = [{ key: 'release', value: '40a1c2e' }];
const LIVE_TAGS = [
  { key: 'team', value: 'cbi' },
  { key: 'cost-center', value: 'cbi-platform' },
];
const firstApi = rollingDeploy.ecs!.taskDefinitions!.find((seed) => seed.family === 'cbi-api');
const tagged: Scenario = {
  ...rollingDeploy,
  ecs: {
    ...rollingDeploy.ecs,
    taskDefinitions: rollingDeploy.ecs!.taskDefinitions!.map((seed): TaskDefinitionSeed =>
      seed.family !== 'cbi-api'
        ? seed
        : { ...seed, tags: seed === firstApi ? OLD_TAGS : LIVE_TAGS },
    ),
  },
};

describe('ecs-deploy sources of the revision', () => {
  it("keeps the live definition's tags when rendering from the service", async () => {
    sb = await sandbox(tagged);
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${REGISTRY}/cbi:42c3e4a` });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(arn('cbi-api', 3));
    const registered = sb.calls.of('RegisterTaskDefinition');
    expect(registered).toHaveLength(1);
    expect(registered[0]!.input).toMatchObject({
      family: 'cbi-api',
      containerDefinitions: [expect.objectContaining({ image: `${REGISTRY}/cbi:42c3e4a` })],
    });
    expect((registered[0]!.input as { tags?: unknown }).tags).toEqual(LIVE_TAGS);
  });

  it('registers a YAML task definition file with the images, then reuses it on a re-run', async () => {
    sb = await sandbox();
    const dir = mkdtempSync(join(tmpdir(), 'ecs-deploy-file-'));
    writeFileSync(join(dir, 'worker.yaml'), workerFile);
    const inputs = {
      services: 'cbi-worker',
      'task-definition': 'worker.yaml',
      images: `worker=${REGISTRY}/cbi:43d4e5f`,
    };
    const run = await deploy(sb, inputs, { cwd: dir });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(arn('cbi-worker', 2));
    const [registered] = sb.calls.of('RegisterTaskDefinition');
    expect(registered!.input).toMatchObject({
      family: 'cbi-worker',
      cpu: '256',
      runtimePlatform: { cpuArchitecture: 'ARM64' },
      // A field this SDK version does not model reaches the wire unchanged.
      futureSetting: { mode: 'strict' },
      containerDefinitions: [expect.objectContaining({ image: `${REGISTRY}/cbi:43d4e5f` })],
    });
    sb.calls.clear();
    const again = await deploy(sb, inputs, { cwd: dir });
    expect(again.outputs['task-definition-arn']).toBe(arn('cbi-worker', 2));
    expect(sb.calls.count('RegisterTaskDefinition')).toBe(0);
  });

  it('deploys a given revision as it is, registering nothing', async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', 'task-definition-arn': 'cbi-api:1' });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(arn('cbi-api', 1));
    expect(sb.calls.count('RegisterTaskDefinition')).toBe(0);
    expect(sb.calls.of('UpdateService')[0]!.input).toMatchObject({
      taskDefinition: arn('cbi-api', 1),
    });
  });

  it("resolves 'previous' from the service's deployment history", async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-api', 'task-definition-arn': 'previous' });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['task-definition-arn']).toBe(arn('cbi-api', 1));
    // One history read for 'previous' (SUCCESSFUL deployments); the other links the deploy.
    const history = sb.calls
      .of('ListServiceDeployments')
      .filter((c) => (c.input as { status?: string[] }).status?.includes('SUCCESSFUL'));
    expect(history).toHaveLength(1);
    expect(run.outputs['service-deployment-arns']).toMatch(
      /^cbi-api=arn:aws:ecs:.*:service-deployment\//,
    );
  });

  it("fails 'previous' clearly for a service that never ran another revision", async () => {
    sb = await sandbox();
    const run = await deploy(sb, { services: 'cbi-worker', 'task-definition-arn': 'previous' });
    expect(run.exitCode).toBe(1);
    expect(run.errors[0]).toMatch(
      /^Input 'task-definition-arn' is 'previous', but service 'cbi-worker' has no revision before/,
    );
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('sets the desired count only when desired-count is given', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      services: 'cbi-worker',
      images: `worker=${REGISTRY}/cbi:43d4e5f`,
      'desired-count': '3',
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(sb.calls.of('UpdateService')[0]!.input).toMatchObject({ desiredCount: 3 });
  });

  it('starts the deployment and returns at once with wait: false', async () => {
    sb = await sandbox();
    const run = await deploy(sb, {
      services: 'cbi-worker',
      images: `worker=${REGISTRY}/cbi:43d4e5f`,
      wait: 'false',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('started');
    expect(sb.calls.count('UpdateService')).toBe(1);
  });
});

describe('ecs-deploy resilience', () => {
  it('survives throttling, 5xx and dropped connections without a second deployment', async () => {
    sb = await sandbox();
    sb.faults.add({ operation: 'DescribeServices', kind: 'throttle', times: 4 });
    sb.faults.add({ operation: 'UpdateService', kind: 'drop-after-apply' });
    sb.faults.add({ operation: 'RegisterTaskDefinition', kind: 'server-error', status: 503 });
    sb.faults.add({ operation: 'DescribeTaskDefinition', kind: 'drop-before-apply' });
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${REGISTRY}/cbi:42c3e4a` });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    // The dropped UpdateService was retried, and the retry started no second deployment.
    expect(sb.calls.count('UpdateService')).toBe(2);
    const svc = sb.state.ecsServices.services.find((s) => s.name === 'cbi-api')!;
    expect(
      svc.history.filter((d) => d.taskDefinition.taskDefinitionArn === arn('cbi-api', 3)),
    ).toHaveLength(1);
    expect(sb.faults.list().every((f) => f.remaining === 0)).toBe(true);
  });

  it.each(['drop-after-apply', 'error-after-apply'] as const)(
    'RegisterTaskDefinition %s: one new revision, found by reading the family, not resent',
    async (kind) => {
      sb = await sandbox();
      const before = sb.state.ecs.taskDefinitions.get('cbi-api')!.length;
      sb.faults.add({ operation: 'RegisterTaskDefinition', kind });
      const run = await deploy(sb, { services: 'cbi-api', images: `api=${REGISTRY}/cbi:42c3e4a` });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.status).toBe('succeeded');
      expect(sb.state.ecs.taskDefinitions.get('cbi-api')!).toHaveLength(before + 1);
      expect(sb.calls.count('RegisterTaskDefinition')).toBe(1);
      expect(run.outputs['task-definition-arn']).toBe(arn('cbi-api', before + 1));
      expect(run.stdout).toContain(
        `RegisterTaskDefinition had been applied: ${arn('cbi-api', before + 1)} is this definition.`,
      );
    },
  );

  it('backs off while DescribeServices throttles for longer than the SDK retries', async () => {
    sb = await sandbox();
    const faults = sb.faults;
    // Once the deploy has started, every poll is throttled three times in a row.
    sb.calls.onCall((call) => {
      if (call.operation === 'UpdateService')
        faults.add({ operation: 'DescribeServices', kind: 'throttle', times: 3 });
    });
    const run = await deploy(
      sb,
      { services: 'cbi-api', images: `api=${REGISTRY}/cbi:42c3e4a` },
      { env: { AWS_MAX_ATTEMPTS: '1' } },
    );
    expect(run.outputs.status).toBe('succeeded');
    expect(run.warnings).toEqual([
      'Watching cbi-api (DescribeServices): throttled (Rate exceeded); retrying with backoff (further faults in a row are not reported one by one).',
    ]);
    const throttled = sb.calls.of('DescribeServices').filter((c) => c.fault === 'throttle');
    expect(throttled).toHaveLength(3);
  });
});
