/**
 * A poll's DescribeServices and DescribeServiceDeployments may answer two moments. A STOPPED
 * service deployment that DescribeServices does not confirm (the rollout still in progress) is
 * believed at the second poll in a row: a torn snapshot of the circuit breaker is then told as
 * the breaker, and a real stop by someone else is still told, one poll later, never waited on
 * until the deadline. (The e2e twin, with the sandbox, is in test/e2e/ecs-deploy/outcomes.test.ts.)
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  type Service,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { watch } from '../../../src/ecs-deploy/rolling/watch.js';
import { ACCOUNT, deployment, previousDeployment, service, tracking } from './fixtures.js';

const ecsMock = mockClient(ECSClient);
afterEach(() => {
  ecsMock.reset();
});

const SD = `arn:aws:ecs:eu-west-1:${ACCOUNT}:service-deployment/cbi-production/cbi-api/sd1`;
const breakerOff = (deployments: Parameters<typeof service>[0]): Service =>
  service(deployments, {
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
    },
  });
const inProgress = breakerOff([deployment(), previousDeployment({ status: 'ACTIVE' })]);
const breakerFailed = breakerOff([
  deployment({
    rolloutState: 'FAILED',
    rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
    failedTasks: 3,
  }),
  previousDeployment({ status: 'ACTIVE' }),
]);
const stopped: ServiceDeployment = {
  serviceDeploymentArn: SD,
  status: 'STOPPED',
  statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
};

/** Polls answering `services[i]` (the last one repeated) and always the STOPPED deployment. */
async function watchWith(services: Service[]) {
  let poll = 0;
  ecsMock.on(DescribeServicesCommand).callsFake(() => ({
    services: [services[Math.min(poll++, services.length - 1)]!],
  }));
  ecsMock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [stopped] });
  let now = 0;
  const [watched] = await watch(
    new ECSClient({ region: 'eu-west-1' }),
    'cbi-production',
    [{ tracking: { ...tracking, serviceDeploymentArn: SD } }],
    {
      intervalMs: 1000,
      deadline: 600_000,
      log: () => {},
      clock: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
  );
  return { watched: watched!, polls: ecsMock.commandCalls(DescribeServicesCommand).length };
}

describe('rolling watch: a STOPPED service deployment that DescribeServices does not confirm', () => {
  it('is not believed at the first poll: the second shows the circuit breaker', async () => {
    const { watched, polls } = await watchWith([inProgress, breakerFailed]);
    expect(polls).toBe(2);
    expect(watched.judgement?.verdict).toBe('failed');
    expect(watched.judgement?.message).toContain('ECS is not rolling back');
    expect(watched.judgement?.message).not.toContain('someone else');
  });

  it('is believed at the second poll in a row: a stop by someone else, told one poll late', async () => {
    const { watched, polls } = await watchWith([inProgress]);
    expect(polls).toBe(2);
    expect(watched.outcome).toBe('judged');
    expect(watched.judgement?.message).toContain('was stopped by someone else');
  });
});
