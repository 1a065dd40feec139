/**
 * Fifty services under ECS's write rate limits (UpdateService 5/s, RegisterTaskDefinition 1/s,
 * enforced by the sandbox): the writes are paced and backed off, so every service deploys; when a
 * write fails for good, no further one is started, the summary names each service's state, and
 * rollback-on-failure undoes the ones already started. Services sharing one rendered definition
 * share one DescribeTaskDefinition and one RegisterTaskDefinition.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { FLEET_CLUSTER, fleet, fleetNames } from './fleet.js';
import { REGISTRY, TIME_SCALE, deploy } from './helpers.js';

const CLUSTER = FLEET_CLUSTER;
const NAMES = fleetNames(50);

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('ecs-deploy with fifty services under write rate limits', () => {
  it('deploys all fifty, one register and one describe for the shared definition', async () => {
    sb = await startSandbox(fleet(), { timeScale: TIME_SCALE });
    const run = await deploy(sb, {
      cluster: CLUSTER,
      services: NAMES.join('\n'),
      images: `worker=${REGISTRY}/fleet:2`,
      'timeout-minutes': '2',
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.deployments.map((d) => d.status)).toEqual(NAMES.map(() => 'succeeded'));
    const updates = sb.calls.of('UpdateService');
    expect(updates.filter((c) => c.status === 200)).toHaveLength(50);
    expect(sb.calls.count('RegisterTaskDefinition')).toBe(1);
    expect(sb.calls.count('DescribeTaskDefinition')).toBe(1);
  }, 120_000);

  it('when an UpdateService fails for good: starts no more, names each state, undoes the started', async () => {
    sb = await startSandbox(fleet(), { timeScale: TIME_SCALE });
    // Let the first ten through, then every UpdateService fails.
    let seen = 0;
    sb.calls.onCall((entry) => {
      if (entry.operation !== 'UpdateService' || ++seen !== 10) return;
      sb!.faults.add({ operation: 'UpdateService', kind: 'server-error', times: Infinity });
    });
    const run = await deploy(sb, {
      cluster: CLUSTER,
      services: NAMES.join('\n'),
      images: `worker=${REGISTRY}/fleet:2`,
      'timeout-minutes': '0.2',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    const states = new Map(run.deployments.map((d) => [d.service, d.status]));
    expect(states.size).toBe(50);
    const refused = run.log.match(/UpdateService to fleet-worker:2 failed/g) ?? [];
    expect(refused.length).toBeGreaterThan(0);
    expect(run.log).toContain('no further deployment was started');
    expect(run.log).toMatch(/rollback-on-failure: undoing fleet-worker-01/);
    // The started ones were rolled back (StopServiceDeployment), none re-deployed by UpdateService.
    expect(sb.calls.count('StopServiceDeployment')).toBeGreaterThanOrEqual(9);
    expect(run.summary).toContain('fleet-worker-50');
  }, 120_000);
});
