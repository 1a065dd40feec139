/**
 * Finds the CodeDeploy application and deployment group that deploy a service, when the inputs
 * do not name them (ListApplications, ListDeploymentGroups, BatchGetDeploymentGroups), and checks
 * them when they do. Read-only: runs before any mutating call. The inventory (the ECS groups of
 * every application searched) is read once per run and shared by its services (`DiscoveryMemo`).
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
import { chunks } from '../../lib/chunks.js';
import { ConfigurationError, inputError } from '../../lib/errors.js';
import { arnTail } from '../../lib/arn.js';

const APP = 'codedeploy-application';
const GROUP = 'codedeploy-deployment-group';

export interface GroupRef {
  application: string;
  group: DeploymentGroupInfo;
}

/** Does the group deploy this service of this cluster? */
export function deploysService(
  group: DeploymentGroupInfo,
  cluster: string,
  service: string,
): boolean {
  return (group.ecsServices ?? []).some(
    (s) => s.serviceName === service && arnTail(s.clusterName ?? '') === arnTail(cluster),
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
  for (const batch of chunks(names, 100)) {
    const out = await client.send(
      new BatchGetDeploymentGroupsCommand({
        applicationName: application,
        deploymentGroupNames: batch,
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

/** The ECS deployment groups of the applications searched, in application order. */
interface Inventory {
  groups: GroupRef[];
  /** Applications whose groups the role may not read. */
  unreadable: string[];
}

/**
 * Inventories already read (or being read) in this run, by search scope (the application and
 * group inputs), so N blue/green services list and describe the groups once, not N times.
 */
export interface DiscoveryMemo {
  inventories: Map<string, Promise<Inventory>>;
}

export const createDiscoveryMemo = (): DiscoveryMemo => ({ inventories: new Map() });

async function readInventory(
  client: CodeDeployClient,
  application: string | undefined,
  group: string | undefined,
): Promise<Inventory> {
  const applications = application ? [application] : await listApplications(client);
  const inventory: Inventory = { groups: [], unreadable: [] };
  for (const app of applications) {
    let names: string[];
    let groups: DeploymentGroupInfo[];
    try {
      names = await listGroups(client, app);
      if (group) names = names.filter((name) => name === group);
      if (names.length === 0) continue;
      groups = await describeGroups(client, app, names);
    } catch (error) {
      const code = errorCode(error);
      if (application && code === 'ApplicationDoesNotExistException')
        throw inputError(APP, `names '${application}', which does not exist.`);
      // A least-privilege role may read only its own application: skip the ones it cannot.
      if (!application && code === 'AccessDeniedException') {
        inventory.unreadable.push(app);
        continue;
      }
      throw error;
    }
    for (const info of groups) {
      if (info.computePlatform && info.computePlatform !== 'ECS') continue;
      inventory.groups.push({ application: app, group: info });
    }
  }
  return inventory;
}

/** The one deployment group that deploys the service; a ConfigurationError when none or several do. */
export async function findDeploymentGroup(
  client: CodeDeployClient,
  input: DiscoveryInput,
  memo: DiscoveryMemo = createDiscoveryMemo(),
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
        `names '${input.application}/${input.group}', which deploys ${targets || 'no ECS service'}, not ${arnTail(cluster)}/${service}.`,
      );
    }
    return { application: input.application, group };
  }

  const key = JSON.stringify([input.application ?? null, input.group ?? null]);
  let pending = memo.inventories.get(key);
  if (!pending) {
    pending = readInventory(client, input.application, input.group);
    memo.inventories.set(key, pending);
  }
  const { groups, unreadable } = await pending;
  const matches = groups.filter((ref) => deploysService(ref.group, cluster, service));
  const scope = input.application
    ? ` in application '${input.application}'`
    : input.group
      ? ` named '${input.group}'`
      : '';
  if (matches.length === 0) {
    throw new ConfigurationError(
      `No CodeDeploy deployment group${scope} deploys service '${service}' of cluster '${arnTail(cluster)}'. ` +
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
