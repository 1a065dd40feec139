/**
 * The CodeDeploy state on `ctx.state.codedeploy`: applications, deployment groups, configs and
 * deployments. Deployment status is never stored: it is played back from each record's timeline
 * at the time of the request (`settle` only creates the rollback deployments whose time came).
 */
import { randomBytes } from 'node:crypto';
import type {
  AutoRollbackConfiguration,
  DeploymentConfigInfo,
  DeploymentGroupInfo,
} from '@aws-sdk/client-codedeploy';
import type { PluginContext } from '../core/plugin.js';
import { ACCOUNT, REGION } from '../ecs/arns.js';
import { PREDEFINED_CONFIGS, configInfo } from './configs.js';
import type { DeploymentScript } from './scenario.js';
import {
  endOf,
  greenAt,
  planOf,
  viewAt,
  type DeploymentRecord,
  type GroupRecord,
  type Plan,
  type View,
} from './timeline.js';

export interface CodeDeployState {
  applications: Map<string, { name: string; computePlatform: string; createdAt: Date }>;
  groups: GroupRecord[];
  configs: Map<string, DeploymentConfigInfo>;
  deployments: Map<string, DeploymentRecord>;
  /** Scripts for the next user deployments, consumed in order. */
  scripts: DeploymentScript[];
  defaultScript: DeploymentScript;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    codedeploy: CodeDeployState;
  }
}

const DEFAULT_ROLLBACK: AutoRollbackConfiguration = {
  enabled: true,
  events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'],
};

export function codedeployState(ctx: PluginContext): CodeDeployState {
  if (ctx.state.codedeploy) return ctx.state.codedeploy;
  const scenario = ctx.scenario.codedeploy ?? {};
  const created = ctx.clock.date();
  const state: CodeDeployState = {
    applications: new Map(),
    groups: [],
    configs: new Map(),
    deployments: new Map(),
    scripts: [...(scenario.deployments ?? [])],
    defaultScript: scenario.defaultScript ?? {},
  };
  for (const [name, routing] of Object.entries(PREDEFINED_CONFIGS))
    state.configs.set(name, configInfo(name, routing, new Date(0)));
  for (const config of scenario.deploymentConfigs ?? [])
    state.configs.set(config.name, configInfo(config.name, config.trafficRoutingConfig, created));
  for (const app of scenario.applications ?? [])
    state.applications.set(app.name, {
      name: app.name,
      computePlatform: app.computePlatform ?? 'ECS',
      createdAt: created,
    });
  for (const seed of scenario.deploymentGroups ?? []) {
    if (!state.applications.has(seed.application))
      state.applications.set(seed.application, {
        name: seed.application,
        computePlatform: 'ECS',
        createdAt: created,
      });
    state.groups.push({
      application: seed.application,
      name: seed.name,
      id: randomBytes(8).toString('hex'),
      cluster: seed.cluster,
      service: seed.service,
      deploymentConfigName: seed.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce',
      terminationWaitMinutes: seed.terminationWaitMinutes ?? 0,
      autoRollback: seed.autoRollback ?? DEFAULT_ROLLBACK,
      alarms: seed.alarms ?? [],
      targetGroups: seed.targetGroups ?? [`${seed.service}-blue`, `${seed.service}-green`],
      testTraffic: seed.testTraffic ?? true,
    });
  }
  ctx.state.codedeploy = state;
  return state;
}

export function newDeploymentId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return `d-${[...randomBytes(9)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export const serviceArn = (cluster: string, service: string) =>
  `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${service}`;

export function groupInfo(group: GroupRecord): DeploymentGroupInfo {
  const info: DeploymentGroupInfo = {
    applicationName: group.application,
    deploymentGroupId: group.id,
    deploymentGroupName: group.name,
    deploymentConfigName: group.deploymentConfigName,
    serviceRoleArn: `arn:aws:iam::${ACCOUNT}:role/codedeploy-ecs`,
    autoRollbackConfiguration: group.autoRollback,
    alarmConfiguration: {
      enabled: group.alarms.length > 0,
      ignorePollAlarmFailure: false,
      alarms: group.alarms.map((name) => ({ name })),
    },
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    blueGreenDeploymentConfiguration: {
      terminateBlueInstancesOnDeploymentSuccess: {
        action: 'TERMINATE',
        terminationWaitTimeInMinutes: group.terminationWaitMinutes,
      },
      deploymentReadyOption: { actionOnTimeout: 'CONTINUE_DEPLOYMENT', waitTimeInMinutes: 0 },
    },
    loadBalancerInfo: {
      targetGroupPairInfoList: [
        {
          targetGroups: group.targetGroups.map((name) => ({ name })),
          prodTrafficRoute: {
            listenerArns: [
              `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/${group.service}/prod`,
            ],
          },
          ...(group.testTraffic
            ? {
                testTrafficRoute: {
                  listenerArns: [
                    `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/${group.service}/test`,
                  ],
                },
              }
            : {}),
        },
      ],
    },
    ecsServices: [{ clusterName: group.cluster, serviceName: group.service }],
    computePlatform: 'ECS',
  };
  return info;
}

export class Playback {
  constructor(
    private readonly ctx: PluginContext,
    private readonly state: CodeDeployState,
  ) {}

  private scale = (seconds: number): number => this.ctx.clock.scale(seconds);

  plan(record: DeploymentRecord): Plan {
    return planOf(record, this.scale);
  }

  /** Creates the rollback deployments whose time has come (rollbacks start when a failure lands). */
  settle(): void {
    const now = this.ctx.clock.now();
    for (const record of [...this.state.deployments.values()]) {
      if (record.rollbackDeploymentId || record.rollbackOf) continue;
      const plan = this.plan(record);
      const failure = plan.failure;
      if (!failure?.rollback || now < failure.at) continue;
      const rollback: DeploymentRecord = {
        ...record,
        id: newDeploymentId(),
        createdAt: failure.at,
        creator: 'codeDeployRollback',
        rollbackOf: { id: record.id, greenPercent: greenAt(record, plan, failure.at, this.scale) },
        description: `Rollback of ${record.id}`,
      };
      delete rollback.stopRequest;
      delete rollback.rollbackDeploymentId;
      delete rollback.invalid;
      record.rollbackDeploymentId = rollback.id;
      this.state.deployments.set(rollback.id, rollback);
    }
  }

  isActive(record: DeploymentRecord): boolean {
    return this.ctx.clock.now() < endOf(this.plan(record));
  }

  view(record: DeploymentRecord): View {
    this.settle();
    const now = this.ctx.clock.now();
    let rolledBack = false;
    if (record.rollbackDeploymentId) {
      const rollback = this.state.deployments.get(record.rollbackDeploymentId);
      if (rollback) {
        const plan = this.plan(rollback);
        rolledBack = !plan.failure && now >= plan.successAt;
      }
    }
    return viewAt(record, this.plan(record), {
      now,
      scale: this.scale,
      rolledBack,
      serviceArn: serviceArn(record.group.cluster, record.group.service),
    });
  }
}
