/** The CloudWatch Logs plugin: GetLogEvents and FilterLogEvents over the log store. */
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { AwsError, jsonService, type JsonHandlers } from '../core/json-protocol.js';
import type { PluginContext, SandboxPlugin } from '../core/plugin.js';
import { filterPage, getPage, matchesPattern, type StreamEvent } from './reading.js';
import { logStore, type StoredEvent, type StoredStream } from './store.js';

export const LOGS_TARGET_PREFIX = 'Logs_20140328.';

const notFound = (what: string) =>
  new AwsError('ResourceNotFoundException', `The specified log ${what} does not exist.`);

function groupName(name: string | undefined, identifier: string | undefined): string {
  if (name && identifier)
    throw new AwsError(
      'InvalidParameterException',
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    );
  const value = name ?? identifier ?? '';
  if (!value)
    throw new AwsError(
      'InvalidParameterException',
      'Either logGroupName or logGroupIdentifier must be given.',
    );
  const match = /^arn:aws:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/.exec(value);
  return match ? match[1]! : value;
}

function inRange(e: StoredEvent, now: number, startTime?: number, endTime?: number): boolean {
  return (
    e.ingestionTime <= now &&
    (startTime === undefined || e.timestamp >= startTime) &&
    (endTime === undefined || e.timestamp < endTime)
  );
}

export function logsHandlers(ctx: PluginContext): JsonHandlers<typeof Logs> {
  const store = logStore(ctx);
  const group = (name: string) => {
    const found = store.groups.get(name);
    if (!found || found.createdAt > ctx.clock.now()) throw notFound('group');
    return found;
  };
  const liveStreams = (streams: Map<string, StoredStream>) =>
    [...streams.values()].filter((s) => s.createdAt <= ctx.clock.now());
  return {
    GetLogEvents: (input) => {
      const streams = group(groupName(input.logGroupName, input.logGroupIdentifier)).streams;
      const stream = streams.get(input.logStreamName ?? '');
      const now = ctx.clock.now();
      if (!stream || stream.createdAt > now) throw notFound('stream');
      const visible = stream.events.filter((e) => inRange(e, now, input.startTime, input.endTime));
      return getPage(visible, input);
    },
    FilterLogEvents: (input) => {
      if (input.logStreamNames && input.logStreamNamePrefix)
        throw new AwsError(
          'InvalidParameterException',
          'logStreamNames and logStreamNamePrefix are mutually exclusive parameters.',
        );
      const now = ctx.clock.now();
      const streams = liveStreams(
        group(groupName(input.logGroupName, input.logGroupIdentifier)).streams,
      )
        .filter((s) => !input.logStreamNames || input.logStreamNames.includes(s.name))
        .filter((s) => !input.logStreamNamePrefix || s.name.startsWith(input.logStreamNamePrefix));
      const events: StreamEvent[] = streams.flatMap((s) =>
        s.events
          .filter((e) => inRange(e, now, input.startTime, input.endTime))
          .filter((e) => matchesPattern(input.filterPattern, e.message))
          .map((e) => ({ ...e, logStreamName: s.name })),
      );
      return {
        ...filterPage(events, input),
        searchedLogStreams: streams.map((s) => ({
          logStreamName: s.name,
          searchedCompletely: true,
        })),
      };
    },
  };
}

export function logsPlugin(): SandboxPlugin {
  let handlers: ReturnType<typeof jsonService> | undefined;
  return {
    name: 'logs',
    match: (req) => req.target.startsWith(LOGS_TARGET_PREFIX),
    async start(ctx) {
      handlers = jsonService<typeof Logs>(logsHandlers(ctx));
    },
    handle(req, ctx) {
      handlers ??= jsonService<typeof Logs>(logsHandlers(ctx));
      return handlers(req);
    },
  };
}
