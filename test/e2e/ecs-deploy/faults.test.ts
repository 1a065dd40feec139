/**
 * ecs-deploy under faults in the middle of the wait (the poller's retries, the clients' timeouts):
 * 8 x 503 and one unreadable DescribeServices answer give the verdict of a clean run; a
 * DescribeServices that never answers ends the wait by the deadline with `status` set.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { FaultSpec, Sandbox } from '../../../sandbox/index.js';
import { NATIVE_CLUSTER } from '../../../sandbox/scenarios/native-deploy.js';
import { IMAGE, nativeSandbox } from '../ecs-deploy-native/helpers.js';
import { runBundle } from '../../support/run-bundle.js';
import { deploy, REGISTRY, sandbox } from './helpers.js';

let sb: Sandbox;
afterEach(async () => sb?.close());

const image = (tag: string): string => `${REGISTRY}/cbi:${tag}`;

/**
 * Adds `fault` for the wait: after UpdateService and `answered` answered `after` calls. Rolling
 * (the default, 0): the next DescribeServices after UpdateService is the wait's first poll, so
 * the fault is met however late a loaded machine lets that poll come (waiting for one answered
 * poll first let a rollout that ended before the first poll pass without meeting it). Native
 * (`DescribeServiceDeployments`, 1): the first one after UpdateService checks the link.
 */
function midWait(fault: FaultSpec, after = 'DescribeServices', answered = 0): void {
  let updated = false;
  let seen = 0;
  let added = false;
  const add = () => {
    added = true;
    sb.faults.add(fault);
  };
  sb.calls.onCall((entry) => {
    if (added) return;
    if (entry.operation === 'UpdateService') {
      updated = true;
      if (answered === 0) add();
    } else if (updated && entry.operation === after && entry.status === 200 && ++seen === answered)
      add();
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

describe('ecs-deploy: one episode of throttling during the wait gives exactly one warning', () => {
  /** Lines that tell of throttling (a warning or a plain line), and the `::warning` lines. */
  const told = (stdout: string) => {
    const lines = stdout.split('\n');
    return {
      warnings: lines.filter((l) => l.startsWith('::warning')),
      throttling: lines.filter((l) => /throttl/i.test(l)),
      recovered: lines.filter((l) => /answering again after 3 retries/.test(l)),
    };
  };
  // Each throttled call reaches the poller (no SDK retry), so 3 faults are 3 polls in a row.
  const noSdkRetry = { env: { AWS_MAX_ATTEMPTS: '1' } };

  it('rolling: DescribeServices throttled 3 times in a row', async () => {
    sb = await sandbox();
    midWait({ operation: 'DescribeServices', kind: 'throttle', times: 3 });
    const run = await deploy(
      sb,
      { services: 'cbi-api', images: `api=${image('42c3e4a')}` },
      noSdkRetry,
    );
    expect(run.outputs.status).toBe('succeeded');
    expect(sb.calls.of('DescribeServices').filter((c) => c.fault === 'throttle')).toHaveLength(3);
    const { warnings, throttling, recovered } = told(run.stdout);
    expect(warnings).toEqual([
      '::warning::Watching cbi-api (DescribeServices): throttled (Rate exceeded); retrying with backoff (further faults in a row are not reported one by one).',
    ]);
    expect(throttling).toEqual(warnings);
    expect(recovered).toHaveLength(1);
  });

  it('ECS-native: DescribeServiceDeployments throttled 3 times in a row', async () => {
    sb = await nativeSandbox({}, 0.02);
    midWait(
      { operation: 'DescribeServiceDeployments', kind: 'throttle', times: 3 },
      'DescribeServiceDeployments',
      1,
    );
    const run = await deploy(
      sb,
      {
        cluster: NATIVE_CLUSTER,
        services: 'langgraph-api-bluegreen',
        images: `app=${IMAGE}:1.5.0`,
        'timeout-minutes': '1',
      },
      noSdkRetry,
    );
    expect(run.outputs.status).toBe('succeeded');
    const throttled = sb.calls
      .of('DescribeServiceDeployments')
      .filter((c) => c.fault === 'throttle');
    expect(throttled).toHaveLength(3);
    const { warnings, throttling, recovered } = told(run.stdout);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      '::warning::Watching langgraph-api-bluegreen (DescribeServiceDeployments, DescribeServices): throttled (Rate exceeded); retrying with backoff',
    );
    expect(throttling).toEqual(warnings);
    expect(recovered).toHaveLength(1);
  });

  it('UpdateService throttled 3 times in a row (another pipeline of the account writing too)', async () => {
    sb = await sandbox();
    sb.faults.add({ operation: 'UpdateService', kind: 'throttle', times: 3 });
    const run = await deploy(
      sb,
      {
        services: 'cbi-api\ncbi-worker',
        images: `api=${image('42c3e4a')}\nworker=${image('42c3e4a')}`,
      },
      noSdkRetry,
    );
    expect(run.outputs.status).toBe('succeeded');
    const updates = sb.calls.of('UpdateService');
    expect(updates.filter((c) => c.fault === 'throttle')).toHaveLength(3);
    expect(updates.filter((c) => c.status === 200)).toHaveLength(2);
    const { warnings, throttling, recovered } = told(run.stdout);
    expect(warnings).toEqual([
      '::warning::UpdateService (cbi-api, cbi-worker): throttled (Rate exceeded); retrying with backoff (further faults in a row are not reported one by one).',
    ]);
    expect(throttling).toEqual(warnings);
    expect(recovered).toEqual([
      'UpdateService (cbi-api, cbi-worker): answering again after 3 retries.',
    ]);
  });
});
