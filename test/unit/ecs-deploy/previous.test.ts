import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { pickPrevious, resolvePrevious } from '../../../src/ecs-deploy/previous.js';
import { NEW, OLD, OLDER, deployment, previousDeployment, service } from './fixtures.js';

const ecsMock = mockClient(ECSClient);
beforeEach(() => {
  ecsMock.reset();
});

const sd = (n: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:service-deployment/cbi-production/cbi-api/${n}`;
const rev = (n: number) =>
  `arn:aws:ecs:eu-west-1:123456789012:service-revision/cbi-production/cbi-api/${n}`;

describe('pickPrevious', () => {
  it('skips the current revision and gaps', () => {
    expect(pickPrevious([OLD, undefined, OLD, OLDER], OLD)).toBe(OLDER);
    expect(pickPrevious([OLD], OLD)).toBeUndefined();
  });
});

describe('resolvePrevious', () => {
  const running = service([previousDeployment({ status: 'PRIMARY' })]);

  it('reads the newest successful deployments and their revisions', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: sd(1),
          createdAt: new Date(1000),
          targetServiceRevisionArn: rev(1),
        },
        {
          serviceDeploymentArn: sd(2),
          createdAt: new Date(2000),
          targetServiceRevisionArn: rev(2),
        },
      ],
    });
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [
        {
          serviceDeploymentArn: sd(2),
          targetServiceRevision: { arn: rev(2) },
          sourceServiceRevisions: [{ arn: rev(1) }],
        },
        {
          serviceDeploymentArn: sd(1),
          targetServiceRevision: { arn: rev(1) },
          sourceServiceRevisions: [],
        },
      ],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [
        { serviceRevisionArn: rev(1), taskDefinition: OLDER },
        { serviceRevisionArn: rev(2), taskDefinition: OLD },
      ],
    });
    await expect(resolvePrevious(new ECSClient({}), 'cbi-production', running, OLD)).resolves.toBe(
      OLDER,
    );
    expect(ecsMock.commandCalls(ListServiceDeploymentsCommand)[0]!.args[0].input).toEqual({
      cluster: 'cbi-production',
      service: 'cbi-api',
      status: ['SUCCESSFUL'],
      maxResults: 20,
    });
    expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand)[0]!.args[0].input).toEqual({
      serviceDeploymentArns: [sd(2), sd(1)],
    });
  });

  it('falls back to an older deployment still listed on the service', async () => {
    ecsMock
      .on(ListServiceDeploymentsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const svc = service([deployment({ taskDefinition: NEW }), previousDeployment()]);
    await expect(resolvePrevious(new ECSClient({}), 'cbi-production', svc, NEW)).resolves.toBe(OLD);
  });

  it('is an input error when there is no earlier revision anywhere', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    await expect(
      resolvePrevious(new ECSClient({}), 'cbi-production', running, OLD),
    ).rejects.toThrow(
      /^Input 'task-definition-arn' is 'previous', but service 'cbi-api' has no revision before/,
    );
  });
});
