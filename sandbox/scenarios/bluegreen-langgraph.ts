/**
 * Blue/green scenarios for the LangGraph platform team (seed 002): an ECS service on the
 * CODE_DEPLOY controller behind an ALB, its CodeDeploy application and deployment group
 * (canary 10 % for 5 minutes by default, watched by the 5xx and latency alarms, auto-rollback on),
 * and the team's custom linear config (10 % every 5 minutes).
 * `bluegreenScenario(script, overrides)` builds variants: a hook failure, an alarm stop, a
 * deployment that never finishes, several groups for one service, replacement tasks that crash.
 */
import type {
  CodeDeployScenario,
  DeploymentGroupSeed,
  DeploymentScript,
} from '../codedeploy/scenario.js';
import type { Scenario } from '../core/scenario.js';
import type { TaskDefinitionSeed } from '../ecs/scenario.js';

export const BG_CLUSTER = 'langgraph-production-cluster';
export const BG_SERVICE = 'langgraph-api';
export const BG_APPLICATION = 'langgraph-production';
export const BG_GROUP = 'langgraph-production-api';
export const BG_ALARMS = ['alb-5xx-errors', 'alb-response-time'];
export const BG_LINEAR_CONFIG = 'LangGraph.ECSLinear10PercentEvery5Minutes';

export const bgTaskDefinition: TaskDefinitionSeed = {
  family: 'langgraph-api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
  executionRoleArn: 'arn:aws:iam::123456789012:role/langgraph-ecs-execution',
  taskRoleArn: 'arn:aws:iam::123456789012:role/langgraph-ecs-task',
  containerDefinitions: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/langgraph-platform:1.4.0',
      essential: true,
      portMappings: [{ containerPort: 8000, protocol: 'tcp' }],
    },
  ],
};

export const bgGroup: DeploymentGroupSeed = {
  application: BG_APPLICATION,
  name: BG_GROUP,
  cluster: BG_CLUSTER,
  service: BG_SERVICE,
  deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
  terminationWaitMinutes: 5,
  autoRollback: { enabled: true, events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] },
  alarms: BG_ALARMS,
  targetGroups: ['langgraph-api-blue', 'langgraph-api-green'],
};

/** The same definition, its container logging to CloudWatch Logs (awslogs with a stream prefix). */
export const bgLoggedTaskDefinition: TaskDefinitionSeed = {
  ...bgTaskDefinition,
  containerDefinitions: bgTaskDefinition.containerDefinitions!.map((c) => ({
    ...c,
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/langgraph-api',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'langgraph',
      },
    },
  })),
};

export interface BlueGreenOverrides {
  groups?: DeploymentGroupSeed[];
  /** The service's registered definition (default `bgTaskDefinition`). */
  taskDefinition?: TaskDefinitionSeed;
  codedeploy?: Partial<CodeDeployScenario>;
}

/** The LangGraph service and group, with `script` for every deployment created. */
export function bluegreenScenario(
  script: DeploymentScript = {},
  overrides: BlueGreenOverrides = {},
): Scenario {
  return {
    name: 'bluegreen-langgraph',
    description: 'LangGraph API on CodeDeploy blue/green: canary, linear, alarms, rollback',
    timeScale: 0.002,
    ecs: {
      clusters: [BG_CLUSTER],
      taskDefinitions: [overrides.taskDefinition ?? bgTaskDefinition],
    },
    ecsServices: {
      services: [
        {
          cluster: BG_CLUSTER,
          name: BG_SERVICE,
          taskDefinition: 'langgraph-api:1',
          desiredCount: 2,
          launchType: 'FARGATE',
          deploymentController: 'CODE_DEPLOY',
          loadBalancers: [
            {
              targetGroupArn:
                'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/langgraph-api-blue/0123456789abcdef',
              containerName: 'app',
              containerPort: 8000,
            },
          ],
        },
      ],
    },
    codedeploy: {
      deploymentGroups: overrides.groups ?? [bgGroup],
      deploymentConfigs: [
        {
          name: BG_LINEAR_CONFIG,
          trafficRoutingConfig: {
            type: 'TimeBasedLinear',
            timeBasedLinear: { linearPercentage: 10, linearInterval: 5 },
          },
        },
      ],
      defaultScript: script,
      ...overrides.codedeploy,
    },
  };
}

export const bluegreenLanggraph = bluegreenScenario();
