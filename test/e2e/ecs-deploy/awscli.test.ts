/**
 * Debian's awscli pointed at the services sandbox must parse what it returns (a second client
 * besides the SDK the action uses). Skipped when /usr/bin/aws is not installed.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Sandbox } from '../../../sandbox/index.js';
import { AWS_CLI, describeWithAwsCli } from '../../support/awscli.js';
import { startSandbox } from '../../../sandbox/index.js';
import { rollingDeploy } from '../../../sandbox/scenarios/rolling-deploy.js';

const run = promisify(execFile);
let sb: Sandbox;

async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    AWS_CLI,
    ['--endpoint-url', sb.url, '--region', 'us-east-1', '--output', 'json', 'ecs', ...args],
    { env: { ...process.env, ...sb.env() } },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}

describeWithAwsCli('awscli against the services sandbox', () => {
  beforeAll(async () => {
    // Slowed down 5x, so the rollout is still under way while the CLI looks at it.
    sb = await startSandbox(rollingDeploy, { timeScale: 5 });
  });
  afterAll(async () => {
    await sb.close();
  });

  it('describes services with deployments, rollout states and events', async () => {
    const out = (await aws(
      'describe-services',
      '--cluster',
      'alerting-platform-prod-cluster',
      '--services',
      'rule-service',
      'rule-updater',
      'nope',
    )) as { services: Record<string, unknown>[]; failures: unknown[] };
    expect(out.services.map((s) => [s.serviceName, s.launchType, s.desiredCount])).toEqual([
      ['rule-service', 'EC2', 2],
      ['rule-updater', 'EC2', 1],
    ]);
    const [classic, updater] = out.services as { deployments: Record<string, unknown>[] }[];
    expect(classic!.deployments[0]).not.toHaveProperty('rolloutState');
    expect(updater!.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(out.failures).toEqual([
      {
        arn: expect.stringContaining('service/alerting-platform-prod-cluster/nope'),
        reason: 'MISSING',
      },
    ]);
  });

  // This awscli predates ListServiceDeployments; the SDK tests cover the history calls.
  it('updates a service, then lists both deployments and the service tasks', async () => {
    const updated = (await aws(
      'update-service',
      '--cluster',
      'cbi-production',
      '--service',
      'cbi-api',
      '--task-definition',
      'cbi-api:1',
    )) as { service: { deployments: { id: string; rolloutState: string }[] } };
    expect(updated.service.deployments[0]).toMatchObject({ rolloutState: 'IN_PROGRESS' });
    expect(updated.service.deployments[0]!.id).toMatch(/^ecs-svc\/\d{19}$/);
    const described = (await aws(
      'describe-services',
      '--cluster',
      'cbi-production',
      '--services',
      'cbi-api',
    )) as {
      services: {
        deployments: { status: string; taskDefinition: string }[];
        events: { message: string }[];
      }[];
    };
    expect(
      described.services[0]!.deployments.map((d) => [d.status, d.taskDefinition.split('/')[1]]),
    ).toEqual([
      ['PRIMARY', 'cbi-api:1'],
      ['ACTIVE', 'cbi-api:2'],
    ]);
    expect(described.services[0]!.events[0]!.message).toMatch(
      /^\(service cbi-api\) has started 2 tasks/,
    );
    const tasks = (await aws(
      'list-tasks',
      '--cluster',
      'cbi-production',
      '--service-name',
      'cbi-api',
    )) as {
      taskArns: string[];
    };
    expect(tasks.taskArns).toHaveLength(4);
  });
});
