/**
 * Log groups, streams and events, on `ctx.state.logs`. Events carry their (future) timestamps and
 * become visible as sandbox time passes them, so a stream fills while its task runs.
 */
import type { PluginContext } from '../core/plugin.js';
import type { LogGenerator, LogLineScript } from '../ecs/scenario.js';

export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export interface StoredStream {
  name: string;
  /** Sandbox ms from which the stream exists. */
  createdAt: number;
  events: StoredEvent[];
}

export interface StreamScript {
  group: string;
  stream: string;
  /** Scenario seconds after the sandbox starts when the stream appears (default 0). */
  startAt?: number;
  lines?: LogLineScript[];
  generate?: LogGenerator;
}

export interface LogsScenario {
  groups?: string[];
  streams?: StreamScript[];
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    logs?: LogsScenario;
  }
}

let eventCounter = 0;

export class LogStore {
  readonly groups = new Map<string, { createdAt: number; streams: Map<string, StoredStream> }>();

  createGroup(name: string, createdAt: number): void {
    if (!this.groups.has(name)) this.groups.set(name, { createdAt, streams: new Map() });
  }

  stream(group: string, name: string, createdAt: number): StoredStream {
    this.createGroup(group, createdAt);
    const streams = this.groups.get(group)!.streams;
    let stream = streams.get(name);
    if (!stream) {
      stream = { name, createdAt, events: [] };
      streams.set(name, stream);
    }
    return stream;
  }

  /** Adds events (kept sorted by timestamp). */
  append(
    group: string,
    name: string,
    createdAt: number,
    events: { timestamp: number; message: string }[],
  ): void {
    const stream = this.stream(group, name, createdAt);
    for (const event of events) {
      eventCounter += 1;
      stream.events.push({
        ...event,
        ingestionTime: event.timestamp,
        eventId: `${event.timestamp}${String(eventCounter).padStart(20, '0')}`,
      });
    }
    stream.events.sort((a, b) => a.timestamp - b.timestamp);
  }

  /** Drops events after `afterMs` (a task stopped early writes nothing more). */
  truncate(group: string, name: string, afterMs: number): void {
    const stream = this.groups.get(group)?.streams.get(name);
    if (stream) stream.events = stream.events.filter((e) => e.timestamp <= afterMs);
  }
}

/** Script lines to timestamped events; `startMs` is when the writer started. */
export function scriptedEvents(
  startMs: number,
  scale: (seconds: number) => number,
  lines: LogLineScript[] = [],
  generate?: LogGenerator,
): { timestamp: number; message: string }[] {
  const events = lines.map((l) => ({
    timestamp: Math.round(startMs + scale(l.at)),
    message: l.message,
  }));
  if (generate) {
    for (let i = 0; i < generate.count; i += 1) {
      const at = (generate.from ?? 0) + i * (generate.every ?? 0.1);
      events.push({
        timestamp: Math.round(startMs + scale(at)),
        message: `${generate.prefix ?? 'line'} ${i + 1}`,
      });
    }
  }
  return events;
}

export function logStore(ctx: PluginContext): LogStore {
  if (!ctx.state.logs) {
    const store = new LogStore();
    const start = ctx.clock.now();
    for (const group of ctx.scenario.logs?.groups ?? []) store.createGroup(group, start);
    for (const script of ctx.scenario.logs?.streams ?? []) {
      const at = ctx.clock.at(start, script.startAt ?? 0);
      store.stream(script.group, script.stream, at);
      const events = scriptedEvents(at, (s) => ctx.clock.scale(s), script.lines, script.generate);
      store.append(script.group, script.stream, at, events);
    }
    ctx.state.logs = store;
  }
  return ctx.state.logs;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    logs: LogStore;
  }
}
