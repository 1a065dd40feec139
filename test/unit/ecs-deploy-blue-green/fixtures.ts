/** Shared fixtures for the blue/green unit tests: inputs and a mocked CodeDeploy inventory. */
import {
  BatchGetDeploymentGroupsCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  type CodeDeployClientResolvedConfig,
  type DeploymentGroupInfo,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-codedeploy';
import type { AwsStub } from 'aws-sdk-client-mock';
import type { Inputs } from '../../../src/ecs-deploy/types.js';

/** ecs-deploy inputs for a blue/green service `api` on cluster `prod`, with overrides. */
export const bgInputs = (over: Partial<Inputs> = {}): Inputs => ({
  cluster: 'prod',
  services: ['api'],
  images: new Map(),
  strategy: 'auto',
  wait: true,
  timeoutMs: 60_000,
  pollIntervalMs: 1000,
  'rollback-on-failure': true,
  'on-pause': 'stop',
  'force-new-deployment': false,
  'dry-run': false,
  'allow-family-change': false,
  ...over,
});

type CodeDeployMock = AwsStub<
  ServiceInputTypes,
  ServiceOutputTypes,
  CodeDeployClientResolvedConfig
>;

/** Answers ListApplications, ListDeploymentGroups and BatchGetDeploymentGroups from `apps`. */
export function mockInventory(cd: CodeDeployMock, apps: Record<string, DeploymentGroupInfo[]>) {
  cd.on(ListApplicationsCommand).resolves({ applications: Object.keys(apps) });
  for (const [app, groups] of Object.entries(apps)) {
    cd.on(ListDeploymentGroupsCommand, { applicationName: app }).resolves({
      applicationName: app,
      deploymentGroups: groups.map((g) => g.deploymentGroupName!),
    });
    cd.on(BatchGetDeploymentGroupsCommand, { applicationName: app }).callsFake((input) => ({
      deploymentGroupsInfo: groups.filter((g) =>
        input.deploymentGroupNames.includes(g.deploymentGroupName),
      ),
    }));
  }
}
