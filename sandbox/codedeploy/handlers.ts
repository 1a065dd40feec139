/** The CodeDeploy operations the pack uses, typed with the SDK's command inputs and outputs. */
import { createHash } from 'node:crypto';
import type * as CodeDeploy from '@aws-sdk/client-codedeploy';
import { parse as parseYaml } from 'yaml';
import { AwsError, type JsonHandlers } from '../core/json-protocol.js';
import type { PluginContext } from '../core/plugin.js';
import type { TaskDefinition } from '@aws-sdk/client-ecs';
import { findTaskDefinition } from '../ecs/task-definitions.js';
import { launchReplacementTasks } from './replacement-tasks.js';
import { LIFECYCLE_EVENTS, type LifecycleEventName } from './scenario.js';
import { Playback, codedeployState, groupInfo, newDeploymentId } from './state.js';
import type { DeploymentRecord, GroupRecord } from './timeline.js';

type Handlers = JsonHandlers<typeof CodeDeploy>;

function page<T>(items: T[], nextToken: string | undefined, size = 100) {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new AwsError(
      'InvalidNextTokenException',
      'The next token was specified in an invalid format.',
    );
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: Obj, name: string): unknown =>
  o[Object.keys(o).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ''];

interface ParsedAppSpec {
  taskDefinition: string;
  containerName?: string;
  hooks: Partial<Record<LifecycleEventName, string>>;
}

function parseRevision(content: string): ParsedAppSpec {
  let doc: unknown;
  try {
    doc = parseYaml(content);
  } catch {
    throw new AwsError(
      'InvalidRevisionException',
      'The AppSpec content is not valid YAML or JSON.',
    );
  }
  const resources = isObj(doc) ? get(doc, 'Resources') : undefined;
  const first =
    Array.isArray(resources) && isObj(resources[0]) ? Object.values(resources[0])[0] : undefined;
  const props = isObj(first) ? get(first, 'Properties') : undefined;
  const taskDefinition = isObj(props) ? get(props, 'TaskDefinition') : undefined;
  if (typeof taskDefinition !== 'string' || taskDefinition === '')
    throw new AwsError(
      'InvalidRevisionException',
      'The AppSpec has no TaskDefinition for the target service.',
    );
  const lb = isObj(props) ? get(props, 'LoadBalancerInfo') : undefined;
  const containerName = isObj(lb) ? get(lb, 'ContainerName') : undefined;
  const hooks: Partial<Record<LifecycleEventName, string>> = {};
  const list = isObj(doc) ? get(doc, 'Hooks') : undefined;
  for (const hook of Array.isArray(list) ? list : []) {
    for (const [event, fn] of Object.entries(isObj(hook) ? hook : {})) {
      if ((LIFECYCLE_EVENTS as readonly string[]).includes(event) && typeof fn === 'string')
        hooks[event as LifecycleEventName] = fn;
    }
  }
  const parsed: ParsedAppSpec = { taskDefinition, hooks };
  if (typeof containerName === 'string') parsed.containerName = containerName;
  return parsed;
}

export function codedeployHandlers(ctx: PluginContext): Handlers {
  const state = codedeployState(ctx);
  const playback = new Playback(ctx, state);

  const application = (name: string | undefined) => {
    const app = name ? state.applications.get(name) : undefined;
    if (!name)
      throw new AwsError(
        'ApplicationNameRequiredException',
        'The minimum number of required application names was not specified.',
      );
    if (!app)
      throw new AwsError(
        'ApplicationDoesNotExistException',
        `No application found for name: ${name}`,
      );
    return app;
  };
  const group = (app: string | undefined, name: string | undefined): GroupRecord => {
    application(app);
    if (!name)
      throw new AwsError(
        'DeploymentGroupNameRequiredException',
        'The deployment group name was not specified.',
      );
    const found = state.groups.find((g) => g.application === app && g.name === name);
    if (!found)
      throw new AwsError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${name}`,
      );
    return found;
  };
  const deployment = (id: string | undefined): DeploymentRecord => {
    if (!id)
      throw new AwsError(
        'DeploymentIdRequiredException',
        'At least one deployment ID must be specified.',
      );
    const found = state.deployments.get(id);
    if (!found)
      throw new AwsError(
        'DeploymentDoesNotExistException',
        `The deployment ${id} could not be found.`,
      );
    return found;
  };

  return {
    ListApplications: (input) => {
      const { items, nextToken } = page([...state.applications.keys()].sort(), input.nextToken);
      return nextToken ? { applications: items, nextToken } : { applications: items };
    },
    BatchGetApplications: (input) => ({
      applicationsInfo: (input.applicationNames ?? []).map((name) => {
        const app = application(name);
        return {
          applicationName: app.name,
          computePlatform: app.computePlatform as 'ECS',
          createTime: app.createdAt,
          linkedToGitHub: false,
        };
      }),
    }),
    ListDeploymentGroups: (input) => {
      application(input.applicationName);
      const names = state.groups
        .filter((g) => g.application === input.applicationName)
        .map((g) => g.name);
      const { items, nextToken } = page(names.sort(), input.nextToken);
      return {
        applicationName: input.applicationName,
        deploymentGroups: items,
        ...(nextToken ? { nextToken } : {}),
      };
    },
    BatchGetDeploymentGroups: (input) => {
      application(input.applicationName);
      const infos = [];
      const missing = [];
      for (const name of input.deploymentGroupNames ?? []) {
        const found = state.groups.find(
          (g) => g.application === input.applicationName && g.name === name,
        );
        if (found) infos.push(groupInfo(found));
        else missing.push(name);
      }
      return {
        deploymentGroupsInfo: infos,
        ...(missing.length
          ? { errorMessage: `Deployment groups not found: ${missing.join(', ')}` }
          : {}),
      };
    },
    GetDeploymentGroup: (input) => ({
      deploymentGroupInfo: groupInfo(group(input.applicationName, input.deploymentGroupName)),
    }),
    GetDeploymentConfig: (input) => {
      const config = input.deploymentConfigName
        ? state.configs.get(input.deploymentConfigName)
        : undefined;
      if (!config)
        throw new AwsError(
          'DeploymentConfigDoesNotExistException',
          `No deployment configuration found for name: ${input.deploymentConfigName}`,
        );
      return { deploymentConfigInfo: config };
    },
    CreateDeployment: (input) => {
      const g = group(input.applicationName, input.deploymentGroupName);
      const configName = input.deploymentConfigName ?? g.deploymentConfigName;
      const config = state.configs.get(configName);
      if (!config)
        throw new AwsError(
          'DeploymentConfigDoesNotExistException',
          `No deployment configuration found for name: ${configName}`,
        );
      const revision = input.revision;
      if (!revision)
        throw new AwsError('RevisionRequiredException', 'The revision ID was not specified.');
      if (revision.revisionType !== 'AppSpecContent' || !revision.appSpecContent?.content)
        throw new AwsError(
          'InvalidRevisionException',
          'An ECS deployment needs an AppSpecContent revision.',
        );
      const { content, sha256 } = revision.appSpecContent;
      if (sha256 && createHash('sha256').update(content).digest('hex') !== sha256)
        throw new AwsError(
          'InvalidRevisionException',
          'The sha256 of the AppSpec content does not match its content.',
        );
      const appspec = parseRevision(content);
      const active = [...state.deployments.values()].find(
        (d) => d.group === g && playback.isActive(d),
      );
      if (active)
        throw new AwsError(
          'DeploymentLimitExceededException',
          `The Deployment Group '${g.name}' already has an active Deployment '${active.id}'`,
        );
      const record: DeploymentRecord = {
        id: newDeploymentId(),
        group: g,
        configName,
        routing: config.trafficRoutingConfig ?? { type: 'AllAtOnce' },
        createdAt: ctx.clock.now(),
        appSpecContent: content,
        taskDefinition: appspec.taskDefinition,
        hooks: appspec.hooks,
        script: state.scripts.shift() ?? state.defaultScript,
        autoRollback: input.autoRollbackConfiguration ?? g.autoRollback,
        creator: 'user',
      };
      if (sha256) record.sha256 = sha256;
      if (input.description) record.description = input.description;
      const ecs = ctx.state.ecs;
      let definition: TaskDefinition | undefined;
      if (ecs) {
        const def = findTaskDefinition(ecs, appspec.taskDefinition);
        definition = def?.definition;
        if (!def)
          record.invalid = {
            message: `The task definition ${appspec.taskDefinition} does not exist.`,
          };
        else if (
          appspec.containerName &&
          !(def.definition.containerDefinitions ?? []).some((c) => c.name === appspec.containerName)
        )
          record.invalid = {
            message: `The container ${appspec.containerName} does not exist in the task definition.`,
          };
      }
      state.deployments.set(record.id, record);
      if (definition && !record.invalid) launchReplacementTasks(ctx, record, definition);
      return { deploymentId: record.id };
    },
    GetDeployment: (input) => ({
      deploymentInfo: playback.view(deployment(input.deploymentId)).info,
    }),
    BatchGetDeployments: (input) => ({
      deploymentsInfo: (input.deploymentIds ?? []).map((id) => playback.view(deployment(id)).info),
    }),
    ListDeploymentTargets: (input) => {
      const record = deployment(input.deploymentId);
      return { targetIds: [`${record.group.cluster}:${record.group.service}`] };
    },
    BatchGetDeploymentTargets: (input) => {
      const record = deployment(input.deploymentId);
      const view = playback.view(record);
      const targets = (input.targetIds ?? []).map((id) => {
        if (id !== view.target.targetId)
          throw new AwsError(
            'DeploymentTargetDoesNotExistException',
            `The target ${id} does not exist.`,
          );
        return { deploymentTargetType: 'ECSTarget' as const, ecsTarget: view.target };
      });
      return { deploymentTargets: targets };
    },
    StopDeployment: (input) => {
      const record = deployment(input.deploymentId);
      if (record.stopRequest || !playback.isActive(record))
        throw new AwsError(
          'DeploymentAlreadyCompletedException',
          `The deployment ${record.id} has already completed.`,
        );
      const rollback =
        input.autoRollbackEnabled ??
        Boolean(
          record.autoRollback.enabled &&
          record.autoRollback.events?.includes('DEPLOYMENT_STOP_ON_REQUEST'),
        );
      record.stopRequest = { at: ctx.clock.now(), rollback };
      return { status: 'Pending', statusMessage: 'Stopping the deployment.' };
    },
  };
}
