/**
 * Finds the CodeDeploy application and deployment group that deploy a service, when the inputs
 * do not name them (ListApplications, ListDeploymentGroups, BatchGetDeploymentGroups), and checks
 * them when they do. Read-only: runs before any mutating call.
 */
import {
  BatchGetDeploymentGroupsCommand,
  GetDeploymentGroupCommand,
  ListApplicationsCommand,
  ListDeploymentGroupsCommand,
  type CodeDeployClient,
  type DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import { errorCode } from '../../lib/aws-errors.js';
import { ConfigurationError, inputError } from '../../lib/errors.js';

const APP = 'codedeploy-application';
const GROUP = 'codedeploy-deployment-group';

export interface GroupRef {
  application: string;
  group: DeploymentGroupInfo;
}

const lastSegment = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

/** Does the group deploy this service of this cluster? */
export function deploysService(
  group: DeploymentGroupInfo,
  cluster: string,
  service: string,
): boolean {
  return (group.ecsServices ?? []).some(
    (s) => s.serviceName === service && lastSegment(s.clusterName ?? '') === lastSegment(cluster),
  );
}

export const describeGroupRef = (ref: GroupRef): string =>
  `${ref.application}/${ref.group.deploymentGroupName ?? '?'}`;

async function listApplications(client: CodeDeployClient): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListApplicationsCommand(nextToken ? { nextToken } : {}));
    names.push(...(page.applications ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

async function listGroups(client: CodeDeployClient, application: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListDeploymentGroupsCommand({
        applicationName: application,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    names.push(...(page.deploymentGroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}

async function describeGroups(
  client: CodeDeployClient,
  application: string,
  names: string[],
): Promise<DeploymentGroupInfo[]> {
  const infos: DeploymentGroupInfo[] = [];
  for (let i = 0; i < names.length; i += 100) {
    const out = await client.send(
      new BatchGetDeploymentGroupsCommand({
        applicationName: application,
        deploymentGroupNames: names.slice(i, i + 100),
      }),
    );
    infos.push(...(out.deploymentGroupsInfo ?? []));
  }
  return infos;
}

export interface DiscoveryInput {
  cluster: string;
  service: string;
  application?: string | undefined;
  group?: string | undefined;
}

/** The one deployment group that deploys the service; a ConfigurationError when none or several do. */
export async function findDeploymentGroup(
  client: CodeDeployClient,
  input: DiscoveryInput,
): Promise<GroupRef> {
  const { cluster, service } = input;
  if (input.application && input.group) {
    let group: DeploymentGroupInfo | undefined;
    try {
      const out = await client.send(
        new GetDeploymentGroupCommand({
          applicationName: input.application,
          deploymentGroupName: input.group,
        }),
      );
      group = out.deploymentGroupInfo;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ApplicationDoesNotExistException')
        throw inputError(APP, `names '${input.application}', which does not exist.`);
      if (code === 'DeploymentGroupDoesNotExistException')
        throw inputError(
          GROUP,
          `names '${input.group}', which does not exist in application '${input.application}'.`,
        );
      throw error;
    }
    if (!group)
      throw inputError(GROUP, `names '${input.group}', which CodeDeploy did not describe.`);
    if (!deploysService(group, cluster, service)) {
      const targets = (group.ecsServices ?? [])
        .map((s) => `${s.clusterName}/${s.serviceName}`)
        .join(', ');
      throw inputError(
        GROUP,
        `names '${input.application}/${input.group}', which deploys ${targets || 'no ECS service'}, not ${lastSegment(cluster)}/${service}.`,
      );
    }
    return { application: input.application, group };
  }

  let applications: string[];
  if (input.application) {
    applications = [input.application];
  } else {
    applications = await listApplications(client);
  }
  const matches: GroupRef[] = [];
  const unreadable: string[] = [];
  for (const application of applications) {
    let names: string[];
    let groups: DeploymentGroupInfo[];
    try {
      names = await listGroups(client, application);
      if (input.group) names = names.filter((name) => name === input.group);
      if (names.length === 0) continue;
      groups = await describeGroups(client, application, names);
    } catch (error) {
      const code = errorCode(error);
      if (input.application && code === 'ApplicationDoesNotExistException')
        throw inputError(APP, `names '${input.application}', which does not exist.`);
      // A least-privilege role may read only its own application: skip the ones it cannot.
      if (!input.application && code === 'AccessDeniedException') {
        unreadable.push(application);
        continue;
      }
      throw error;
    }
    for (const group of groups) {
      if (group.computePlatform && group.computePlatform !== 'ECS') continue;
      if (deploysService(group, cluster, service)) matches.push({ application, group });
    }
  }
  const scope = input.application
    ? ` in application '${input.application}'`
    : input.group
      ? ` named '${input.group}'`
      : '';
  if (matches.length === 0) {
    throw new ConfigurationError(
      `No CodeDeploy deployment group${scope} deploys service '${service}' of cluster '${lastSegment(cluster)}'. ` +
        `Create one for the service, or name it with '${APP}' and '${GROUP}'.` +
        (unreadable.length
          ? ` (Access was denied to the groups of: ${unreadable.join(', ')}.)`
          : ''),
    );
  }
  if (matches.length > 1) {
    throw new ConfigurationError(
      `Several CodeDeploy deployment groups${scope} deploy service '${service}': ` +
        `${matches.map(describeGroupRef).join(', ')}. Name one with '${APP}' and '${GROUP}'.`,
    );
  }
  return matches[0]!;
}
