/**
 * What this step has done on AWS, recorded by one middleware on every client (`createClient`):
 * how many calls got an answer (so an expired session can be told apart from one that expired
 * during the step), which writes were applied or may have been (so a failing run's summary says
 * whether production changed), and, on each failed call, its operation, request, region and
 * endpoint (so the error can be told with the input values that caused it).
 */
import { outcomeMayBeApplied } from './unknown-outcome.js';

export interface CallContext {
  operation: string;
  service: string;
  input: Record<string, unknown>;
  region?: string;
  endpoint?: string;
}

export interface Write {
  operation: string;
  /** A short name of what it wrote (a service, a key, a family). */
  target?: string;
  outcome: 'applied' | 'unknown';
}

const writes: Write[] = [];
let answered = 0;

/** Writes that change nothing running: a new revision runs nowhere until a deploy uses it. */
const INERT_WRITES = new Set(['RegisterTaskDefinition', 'TagResource', 'UntagResource']);

const WRITE =
  /^(Register|Deregister|Update|Create|Put|Delete|Copy|Start|Stop|Continue|RunTask|Tag|Untag|Upload|CompleteMultipartUpload)/;

export const isWrite = (operation: string): boolean => WRITE.test(operation);

/** Writes this step applied (or may have), in order. */
export function writesSoFar(): readonly Write[] {
  return writes;
}

/** A write whose outcome was unknown turned out applied (the reconcile found it). */
export function settleWrite(operation: string): void {
  const entry = [...writes]
    .reverse()
    .find((w) => w.operation === operation && w.outcome === 'unknown');
  if (entry) entry.outcome = 'applied';
}

/** Whether any call of this step succeeded (so credentials were valid at some point). */
export function anyCallSucceeded(): boolean {
  return answered > 0;
}

export function productionWrites(): Write[] {
  return writes.filter((w) => !INERT_WRITES.has(w.operation));
}

/** For tests: forget what was recorded. */
export function resetCallRecord(): void {
  writes.length = 0;
  answered = 0;
}

const CONTEXT = Symbol.for('ecs-delivery-pack.call-context');

/** The call a failed SDK request belonged to, when it went through a pack client. */
export function callContextOf(error: unknown): CallContext | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as Record<symbol, CallContext | undefined>)[CONTEXT];
}

const TARGET_KEYS = [
  'service',
  'family',
  'Key',
  'Bucket',
  'DistributionId',
  'cluster',
  'taskDefinition',
];

function targetOf(input: Record<string, unknown>): string | undefined {
  for (const key of TARGET_KEYS) {
    if (typeof input[key] === 'string') return input[key] as string;
  }
  return undefined;
}

interface MiddlewareContext {
  commandName?: string;
  clientName?: string;
  endpointV2?: { url?: URL };
}

interface ClientLike {
  middlewareStack: { add(middleware: unknown, options: unknown): void };
  config: { region?: unknown };
}

async function regionOf(client: ClientLike): Promise<string | undefined> {
  const region = client.config.region;
  try {
    const value =
      typeof region === 'function' ? await (region as () => Promise<unknown>)() : region;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Adds the recording middleware to a client. */
export function recordCalls(client: ClientLike): void {
  client.middlewareStack.add(
    (
      next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
      context: MiddlewareContext,
    ) =>
      async (args: { input: Record<string, unknown> }) => {
        const operation = (context.commandName ?? '').replace(/Command$/, '');
        const target = targetOf(args.input ?? {});
        try {
          const result = await next(args);
          answered += 1;
          if (isWrite(operation))
            writes.push({ operation, ...(target ? { target } : {}), outcome: 'applied' });
          return result;
        } catch (error) {
          if (isWrite(operation) && outcomeMayBeApplied(error))
            writes.push({ operation, ...(target ? { target } : {}), outcome: 'unknown' });
          if (typeof error === 'object' && error !== null) {
            const region = await regionOf(client);
            const call: CallContext = {
              operation,
              service: (context.clientName ?? '').replace(/Client$/, ''),
              input: args.input ?? {},
              ...(region ? { region } : {}),
              ...(context.endpointV2?.url ? { endpoint: context.endpointV2.url.href } : {}),
            };
            Object.defineProperty(error, CONTEXT, {
              value: call,
              enumerable: false,
              configurable: true,
            });
          }
          throw error;
        }
      },
    { step: 'initialize', name: 'packRecordCalls', override: true },
  );
}
