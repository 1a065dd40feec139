/**
 * Reading a stream as CloudWatch Logs does: pure functions over the visible events.
 * GetLogEvents tokens are `f/<position>/s` and `b/<position>/s`; at the end of a stream the
 * forward token you passed comes back unchanged.
 */
import type { FilteredLogEvent, OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../core/json-protocol.js';
import type { StoredEvent } from './store.js';

const invalid = (message: string) => new AwsError('InvalidParameterException', message);

export function token(direction: 'f' | 'b', position: number): string {
  return `${direction}/${String(position).padStart(56, '0')}/s`;
}

export function parseToken(value: string): { direction: 'f' | 'b'; position: number } {
  const match = /^([fb])\/(\d{1,56})\/s$/.exec(value);
  if (!match) throw invalid('The specified nextToken is invalid.');
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) };
}

export interface GetPage {
  events: OutputLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

export function checkLimit(limit: number | undefined): number {
  const value = limit ?? 10_000;
  if (!Number.isInteger(value) || value < 1 || value > 10_000)
    throw invalid(
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000",
    );
  return value;
}

/** One GetLogEvents page over `visible` (the stream's events already visible and in range). */
export function getPage(
  visible: StoredEvent[],
  options: { nextToken?: string; startFromHead?: boolean; limit?: number },
): GetPage {
  const limit = checkLimit(options.limit);
  const output = (list: StoredEvent[]): OutputLogEvent[] =>
    list.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    }));
  const start = options.nextToken
    ? parseToken(options.nextToken)
    : options.startFromHead
      ? { direction: 'f' as const, position: 0 }
      : { direction: 'b' as const, position: visible.length };
  const position = Math.min(start.position, visible.length);
  if (start.direction === 'f') {
    const page = visible.slice(position, position + limit);
    return {
      events: output(page),
      nextForwardToken:
        page.length === 0 && options.nextToken
          ? options.nextToken
          : token('f', position + page.length),
      nextBackwardToken: token('b', position),
    };
  }
  const from = Math.max(0, position - limit);
  const page = visible.slice(from, position);
  return {
    events: output(page),
    nextForwardToken: token('f', position),
    nextBackwardToken:
      page.length === 0 && options.nextToken ? options.nextToken : token('b', from),
  };
}

/** CloudWatch filter pattern, the simple forms: terms all present, `?a ?b` any, quoted phrases. */
export function matchesPattern(pattern: string | undefined, message: string): boolean {
  const text = pattern?.trim() ?? '';
  if (text === '') return true;
  if (text.startsWith('{') || text.startsWith('['))
    throw invalid('Only term filter patterns are supported by this sandbox.');
  const terms = [...text.matchAll(/(\?)?(?:"([^"]*)"|(\S+))/g)].map((m) => ({
    optional: m[1] === '?',
    value: m[2] ?? m[3] ?? '',
  }));
  const any = terms.filter((t) => t.optional);
  const all = terms.filter((t) => !t.optional);
  return (
    all.every((t) =>
      t.value.startsWith('-') ? !message.includes(t.value.slice(1)) : message.includes(t.value),
    ) &&
    (any.length === 0 || any.some((t) => message.includes(t.value)))
  );
}

export interface StreamEvent extends StoredEvent {
  logStreamName: string;
}

/** One FilterLogEvents page: events after the token's position, in (timestamp, eventId) order. */
export function filterPage(
  events: StreamEvent[],
  options: { nextToken?: string; limit?: number },
): { events: FilteredLogEvent[]; nextToken?: string } {
  const limit = checkLimit(options.limit);
  const sorted = [...events].sort(
    (a, b) => a.timestamp - b.timestamp || (a.eventId < b.eventId ? -1 : 1),
  );
  let start = 0;
  if (options.nextToken) {
    let after: string;
    try {
      after = Buffer.from(options.nextToken, 'base64url').toString('utf8');
    } catch {
      throw invalid('The specified nextToken is invalid.');
    }
    const [ts, id] = after.split('/');
    if (!ts || !id) throw invalid('The specified nextToken is invalid.');
    start = sorted.findIndex(
      (e) => e.timestamp > Number(ts) || (e.timestamp === Number(ts) && e.eventId > id),
    );
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + limit);
  const last = page[page.length - 1];
  return {
    events: page.map((e) => ({
      logStreamName: e.logStreamName,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: e.eventId,
    })),
    ...(last && start + limit < sorted.length
      ? { nextToken: Buffer.from(`${last.timestamp}/${last.eventId}`).toString('base64url') }
      : {}),
  };
}
