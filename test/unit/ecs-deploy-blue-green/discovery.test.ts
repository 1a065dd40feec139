import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  BatchGetDeploymentGroupsCommand,
  CodeDeployClient,
  GetDeploymentGroupCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  type DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigurationError } from '../../../src/lib/errors.js';
import { findDeploymentGroup } from '../../../src/ecs-deploy/codedeploy/discovery.js';
import { mockInventory } from './fixtures.js';

const cd = mockClient(CodeDeployClient);
const client = new CodeDeployClient({ region: 'us-east-1' });

const group = (
  app: string,
  name: string,
  service: string,
  cluster = 'prod',
): DeploymentGroupInfo => ({
  applicationName: app,
  deploymentGroupName: name,
  computePlatform: 'ECS',
  ecsServices: [{ clusterName: cluster, serviceName: service }],
});

const world = (apps: Record<string, DeploymentGroupInfo[]>) => mockInventory(cd, apps);

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

beforeEach(() => {
  cd.reset();
});

describe('findDeploymentGroup', () => {
  it('finds the one group that deploys the service (cluster given as an ARN)', async () => {
    world({
      web: [group('web', 'web-prod', 'web')],
      api: [group('api', 'api-staging', 'api', 'staging'), group('api', 'api-prod', 'api')],
    });
    const ref = await findDeploymentGroup(client, {
      cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
      service: 'api',
    });
    expect([ref.application, ref.group.deploymentGroupName]).toEqual(['api', 'api-prod']);
  });

  it('follows ListApplications pages', async () => {
    cd.on(ListApplicationsCommand)
      .resolvesOnce({ applications: ['a'], nextToken: 't' })
      .resolvesOnce({ applications: ['api'] });
    cd.on(ListDeploymentGroupsCommand, { applicationName: 'a' }).resolves({ deploymentGroups: [] });
    cd.on(ListDeploymentGroupsCommand, { applicationName: 'api' }).resolves({
      deploymentGroups: ['g'],
    });
    cd.on(BatchGetDeploymentGroupsCommand).resolves({
      deploymentGroupsInfo: [group('api', 'g', 'api')],
    });
    const ref = await findDeploymentGroup(client, { cluster: 'prod', service: 'api' });
    expect(ref.group.deploymentGroupName).toBe('g');
    expect(cd.commandCalls(ListApplicationsCommand).map((c) => c.args[0].input)).toEqual([
      {},
      { nextToken: 't' },
    ]);
    // the empty application is not described
    expect(cd.commandCalls(BatchGetDeploymentGroupsCommand)).toHaveLength(1);
  });

  it('none: a ConfigurationError saying how to fix it', async () => {
    world({ web: [group('web', 'web-prod', 'web')] });
    const error = await failure(findDeploymentGroup(client, { cluster: 'prod', service: 'api' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      "No CodeDeploy deployment group deploys service 'api' of cluster 'prod'. Create one for the service, or name it with 'codedeploy-application' and 'codedeploy-deployment-group'.",
    );
  });

  it('several: names every match', async () => {
    world({ a: [group('a', 'g1', 'api')], b: [group('b', 'g2', 'api')] });
    const error = await failure(findDeploymentGroup(client, { cluster: 'prod', service: 'api' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('a/g1, b/g2');
  });

  it('an application alone limits the search to it', async () => {
    world({ a: [group('a', 'g1', 'api')], b: [group('b', 'g2', 'api')] });
    const ref = await findDeploymentGroup(client, {
      cluster: 'prod',
      service: 'api',
      application: 'b',
    });
    expect(ref.group.deploymentGroupName).toBe('g2');
    expect(cd.commandCalls(ListApplicationsCommand)).toHaveLength(0);
  });

  it('a group name alone is looked for in every application', async () => {
    world({ a: [group('a', 'g1', 'api')], b: [group('b', 'g2', 'api')] });
    const ref = await findDeploymentGroup(client, { cluster: 'prod', service: 'api', group: 'g1' });
    expect(ref.application).toBe('a');
    expect(cd.commandCalls(BatchGetDeploymentGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { applicationName: 'a', deploymentGroupNames: ['g1'] },
    ]);
  });

  it('skips applications the role may not read', async () => {
    world({ secret: [], api: [group('api', 'g', 'api')] });
    cd.on(ListDeploymentGroupsCommand, { applicationName: 'secret' }).rejects(
      Object.assign(new Error('denied'), { name: 'AccessDeniedException' }),
    );
    const ref = await findDeploymentGroup(client, { cluster: 'prod', service: 'api' });
    expect(ref.application).toBe('api');
  });

  it('named application and group: one GetDeploymentGroup, checked against the service', async () => {
    cd.on(GetDeploymentGroupCommand).resolves({ deploymentGroupInfo: group('a', 'g', 'worker') });
    const error = await failure(
      findDeploymentGroup(client, {
        cluster: 'prod',
        service: 'api',
        application: 'a',
        group: 'g',
      }),
    );
    expect(error.message).toBe(
      "Input 'codedeploy-deployment-group' names 'a/g', which deploys prod/worker, not prod/api.",
    );
    expect(cd.calls()).toHaveLength(1);
  });

  it('named group that does not exist', async () => {
    cd.on(GetDeploymentGroupCommand).rejects(
      Object.assign(new Error('nope'), { name: 'DeploymentGroupDoesNotExistException' }),
    );
    const error = await failure(
      findDeploymentGroup(client, {
        cluster: 'prod',
        service: 'api',
        application: 'a',
        group: 'g',
      }),
    );
    expect(error.message).toBe(
      "Input 'codedeploy-deployment-group' names 'g', which does not exist in application 'a'.",
    );
  });
});
