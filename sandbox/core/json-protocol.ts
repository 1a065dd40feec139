/**
 * The AWS JSON 1.1 protocol (ECS, CodeDeploy, CloudWatch Logs): request parsing, responses with
 * `application/x-amz-json-1.1`, dates as epoch seconds, errors as `{"__type", "message"}` with
 * the `x-amzn-errortype` header, and a dispatcher whose handlers are typed with the SDK's own
 * command input and output types.
 */
import type { RequestIdentity, SandboxRequest, SandboxResponse } from './plugin.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** A service error a handler throws; answered as `{"__type": code, "message": message}`. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** The operation of a JSON 1.1 request: `X-Amz-Target: Prefix.Operation`. */
export function jsonOperation(req: SandboxRequest): string {
  const dot = req.target.lastIndexOf('.');
  return dot < 0 ? req.target : req.target.slice(dot + 1);
}

export function parseJsonBody(req: SandboxRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new AwsError('SerializationException', 'Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function jsonIdentity(service: string, req: SandboxRequest): RequestIdentity {
  let input: unknown;
  try {
    input = parseJsonBody(req);
  } catch {
    input = req.body.toString('utf8');
  }
  return { service, operation: jsonOperation(req) || `${req.method} ${req.path}`, input };
}

/** Dates become epoch seconds (with fractions), as the JSON protocols send timestamps. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) out[key] = toWire(item);
    return out;
  }
  return value;
}

export function jsonResponse(body: unknown, status = 200): SandboxResponse {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE },
    body: JSON.stringify(toWire(body)),
  };
}

export function jsonError(code: string, message: string, status = 400): SandboxResponse {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message }),
  };
}

/** A response without the SDK's `$metadata`, as a handler returns it. */
export type Wire<O> = Omit<O, '$metadata'>;

export type JsonHandler<I, O> = (input: I, req: SandboxRequest) => Wire<O> | Promise<Wire<O>>;

// Commands whose input is all optional take `...[input]: [] | [Input]`.
type CommandIO<C> = C extends abstract new (...args: infer A) => infer Instance
  ? Instance extends {
      resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: infer O }>;
    }
    ? JsonHandler<Exclude<A[0], undefined>, O>
    : never
  : never;

/**
 * The handlers of an SDK client module, keyed by operation name and typed with its commands:
 * `JsonHandlers<typeof import('@aws-sdk/client-ecs')>['RunTask']` takes a `RunTaskCommandInput`
 * and returns `Omit<RunTaskCommandOutput, '$metadata'>`.
 */
export type JsonHandlers<Module> = {
  [K in keyof Module as K extends `${infer Op}Command` ? Op : never]?: CommandIO<Module[K]>;
};

/** Any JSON 1.1 handler, for handler tables assembled at run time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJsonHandler = (input: any, req: SandboxRequest) => unknown;

export interface JsonServiceOptions {
  /** Consulted for operations the table does not have (e.g. handlers registered by other plugins). */
  fallback?: (operation: string) => AnyJsonHandler | undefined;
}

/** A dispatcher over a table of JSON 1.1 operation handlers. */
export function jsonService<Module>(
  handlers: JsonHandlers<Module>,
  options: JsonServiceOptions = {},
): (req: SandboxRequest) => Promise<SandboxResponse> {
  const table = handlers as Record<string, AnyJsonHandler | undefined>;
  return async (req) => {
    const operation = jsonOperation(req);
    const handler = table[operation] ?? options.fallback?.(operation);
    if (!handler) return jsonError('UnknownOperationException', `Unknown operation ${operation}`);
    try {
      const output = await handler(parseJsonBody(req), req);
      return jsonResponse(output ?? {});
    } catch (error) {
      if (error instanceof AwsError) return jsonError(error.code, error.message, error.status);
      throw error;
    }
  };
}
