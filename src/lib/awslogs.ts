/**
 * Where a container's awslogs output lands: the log group and stream named by its log
 * configuration (`<prefix>/<container>/<task-id>`), console links for summaries (the task, its
 * log stream, a service's deployments), and the last lines of a stopped container's stream.
 * Shared by run-migration and ecs-deploy's failure summaries.
 */
import { GetLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { arnTail } from './arn.js';
import type { ContainerDoc } from './task-definition.js';

const taskIdOf = arnTail;

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

/** The service's deployments tab in the ECS console. */
export function serviceDeploymentsConsoleUrl(
  cluster: string,
  service: string,
  region: string,
): string {
  return (
    `https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(arnTail(cluster))}` +
    `/services/${encodeURIComponent(arnTail(service))}/deployments?region=${region}`
  );
}

/** At most this many lines are read from the end of a stream (one GetLogEvents call). */
export const LAST_LINES_MAX = 100;

/**
 * The last `count` lines of a container's stream (one bounded GetLogEvents from the tail), as
 * plain text, trailing newlines removed. A stream that does not exist yet gives no lines.
 */
export async function lastLogLines(
  logs: Pick<CloudWatchLogsClient, 'send'>,
  target: LogTarget,
  count = 20,
): Promise<string[]> {
  const limit = Math.max(1, Math.min(LAST_LINES_MAX, count));
  try {
    const out = await logs.send(
      new GetLogEventsCommand({
        logGroupName: target.group,
        logStreamName: target.stream,
        startFromHead: false,
        limit,
      }),
    );
    return (out.events ?? []).map((e) => (e.message ?? '').replace(/\r?\n$/, '')).slice(-limit);
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return [];
    throw error;
  }
}
