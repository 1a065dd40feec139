/** The predefined ECS deployment configs CodeDeploy ships with. */
import type { DeploymentConfigInfo, TrafficRoutingConfig } from '@aws-sdk/client-codedeploy';

const canary = (percentage: number, minutes: number): TrafficRoutingConfig => ({
  type: 'TimeBasedCanary',
  timeBasedCanary: { canaryPercentage: percentage, canaryInterval: minutes },
});
const linear = (percentage: number, minutes: number): TrafficRoutingConfig => ({
  type: 'TimeBasedLinear',
  timeBasedLinear: { linearPercentage: percentage, linearInterval: minutes },
});

export const PREDEFINED_CONFIGS: Record<string, TrafficRoutingConfig> = {
  'CodeDeployDefault.ECSAllAtOnce': { type: 'AllAtOnce' },
  'CodeDeployDefault.ECSCanary10Percent5Minutes': canary(10, 5),
  'CodeDeployDefault.ECSCanary10Percent15Minutes': canary(10, 15),
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': linear(10, 1),
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': linear(10, 3),
};

export function configInfo(
  name: string,
  routing: TrafficRoutingConfig,
  createTime: Date,
): DeploymentConfigInfo {
  return {
    deploymentConfigId: `cfg-${Buffer.from(name).toString('hex').slice(0, 12)}`,
    deploymentConfigName: name,
    computePlatform: 'ECS',
    createTime,
    trafficRoutingConfig: routing,
  };
}

/** Production traffic on green (percent) `minutes` after traffic started shifting. */
export function greenPercentAt(routing: TrafficRoutingConfig, minutes: number): number {
  if (routing.type === 'TimeBasedCanary' && routing.timeBasedCanary) {
    const { canaryPercentage = 0, canaryInterval = 0 } = routing.timeBasedCanary;
    return minutes >= canaryInterval ? 100 : canaryPercentage;
  }
  if (routing.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
    const { linearPercentage = 100, linearInterval = 0 } = routing.timeBasedLinear;
    const steps = linearInterval > 0 ? Math.floor(minutes / linearInterval) + 1 : Infinity;
    return Math.min(100, linearPercentage * steps);
  }
  return 100;
}

/** Minutes from the first shift to 100 % on green. */
export function bakeMinutesOf(routing: TrafficRoutingConfig): number {
  if (routing.type === 'TimeBasedCanary') return routing.timeBasedCanary?.canaryInterval ?? 0;
  if (routing.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
    const { linearPercentage = 100, linearInterval = 0 } = routing.timeBasedLinear;
    return (Math.ceil(100 / Math.max(1, linearPercentage)) - 1) * linearInterval;
  }
  return 0;
}
