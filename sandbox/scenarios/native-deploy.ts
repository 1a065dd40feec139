/**
 * Native ECS deployments of the LangGraph agent platform (seed 002) on
 * `langgraph-production-cluster`: the API behind an ALB as BLUE_GREEN with a 5-minute bake, CANARY
 * 10 % / 5 minutes, LINEAR with AWS's defaults (10 % steps, 6 minutes apart: 54 minutes of
 * stepping), a CANARY gated by a PAUSE hook before production traffic, a BLUE_GREEN with a Lambda
 * smoke-test hook, a BLUE_GREEN behind a Network Load Balancer (AWS's 10-minute stage delays), an
 * Express Mode service, the worker on ROLLING, and the checkpoint store on ROLLING with an EBS
 * volume configured at launch (`langgraph-checkpointer`, 20 GiB gp3). Alarms `alb-5xx-errors` and
 * `alb-response-time` roll back. The image tag picks what a deployment meets:
 *
 * | tag | the deployment |
 * | --- | --- |
 * | any other | healthy: SUCCESSFUL at `nativeSeconds(service)` scenario seconds |
 * | `:alarm` | `alb-5xx-errors` goes to ALARM at 120 s (in the canary bake), rollback ROLLBACK_SUCCESSFUL 10 s later |
 * | `:late-alarm` | `alb-response-time` goes to ALARM at 400 s (in the canary service's BAKE_TIME) |
 * | `:rollback-fails` | `alb-5xx-errors` at 120 s, and the rollback ends ROLLBACK_FAILED |
 * | `:hang` | tasks stay PENDING: SCALE_UP never ends (stuck for ever) |
 * | `:stuck` | stuck in PRODUCTION_TRAFFIC_SHIFT with the first shift applied |
 * | `:stopped` | someone else's StopServiceDeployment (ABORT) at 30 s: STOPPED |
 * | `:crash` | tasks exit 1 after 4 s: the circuit breaker (threshold 3) trips and rolls back |
 * | `:hook-fails` | the Lambda hook returns FAILED: rollback |
 *
 * `nativeScenario({ deniedOperations })` builds the variant whose role may not read service
 * deployments (AccessDeniedException); `nativeScenario({ services: [...NATIVE_SERVICES,
 * nativeService('langgraph-api-x', { ... })] })` adds services (a PAUSE hook at another stage,
 * alarms without rollback); their task definition family is the service name.
 */
import type { LoadBalancer } from '@aws-sdk/client-ecs';
import type { Scenario } from '../core/scenario.js';
import type { TaskDefinitionSeed } from '../ecs/scenario.js';
import { nativePlan, plannedSeconds } from '../ecs-services/native-plan.js';
import type { EcsServicesScenario, RolloutRule, ServiceScript } from '../ecs-services/scenario.js';
import { configFromScript, onNetworkLoadBalancer } from '../ecs-services/state.js';

export const NATIVE_CLUSTER = 'langgraph-production-cluster';
export const NATIVE_ALARMS = ['alb-5xx-errors', 'alb-response-time'];
export const SMOKE_TEST_HOOK =
  'arn:aws:lambda:us-east-1:123456789012:function:langgraph-smoke-test';
export const HOOK_ROLE = 'arn:aws:iam::123456789012:role/langgraph-ecs-hooks';
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

/** The role ECS uses to create the EBS volumes it attaches to service tasks. */
export const EBS_ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRole';
/** The LangGraph checkpoint store's volume, configured at launch (its task definition says so). */
export const CHECKPOINT_VOLUME = 'checkpoints';
/** The services whose task definition leaves an EBS volume to be configured at launch. */
const WITH_LAUNCH_VOLUME = new Set(['langgraph-checkpointer']);

function taskDefinition(family: string): TaskDefinitionSeed {
  const ebs = WITH_LAUNCH_VOLUME.has(family);
  return {
    ...(ebs ? { volumes: [{ name: CHECKPOINT_VOLUME, configuredAtLaunch: true }] } : {}),
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '1024',
    memory: '2048',
    executionRoleArn: 'arn:aws:iam::123456789012:role/langgraph-ecs-execution',
    taskRoleArn: 'arn:aws:iam::123456789012:role/langgraph-ecs-task',
    containerDefinitions: [
      {
        name: 'app',
        image: `${REGISTRY}/langgraph-platform:1.4.0`,
        essential: true,
        portMappings: [{ containerPort: 8000, protocol: 'tcp' }],
        ...(ebs
          ? {
              mountPoints: [
                { sourceVolume: CHECKPOINT_VOLUME, containerPath: '/var/lib/langgraph' },
              ],
            }
          : {}),
      },
    ],
  };
}

export const NATIVE_RULES: RolloutRule[] = [
  {
    image: ':late-alarm',
    rollout: {
      tasks: 'healthy',
      native: { alarm: { name: 'alb-response-time', afterSeconds: 400 } },
    },
  },
  {
    image: ':rollback-fails',
    rollout: {
      tasks: 'healthy',
      native: {
        alarm: { name: 'alb-5xx-errors', afterSeconds: 120 },
        rollback: { outcome: 'ROLLBACK_FAILED', seconds: 10 },
      },
    },
  },
  {
    image: ':alarm',
    rollout: { tasks: 'healthy', native: { alarm: { name: 'alb-5xx-errors', afterSeconds: 120 } } },
  },
  { image: ':hang', rollout: { tasks: 'hang' } },
  {
    image: ':stuck',
    rollout: { tasks: 'healthy', native: { hangAt: 'PRODUCTION_TRAFFIC_SHIFT' } },
  },
  {
    image: ':stopped',
    rollout: { tasks: 'healthy', native: { stoppedBy: { afterSeconds: 30, stopType: 'ABORT' } } },
  },
  { image: ':crash', rollout: { tasks: 'crash', exitCode: 1 } },
  {
    image: ':hook-fails',
    rollout: { tasks: 'healthy', native: { hookResults: [{ status: 'FAILED' }] } },
  },
];

const alarms = { alarmNames: NATIVE_ALARMS, enable: true, rollback: true };

const ELB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012';

/**
 * The load balancer of a native blue/green service as ECS reports it: blue and green target
 * groups, and in `advancedConfiguration` the production and test listener rules of the ALB (an
 * NLB has no rules: its listeners, `listener/net/...`, are named instead).
 */
export function blueGreenLoadBalancer(
  name: string,
  type: 'application' | 'network' = 'application',
): LoadBalancer {
  const listener =
    type === 'network'
      ? (port: string) => `${ELB}:listener/net/langgraph-nlb/4e6f8a1c2b3d5e7f/${port}`
      : (rule: string) =>
          `${ELB}:listener-rule/app/langgraph-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/${rule}`;
  return {
    targetGroupArn: `${ELB}:targetgroup/${name}-blue/0123456789abcdef`,
    containerName: 'app',
    containerPort: 8000,
    advancedConfiguration: {
      alternateTargetGroupArn: `${ELB}:targetgroup/${name}-green/fedcba9876543210`,
      productionListenerRule: listener('9683b2d02a6cabee'),
      testListenerRule: listener('1b2c3d4e5f6a7b8c'),
      roleArn: 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers',
    },
  };
}

/** A service of the platform on `langgraph-production-cluster` (desired 2, ALB, the tag rules). */
export const nativeService = (name: string, extra: Partial<ServiceScript>): ServiceScript => ({
  cluster: NATIVE_CLUSTER,
  name,
  taskDefinition: `${name}:1`,
  desiredCount: 2,
  launchType: 'FARGATE',
  rollouts: NATIVE_RULES,
  loadBalancers: [blueGreenLoadBalancer(name)],
  ...extra,
});

export const NATIVE_SERVICES: ServiceScript[] = [
  nativeService('langgraph-api-bluegreen', {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 5,
    alarms,
  }),
  nativeService('langgraph-api-canary', {
    strategy: 'CANARY',
    bakeTimeInMinutes: 5,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
    alarms,
  }),
  nativeService('langgraph-api-linear', { strategy: 'LINEAR', bakeTimeInMinutes: 0, alarms }),
  nativeService('langgraph-api-gated', {
    strategy: 'CANARY',
    bakeTimeInMinutes: 5,
    canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 },
    alarms,
    lifecycleHooks: [
      {
        targetType: 'PAUSE',
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        timeoutConfiguration: { timeoutInMinutes: 1440, action: 'ROLLBACK' },
      },
    ],
  }),
  nativeService('langgraph-api-smoke', {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 1,
    alarms,
    lifecycleHooks: [
      {
        targetType: 'AWS_LAMBDA',
        hookTargetArn: SMOKE_TEST_HOOK,
        roleArn: HOOK_ROLE,
        lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      },
    ],
  }),
  nativeService('langgraph-api-nlb', {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 0,
    loadBalancers: [blueGreenLoadBalancer('langgraph-api-nlb', 'network')],
    alarms,
  }),
  nativeService('langgraph-express', { resourceManagementType: 'ECS', alarms }),
  nativeService('langgraph-worker', { strategy: 'ROLLING', loadBalancers: [] }),
  // The LangGraph checkpoint store: ROLLING, a 20 GiB gp3 volume per task configured at launch.
  nativeService('langgraph-checkpointer', {
    strategy: 'ROLLING',
    loadBalancers: [],
    volumeConfigurations: [
      {
        name: CHECKPOINT_VOLUME,
        managedEBSVolume: { roleArn: EBS_ROLE, sizeInGiB: 20, volumeType: 'gp3' },
      },
    ],
  }),
];

/** Scenario seconds from UpdateService to SUCCESSFUL for a healthy deployment of `name`. */
export function nativeSeconds(name: string, services = NATIVE_SERVICES): number {
  const script = services.find((s) => s.name === name);
  if (!script) throw new Error(`native-deploy has no service ${name}`);
  const config = configFromScript(script);
  // Lambda hooks answer 2 s after they start; PAUSE hooks wait for ContinueServiceDeployment.
  const lambdas = config.lifecycleHooks.filter((h) => h.targetType !== 'PAUSE').length;
  const nlb = onNetworkLoadBalancer(script);
  return plannedSeconds(nativePlan(config, { reconcile: false, nlb }), 5, 2 * lambdas);
}

export function nativeScenario(overrides: Partial<EcsServicesScenario> = {}): Scenario {
  return {
    name: 'native-deploy',
    description:
      'ECS-native BLUE_GREEN, CANARY and LINEAR deployments of the LangGraph platform: bake, alarms, hooks, PAUSE, rollback, stop',
    timeScale: 0.002,
    ecs: {
      clusters: [NATIVE_CLUSTER],
      taskDefinitions: (overrides.services ?? NATIVE_SERVICES).map((s) => taskDefinition(s.name)),
    },
    ecsServices: { services: NATIVE_SERVICES, ...overrides },
  };
}

export const nativeDeploy: Scenario = nativeScenario();
