/**
 * Every answer of the ECS services sandbox, as it goes over the wire, checked against botocore's
 * ECS model (service-2.json): each member exists in the operation's output shape with the model's
 * type and enum values, and each error is one the operation declares. The native deployments are
 * driven through all the states the sandbox can report. Skipped with a message where python3 or
 * botocore is missing; awscli (Debian's where it knows the operation, else the one on PATH) parses
 * one DescribeServiceDeployments answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NATIVE_CLUSTER } from '../../../sandbox/scenarios/native-deploy.js';
import { AWS_CLI, awsCliInstalled, itWithAwsCli } from '../../support/awscli.js';
import { checkShape, loadBotocoreModel, type ApiModel } from '../../support/botocore-model.js';
import { nativeSandbox, type Native } from './native-helpers.js';

const loaded = loadBotocoreModel('ecs', '2014-11-13');
const model: ApiModel | undefined = 'model' in loaded ? loaded.model : undefined;
if (!model)
  process.stderr.write(`ECS model check skipped: ${'missing' in loaded ? loaded.missing : ''}\n`);
const describeWithModel = model ? describe : describe.skip;

// Debian's awscli carries its own botocore; older releases predate the service deployments API.
const DEBIAN_ECS_MODEL =
  '/usr/lib/python3/dist-packages/awscli/botocore/data/ecs/2014-11-13/service-2.json';
const debianKnows =
  !awsCliInstalled ||
  (existsSync(DEBIAN_ECS_MODEL) &&
    readFileSync(DEBIAN_ECS_MODEL, 'utf8').includes('"DescribeServiceDeployments"'));
// Otherwise the awscli on PATH (v1 on python3's botocore, whose model the check above loads).
const pathCli =
  !debianKnows && model?.operations.DescribeServiceDeployments
    ? spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 30_000 }).status === 0
    : false;
const CLI = debianKnows ? AWS_CLI : pathCli ? 'aws' : undefined;
if (!debianKnows)
  process.stderr.write(
    `${AWS_CLI} predates DescribeServiceDeployments; ${CLI ? 'using the awscli on PATH' : 'awscli test skipped'}\n`,
  );
const itWithCliThatKnows = debianKnows ? itWithAwsCli : CLI ? it : it.skip;

interface Answer {
  operation: string;
  status: number;
  json: Record<string, unknown>;
}

let n: Native;
const answers: Answer[] = [];

async function call(
  operation: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(n.sb.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AmazonEC2ContainerServiceV20141113.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  answers.push({ operation, status: response.status, json });
  return json;
}

const SERVICES = [
  'langgraph-api-bluegreen',
  'langgraph-api-canary',
  'langgraph-api-linear',
  'langgraph-api-gated',
  'langgraph-api-smoke',
  'langgraph-express',
  'langgraph-worker',
  'langgraph-api-nlb',
  'langgraph-checkpointer',
];
const describeAll = () => call('DescribeServices', { cluster: NATIVE_CLUSTER, services: SERVICES });
const describeOne = (arn: string) =>
  call('DescribeServiceDeployments', { serviceDeploymentArns: [arn] });
let pausedArn = '';

/** Drives the scenario through every state, recording each answer. */
async function drive(): Promise<void> {
  await describeAll();
  const gated = await n.deploy('langgraph-api-gated', '1.5.0');
  pausedArn = gated;
  const canary = await n.deploy('langgraph-api-canary', 'alarm');
  const failing = await n.deploy('langgraph-api-bluegreen', 'rollback-fails');
  const smoke = await n.deploy('langgraph-api-smoke', 'hook-fails');
  const worker = await n.deploy('langgraph-worker', 'crash');
  const linear = await n.deploy('langgraph-api-linear', '1.5.0');
  const express = await n.deploy('langgraph-express', 'stopped');
  const checkpointer = await n.deploy('langgraph-checkpointer', '1.5.0');
  const all = [gated, canary, failing, smoke, worker, linear, express, checkpointer];
  let elapsed = 0;
  for (const t of [0, 1, 7, 8, 11, 12, 13, 20, 25, 30, 31, 119, 120, 130, 400]) {
    n.at(t - elapsed);
    elapsed = t;
    await call('DescribeServiceDeployments', { serviceDeploymentArns: all });
    await describeAll();
    if (t === 11) {
      const hookId = (
        (await describeOne(gated)).serviceDeployments as {
          lifecycleHookDetails: { hookId: string }[];
        }[]
      )[0]!.lifecycleHookDetails[0]!.hookId;
      await call('ContinueServiceDeployment', {
        serviceDeploymentArn: gated,
        hookId,
        action: 'CONTINUE',
      });
      await call('ContinueServiceDeployment', {
        serviceDeploymentArn: gated,
        hookId: 'ecs-pause-nope',
      });
      await call('StopServiceDeployment', { serviceDeploymentArn: linear, stopType: 'ROLLBACK' });
      await describeOne(linear);
    }
  }
  await call('StopServiceDeployment', { serviceDeploymentArn: canary, stopType: 'ROLLBACK' });
  await call('StopServiceDeployment', { serviceDeploymentArn: `${canary}-gone` });
  await call('DescribeServiceDeployments', {
    serviceDeploymentArns: Array.from({ length: 21 }, () => canary),
  });
  await call('DescribeServiceDeployments', { serviceDeploymentArns: [`${canary}-gone`] });
  const listed = await call('ListServiceDeployments', {
    cluster: NATIVE_CLUSTER,
    service: 'langgraph-api-canary',
    maxResults: 1,
  });
  await call('ListServiceDeployments', {
    cluster: NATIVE_CLUSTER,
    service: 'langgraph-api-canary',
    nextToken: listed.nextToken,
    status: ['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL'],
    createdAt: { after: 0, before: Date.now() / 1000 + 86_400 },
  });
  await call('ListServiceDeployments', { cluster: NATIVE_CLUSTER, service: 'nope' });
  const revisions = new Set<string>();
  for (const a of answers)
    for (const d of (a.json.serviceDeployments as
      { targetServiceRevision?: { arn: string } }[] | undefined) ?? [])
      if (d.targetServiceRevision) revisions.add(d.targetServiceRevision.arn);
  await call('DescribeServiceRevisions', { serviceRevisionArns: [...revisions].slice(0, 20) });
  await call('UpdateService', {
    cluster: NATIVE_CLUSTER,
    service: 'langgraph-api-bluegreen',
    forceNewDeployment: true,
    deploymentConfiguration: { strategy: 'LINEAR', linearConfiguration: { stepPercent: 20 } },
  });
  await call('UpdateService', {
    cluster: NATIVE_CLUSTER,
    service: 'langgraph-checkpointer',
    volumeConfigurations: [{ name: 'data', managedEBSVolume: { roleArn: 'r', sizeInGiB: 8 } }],
  });
  const replaced = (await describeAll()).services as { currentServiceDeployment: string }[];
  await describeOne(replaced[0]!.currentServiceDeployment);
}

beforeAll(async () => {
  if (!model) return;
  n = await nativeSandbox();
  await drive();
});
afterAll(async () => {
  await n?.sb.close();
});

describeWithModel('sandbox answers against botocore ECS model', () => {
  it('every member of every answer exists in the output shape with its type', () => {
    const seen = new Set<string>();
    const problems = answers
      .filter((a) => a.status === 200)
      .flatMap((a) =>
        checkShape(
          model!,
          model!.operations[a.operation]!.output!.shape,
          a.json,
          a.operation,
          seen,
        ),
      );
    expect(problems).toEqual([]);
    // The walk reached the parts the native deployments add.
    for (const member of [
      'Service.currentServiceDeployment',
      'Service.currentServiceRevisions',
      'Service.resourceManagementType',
      'DeploymentConfiguration.strategy',
      'DeploymentConfiguration.bakeTimeInMinutes',
      'DeploymentConfiguration.canaryConfiguration',
      'DeploymentConfiguration.linearConfiguration',
      'DeploymentConfiguration.lifecycleHooks',
      'DeploymentLifecycleHook.timeoutConfiguration',
      'ServiceDeployment.lifecycleStage',
      'ServiceDeployment.lifecycleHookDetails',
      'ServiceDeployment.stoppedAt',
      'ServiceDeployment.rollback',
      'ServiceDeployment.statusReason',
      'DeploymentLifecycleHookDetail.hookId',
      'DeploymentLifecycleHookDetail.targetArn',
      'DeploymentLifecycleHookDetail.expiresAt',
      'DeploymentLifecycleHookDetail.timeoutAction',
      'Rollback.serviceRevisionArn',
      'Rollback.startedAt',
      'ServiceDeploymentAlarms.triggeredAlarmNames',
      'ServiceDeploymentCircuitBreaker.failureCount',
      'ServiceDeploymentCircuitBreaker.threshold',
      'ServiceRevisionSummary.requestedProductionTrafficWeight',
      'ServiceRevisionSummary.requestedTestTrafficWeight',
      'ListServiceDeploymentsResponse.nextToken',
      'ContinueServiceDeploymentResponse.serviceDeploymentArn',
      'StopServiceDeploymentResponse.serviceDeploymentArn',
      'DescribeServiceDeploymentsResponse.failures',
      'Deployment.volumeConfigurations',
      'ServiceRevision.volumeConfigurations',
      'ServiceVolumeConfiguration.managedEBSVolume',
      'ServiceManagedEBSVolumeConfiguration.roleArn',
      'ServiceManagedEBSVolumeConfiguration.sizeInGiB',
      'LoadBalancer.advancedConfiguration',
      'AdvancedConfiguration.productionListenerRule',
      'AdvancedConfiguration.alternateTargetGroupArn',
    ])
      expect([member, seen.has(member)]).toEqual([member, true]);
  });

  it('the walk met every status the model has but PENDING, and every lifecycle stage', () => {
    const statuses = new Set<string>();
    const stages = new Set<string>();
    for (const a of answers)
      for (const d of (a.json.serviceDeployments as
        { status: string; lifecycleStage?: string }[] | undefined) ?? []) {
        statuses.add(d.status);
        if (d.lifecycleStage) stages.add(d.lifecycleStage);
      }
    const enumOf = (name: string) => model!.shapes[name]!.enum!;
    expect(enumOf('ServiceDeploymentStatus').filter((s) => !statuses.has(s))).toEqual(['PENDING']);
    expect(enumOf('ServiceDeploymentLifecycleStage').filter((s) => !stages.has(s))).toEqual([]);
  });

  it('every error is one the operation declares', () => {
    const errors = answers.filter((a) => a.status !== 200);
    expect(errors.map((a) => `${a.operation} ${String(a.json.__type)}`).sort()).toEqual([
      'ContinueServiceDeployment InvalidParameterException',
      'DescribeServiceDeployments InvalidParameterException',
      'ListServiceDeployments ServiceNotFoundException',
      'StopServiceDeployment ConflictException',
      'StopServiceDeployment ServiceDeploymentNotFoundException',
      'UpdateService InvalidParameterException',
    ]);
    for (const a of errors) {
      const declared = (model!.operations[a.operation]!.errors ?? []).map((e) => e.shape);
      expect(declared).toContain(String(a.json.__type));
    }
  });

  it('the check itself finds a member the model lacks and a value outside an enum', () => {
    const problems = checkShape(model!, 'DescribeServiceDeploymentsResponse', {
      serviceDeployments: [{ status: 'PAUSED', trafficWeight: 10, startedAt: '2026-01-01' }],
    });
    expect(problems).toEqual([
      expect.stringContaining('PAUSED is not one of'),
      expect.stringContaining('member trafficWeight is not in the model'),
      expect.stringContaining('expected epoch seconds'),
    ]);
  });

  itWithCliThatKnows('awscli parses a DescribeServiceDeployments answer', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'awscli-home-'));
    const { stdout } = await promisify(execFile)(
      CLI!,
      [
        'ecs',
        'describe-service-deployments',
        '--service-deployment-arns',
        pausedArn,
        '--endpoint-url',
        n.sb.url,
        '--output',
        'json',
      ],
      {
        env: {
          PATH: CLI === AWS_CLI ? '/usr/bin:/bin' : (process.env.PATH ?? ''),
          HOME: home,
          ...(process.env.PYENV_ROOT ? { PYENV_ROOT: process.env.PYENV_ROOT } : {}),
          ...n.sb.env(),
          AWS_CONFIG_FILE: path.join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
          AWS_PAGER: '',
        },
      },
    );
    const d = (JSON.parse(stdout) as { serviceDeployments: Record<string, unknown>[] })
      .serviceDeployments[0]!;
    expect(d).toMatchObject({
      serviceDeploymentArn: pausedArn,
      lifecycleStage: expect.any(String),
    });
    // awscli v1 prints timestamps as it parsed them: epoch seconds, or ISO 8601 where configured.
    const created =
      typeof d.createdAt === 'number' ? d.createdAt * 1000 : Date.parse(String(d.createdAt));
    expect(created).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect((d.lifecycleHookDetails as { targetType: string }[])[0]!.targetType).toBe('PAUSE');
  });
});
