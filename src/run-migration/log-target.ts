/**
 * Where a container's awslogs output lands: the log group and stream named by its log
 * configuration (`<prefix>/<container>/<task-id>`), and console links for the summary.
 */
import type { ContainerDoc } from '../lib/task-definition.js';
import { taskIdOf } from './verdict.js';
import { arnTail } from '../lib/arn.js';

export interface LogTarget {
  group: string;
  stream: string;
  /** The region named by `awslogs-region`, when given. */
  region?: string;
}

export type LogTargetResult = { target: LogTarget } | { unavailable: string };

export function logTargetFor(container: ContainerDoc, taskArn: string): LogTargetResult {
  const config = container.logConfiguration as
    { logDriver?: string; options?: Record<string, string> } | undefined;
  const name = String(container.name);
  if (!config?.logDriver) {
    return {
      unavailable: `container '${name}' has no log configuration, so there are no logs to stream.`,
    };
  }
  if (config.logDriver !== 'awslogs') {
    return {
      unavailable: `container '${name}' logs with the ${config.logDriver} driver; only awslogs output can be streamed.`,
    };
  }
  const options = config.options ?? {};
  const group = options['awslogs-group'];
  const prefix = options['awslogs-stream-prefix'];
  if (!group) return { unavailable: `container '${name}' has no awslogs-group option.` };
  if (!prefix) {
    return {
      unavailable: `container '${name}' has no awslogs-stream-prefix, so its log stream is named after the Docker container id and cannot be found.`,
    };
  }
  const target: LogTarget = { group, stream: `${prefix}/${name}/${taskIdOf(taskArn)}` };
  if (options['awslogs-region']) target.region = options['awslogs-region'];
  return { target };
}

/** The region of an ARN (`arn:aws:ecs:<region>:...`), if it has one. */
export const regionOfArn = (arn: string): string | undefined => arn.split(':')[3] || undefined;

/** The CloudWatch console encodes path parts twice, with `$` in place of `%`. */
const consoleEncode = (text: string): string =>
  encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');

export function logStreamConsoleUrl(target: LogTarget, region: string): string {
  return (
    `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}` +
    `#logsV2:log-groups/log-group/${consoleEncode(target.group)}/log-events/${consoleEncode(target.stream)}`
  );
}

export function taskConsoleUrl(taskArn: string, cluster: string, region: string): string {
  const clusterName = arnTail(cluster);
  return (
    `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(clusterName)}` +
    `/tasks/${encodeURIComponent(taskIdOf(taskArn))}/configuration?region=${region}`
  );
}
