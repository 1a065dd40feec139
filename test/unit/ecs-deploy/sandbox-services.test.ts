/**
 * The sandbox's ECS services plugin, driven through the SDK with the clock advanced by hand: the
 * rolling timelines the ecs-deploy tests rely on, and the circuit breaker's threshold rule.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServicesCommand,
  ECSClient,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { failureThreshold } from '../../../sandbox/ecs-services/state.js';
import { rollingDeploy } from '../../../sandbox/scenarios/rolling-deploy.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function setup(): Promise<{ ecs: ECSClient; describe: (name?: string) => Promise<Service> }> {
  sb = await startSandbox(rollingDeploy, { timeScale: 1 });
  const ecs = new ECSClient({
    region: 'us-east-1',
    endpoint: sb.url,
    credentials: { accessKeyId: 'AKIASANDBOXEXAMPLE', secretAccessKey: 'sandbox' },
  });
  const describe = async (name = 'cbi-api') =>
    (await ecs.send(new DescribeServicesCommand({ cluster: 'cbi-production', services: [name] })))
      .services![0]!;
  return { ecs, describe };
}

const summary = (s: Service) =>
  s.deployments!.map(
    (d) =>
      `${d.status} ${d.taskDefinition!.split('/')[1]} ${d.runningCount}/${d.desiredCount} ${d.rolloutState ?? '-'} f${d.failedTasks}`,
  );

describe('failureThreshold', () => {
  it.each([
    [1, 3],
    [2, 3],
    [6, 3],
    [7, 4],
    [10, 5],
    [400, 200],
    [1000, 200],
  ])('desired %i -> %i', (desired, threshold) => {
    expect(failureThreshold(desired)).toBe(threshold);
  });
});

describe('ecs services sandbox', () => {
  it('rolls out a healthy revision: pending, running, old drained, COMPLETED at 20 s', async () => {
    const { ecs, describe } = await setup();
    expect(summary(await describe())).toEqual(['PRIMARY cbi-api:2 2/2 COMPLETED f0']);
    const out = await ecs.send(
      new UpdateServiceCommand({
        cluster: 'cbi-production',
        service: 'cbi-api',
        taskDefinition: 'cbi-api:1',
      }),
    );
    expect(out.service!.deployments![0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      pendingCount: 2,
    });
    sb!.clock.advance(6);
    expect(summary(await describe())).toEqual([
      'PRIMARY cbi-api:1 2/2 IN_PROGRESS f0',
      'ACTIVE cbi-api:2 2/2 COMPLETED f0',
    ]);
    sb!.clock.advance(2);
    expect(summary(await describe())).toEqual([
      'PRIMARY cbi-api:1 2/2 IN_PROGRESS f0',
      'ACTIVE cbi-api:2 0/0 COMPLETED f0',
    ]);
    sb!.clock.advance(12);
    const done = await describe();
    expect(summary(done)).toEqual(['PRIMARY cbi-api:1 2/2 COMPLETED f0']);
    expect(done.events![0]!.message).toBe('(service cbi-api) has reached a steady state.');
  });

  it('trips the circuit breaker at the threshold and rolls back to the last completed revision', async () => {
    const { ecs, describe } = await setup();
    // Make deploying cbi-api:1 crash: exit 2 after 4 s, replaced until the breaker trips.
    const svc = sb!.state.ecsServices.services.find((s) => s.name === 'cbi-api')!;
    svc.script = {
      ...svc.script,
      rollouts: [{ taskDefinition: 'cbi-api:1', rollout: { tasks: 'crash', exitCode: 2 } }],
    };
    await ecs.send(
      new UpdateServiceCommand({
        cluster: 'cbi-production',
        service: 'cbi-api',
        taskDefinition: 'cbi-api:1',
      }),
    );
    sb!.clock.advance(10.5);
    expect(summary(await describe())[0]).toBe('PRIMARY cbi-api:1 0/2 IN_PROGRESS f2');
    sb!.clock.advance(10);
    expect(summary(await describe())).toEqual([
      'PRIMARY cbi-api:2 0/2 IN_PROGRESS f0',
      'ACTIVE cbi-api:1 0/2 FAILED f3',
      'ACTIVE cbi-api:2 2/2 COMPLETED f0',
    ]);
    sb!.clock.advance(40);
    const after = await describe();
    expect(summary(after)).toEqual(['PRIMARY cbi-api:2 2/2 COMPLETED f0']);
    expect(after.events!.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /^\(service cbi-api\) \(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\.$/,
      ),
    );
  });

  it('starts no new deployment when UpdateService repeats the same revision', async () => {
    const { ecs, describe } = await setup();
    const update = () =>
      ecs.send(
        new UpdateServiceCommand({
          cluster: 'cbi-production',
          service: 'cbi-api',
          taskDefinition: 'cbi-api:1',
        }),
      );
    const first = await update();
    const second = await update();
    expect(second.service!.deployments![0]!.id).toBe(first.service!.deployments![0]!.id);
    expect((await describe()).deployments).toHaveLength(2);
  });

  it('answers MISSING for unknown services and refuses more than 10 per call', async () => {
    const { ecs } = await setup();
    const out = await ecs.send(
      new DescribeServicesCommand({ cluster: 'cbi-production', services: ['nope'] }),
    );
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/cbi-production/nope', reason: 'MISSING' },
    ]);
    await expect(
      ecs.send(
        new DescribeServicesCommand({
          cluster: 'cbi-production',
          services: Array(11).fill('cbi-api'),
        }),
      ),
    ).rejects.toThrow(/between 1 and 10/);
  });
});
