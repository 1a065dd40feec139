/**
 * hook-action checks every ARN before its first ContinueServiceDeployment: a list whose second
 * ARN names a service outside the cluster is an input error that resumes nothing (the first
 * deployment stays paused, as the user left it). A client mock: the order of our own calls is
 * what is under test, not an API's answer.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ECSClient,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { resumePaused } from '../../../src/ecs-deploy/native/hooks.js';
import { ACCOUNT } from './fixtures.js';

const ecsMock = mockClient(ECSClient);
afterEach(() => {
  ecsMock.reset();
});

const CLUSTER = 'langgraph-production-cluster';
const arnOf = (service: string, cluster = CLUSTER) =>
  `arn:aws:ecs:us-east-1:${ACCOUNT}:service-deployment/${cluster}/${service}/sd${service.length}`;
const paused = (service: string, cluster = CLUSTER): ServiceDeployment => ({
  serviceDeploymentArn: arnOf(service, cluster),
  serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/${cluster}/${service}`,
  status: 'IN_PROGRESS',
  lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
  lifecycleHookDetails: [{ hookId: `ecs-pause-${service}`, status: 'AWAITING_ACTION' }],
});

const options = () => ({
  ecs: new ECSClient({ region: 'us-east-1' }),
  cluster: CLUSTER,
  wait: true,
  timeoutMs: 60_000,
  pollIntervalMs: 5_000,
  onPause: 'stop' as const,
  rollbackOnFailure: true,
  log: () => {},
});

describe('hook-action: every ARN is checked before anything is resumed', () => {
  it.each(['continue', 'rollback'] as const)(
    '%s: a second ARN whose service is in another cluster resumes nothing',
    async (action) => {
      const api = paused('langgraph-api-gated');
      const elsewhere = paused('langgraph-worker', 'langgraph-staging-cluster');
      ecsMock
        .on(DescribeServiceDeploymentsCommand)
        .resolves({ serviceDeployments: [api, elsewhere] });
      ecsMock.on(DescribeServiceRevisionsCommand).resolves({ serviceRevisions: [] });
      ecsMock.on(DescribeServicesCommand).resolves({
        services: [{ serviceName: 'langgraph-api-gated', status: 'ACTIVE' }],
        failures: [
          {
            arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/${CLUSTER}/langgraph-worker`,
            reason: 'MISSING',
          },
        ],
      });
      ecsMock.on(ContinueServiceDeploymentCommand).resolves({});

      await expect(
        resumePaused(
          [api.serviceDeploymentArn!, elsewhere.serviceDeploymentArn!],
          action,
          options(),
        ),
      ).rejects.toThrow(
        `Input 'service-deployment-arns' names ${elsewhere.serviceDeploymentArn}, whose service 'langgraph-worker' is not in cluster '${CLUSTER}'.`,
      );
      expect(ecsMock.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0);
    },
  );

  it('an ARN ECS does not know is named, and nothing is resumed', async () => {
    const api = paused('langgraph-api-gated');
    const unknown = arnOf('langgraph-gone');
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [api] });
    ecsMock.on(ContinueServiceDeploymentCommand).resolves({});
    await expect(
      resumePaused([api.serviceDeploymentArn!, unknown], 'continue', options()),
    ).rejects.toThrow(`names ${unknown}, which ECS does not know`);
    expect(ecsMock.commandCalls(ContinueServiceDeploymentCommand)).toHaveLength(0);
  });
});
