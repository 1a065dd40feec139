/**
 * ecs-deploy under faults in the middle of the wait (the poller's retries, the clients' timeouts):
 * 8 x 503 and one unreadable DescribeServices answer give the verdict of a clean run; a
 * DescribeServices that never answers ends the wait by the deadline with `status` set.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { FaultSpec, Sandbox } from '../../../sandbox/index.js';
import { runBundle } from '../../support/run-bundle.js';
import { deploy, REGISTRY, sandbox } from './helpers.js';

let sb: Sandbox;
afterEach(async () => sb?.close());

const image = (tag: string): string => `${REGISTRY}/cbi:${tag}`;

/** Adds `fault` once the wait is under way (after UpdateService and one answered DescribeServices). */
function midWait(fault: FaultSpec): void {
  let updated = false;
  let added = false;
  sb.calls.onCall((entry) => {
    if (entry.operation === 'UpdateService') updated = true;
    if (updated && !added && entry.operation === 'DescribeServices' && entry.status === 200) {
      added = true;
      sb.faults.add(fault);
    }
  });
}

describe('ecs-deploy: transient faults mid-wait give the clean verdict', () => {
  it.each([
    ['8 x 503', { operation: 'DescribeServices', kind: 'server-error', status: 503, times: 8 }],
    ['one truncated answer', { operation: 'DescribeServices', kind: 'truncate' }],
    ['one garbled answer', { operation: 'DescribeServices', kind: 'garble' }],
  ] as [string, FaultSpec][])('%s on DescribeServices', async (_label, fault) => {
    sb = await sandbox();
    midWait(fault);
    const run = await deploy(sb, { services: 'cbi-api', images: `api=${image('42c3e4a')}` });
    expect(sb.calls.all().filter((c) => c.fault).length).toBe(fault.times ?? 1);
    expect(run.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
  });
});

describe('ecs-deploy: a DescribeServices that never answers', () => {
  it('ends the wait by the deadline with status timed-out', async () => {
    sb = await sandbox();
    midWait({ operation: 'DescribeServices', kind: 'hang', times: Infinity });
    const run = await deploy(sb, {
      services: 'cbi-api',
      images: `api=${image('42c3e4a')}`,
      'timeout-minutes': '0.05',
      'rollback-on-failure': 'false',
    });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
  });

  it('with rollback-on-failure, the undo is bounded too and says what it did', async () => {
    sb = await sandbox();
    midWait({ operation: 'DescribeServices', kind: 'hang', times: Infinity });
    const run = await deploy(sb, {
      services: 'cbi-api',
      images: `api=${image('42c3e4a')}`,
      'timeout-minutes': '0.05',
    });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    // The undo is StopServiceDeployment(ROLLBACK); this deployment had completed meanwhile
    // (DescribeServices hung, DescribeServiceDeployments did not), which the step says.
    expect(sb.calls.of('StopServiceDeployment')[0]!.input).toMatchObject({ stopType: 'ROLLBACK' });
    expect(run.errors.join('\n')).toContain('completed (SUCCESSFUL) before the rollback landed');
    expect(sb.calls.count('UpdateService')).toBe(1);
  });

  it('SIGINT during the hang exits before SIGTERM', async () => {
    sb = await sandbox();
    midWait({ operation: 'DescribeServices', kind: 'hang', times: Infinity });
    const run = await runBundle(
      'ecs-deploy',
      {
        cluster: 'cbi-production',
        services: 'cbi-api',
        images: `api=${image('42c3e4a')}`,
        'poll-interval-seconds': '0.1',
      },
      { env: sb.env(), signals: [{ signal: 'SIGINT', afterMs: 3000 }], timeoutMs: 3000 + 7500 },
    );
    expect(run.timedOut).toBe(false);
    expect(run.signal).toBeNull();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
  });
});
