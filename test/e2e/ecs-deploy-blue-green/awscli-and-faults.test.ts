/**
 * The sandbox's CodeDeploy answers must parse in Debian's awscli (skipped, with a message, where
 * /usr/bin/aws is missing), and the deploy must ride out throttling and 5xx answers while it polls.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Sandbox } from '../../../sandbox/index.js';
import { AWS_CLI, itWithAwsCli } from '../../support/awscli.js';
import {
  BG_APPLICATION,
  BG_GROUP,
  bgGroup,
} from '../../../sandbox/scenarios/bluegreen-langgraph.js';
import { deploy, sandbox } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function aws(s: Sandbox, ...args: string[]): Promise<Record<string, unknown>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'awscli-home-'));
  const { stdout } = await promisify(execFile)(
    AWS_CLI,
    [...args, '--endpoint-url', s.url, '--output', 'json'],
    {
      env: {
        PATH: '/usr/bin:/bin',
        HOME: home,
        ...s.env(),
        AWS_CONFIG_FILE: path.join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
        AWS_PAGER: '',
      },
    },
  );
  return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
}

const fast = {
  ...bgGroup,
  deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
  terminationWaitMinutes: 0,
};

describe('blue/green sandbox with real clients', () => {
  itWithAwsCli('awscli reads groups, configs, deployments and targets', async () => {
    sb = await sandbox({ eventSeconds: 1e6 });
    const groups = await aws(
      sb,
      'deploy',
      'list-deployment-groups',
      '--application-name',
      BG_APPLICATION,
    );
    expect(groups.deploymentGroups).toEqual([BG_GROUP]);
    const config = await aws(
      sb,
      'deploy',
      'get-deployment-config',
      '--deployment-config-name',
      'CodeDeployDefault.ECSLinear10PercentEvery3Minutes',
    );
    expect((config.deploymentConfigInfo as Record<string, unknown>).trafficRoutingConfig).toEqual({
      type: 'TimeBasedLinear',
      timeBasedLinear: { linearPercentage: 10, linearInterval: 3 },
    });
    const run = await deploy(sb, { wait: 'false' });
    const id = run.codedeploy[0]!.deploymentId;
    const got = await aws(sb, 'deploy', 'get-deployment', '--deployment-id', id);
    const info = got.deploymentInfo as Record<string, unknown>;
    expect(info.deploymentId).toBe(id);
    expect(new Date(info.createTime as string).getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
    const targets = await aws(sb, 'deploy', 'list-deployment-targets', '--deployment-id', id);
    const ids = targets.targetIds as string[];
    const batch = await aws(
      sb,
      'deploy',
      'batch-get-deployment-targets',
      '--deployment-id',
      id,
      '--target-ids',
      ...ids,
    );
    const target = (batch.deploymentTargets as { ecsTarget: { lifecycleEvents: unknown[] } }[])[0]!;
    expect(target.ecsTarget.lifecycleEvents).toHaveLength(9);
    const stop = await aws(
      sb,
      'deploy',
      'stop-deployment',
      '--deployment-id',
      id,
      '--auto-rollback-enabled',
    );
    expect(stop.status).toBe('Pending');
  });

  it('throttling and 5xx answers while polling do not change the outcome', async () => {
    sb = await sandbox({}, { groups: [fast] });
    sb.faults.add({ operation: 'GetDeployment', kind: 'throttle', times: 2 });
    sb.faults.add({
      operation: 'BatchGetDeploymentTargets',
      kind: 'server-error',
      status: 503,
      times: 2,
    });
    const run = await deploy(sb);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(sb.calls.count('CreateDeployment')).toBe(1);
    expect(sb.faults.list().map((f) => f.remaining)).toEqual([0, 0]);
  });

  it('an episode of GetDeployment throttling while following gives exactly one warning', async () => {
    const box = (sb = await sandbox({}, { groups: [fast] }));
    // Added at CreateDeployment: the following's first GetDeployment meets it however late a
    // loaded machine lets it come (after one answered poll, a fast deployment could be over).
    let added = false;
    box.calls.onCall((entry) => {
      if (!added && entry.operation === 'CreateDeployment') {
        added = true;
        box.faults.add({ operation: 'GetDeployment', kind: 'throttle', times: 3 });
      }
    });
    // Each throttled call reaches the poller (no SDK retry): 3 faults are 3 polls in a row.
    const run = await deploy(box, {}, { env: { AWS_MAX_ATTEMPTS: '1' } });
    expect(run.outputs.status).toBe('succeeded');
    expect(box.calls.of('GetDeployment').filter((c) => c.fault === 'throttle')).toHaveLength(3);
    const lines = run.stdout.split('\n');
    const warnings = lines.filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^::warning::Following CodeDeploy deployment d-\w+: throttled \(Rate exceeded\); retrying with backoff/,
    );
    expect(lines.filter((l) => /throttl/i.test(l))).toEqual(warnings);
    expect(lines.filter((l) => /answering again after 3 retries/.test(l))).toHaveLength(1);
  });

  it('AccessDenied on GetDeployment after the deployment was created: stopped with rollback, named, its entry in the output', async () => {
    sb = await sandbox({ eventSeconds: 1e6 }, { groups: [fast] });
    sb.faults.add({
      operation: 'GetDeployment',
      kind: 'error',
      error: {
        code: 'AccessDeniedException',
        message:
          'User: arn:aws:sts::123456789012:assumed-role/deploy/gha is not authorized to perform: codedeploy:GetDeployment',
        status: 400,
      },
      times: Infinity,
    });
    const run = await deploy(sb);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    const [entry] = run.codedeploy;
    expect(entry).toEqual(expect.objectContaining({ status: 'failed' }));
    expect(sb.calls.of('StopDeployment').map((c) => c.input)).toEqual([
      { deploymentId: entry!.deploymentId, autoRollbackEnabled: true },
    ]);
    const errors = run.errors.join('\n');
    expect(errors).toContain(`Following CodeDeploy deployment ${entry!.deploymentId} failed`);
    expect(errors).toContain('codedeploy:GetDeployment');
    expect(errors).toContain(`StopDeployment ${entry!.deploymentId} with rollback`);
    // what was done after the denied call is told, not denied
    expect(errors).not.toContain('Nothing after this call was done');
  });

  it('a lost CreateDeployment answer: the retried request is refused, and our own deployment is followed', async () => {
    // long enough that the SDK's retry lands while the first deployment is still active
    sb = await sandbox({ eventSeconds: 300 }, { groups: [fast] });
    sb.faults.add({ operation: 'CreateDeployment', kind: 'drop-after-apply' });
    const run = await deploy(sb);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.log).toContain("CreateDeployment's answer was lost; following");
    // one deployment exists: the retry created nothing
    expect(sb.calls.count('CreateDeployment')).toBe(2);
    expect(sb.state.codedeploy.deployments.size).toBe(1);
  });

  it("a deployment of another revision already active: named as someone else's, nothing followed", async () => {
    sb = await sandbox({ eventSeconds: 1e6 }, { groups: [fast] });
    const first = await deploy(sb, { wait: 'false' });
    const second = await deploy(sb, {
      images: 'app=123456789012.dkr.ecr.us-east-1.amazonaws.com/langgraph-platform:1.6.0',
    });
    expect(second.exitCode).toBe(1);
    expect(second.outputs.status).toBe('failed');
    expect(second.errors.join('\n')).toContain(
      `Another deployment of this group (${first.codedeploy[0]!.deploymentId}) is in progress, started by someone else`,
    );
    expect(sb.calls.count('StopDeployment')).toBe(0);
  });
});
