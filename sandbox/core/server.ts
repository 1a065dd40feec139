/**
 * The HTTP front of the sandbox: reads each request, routes it to the first plugin that matches,
 * applies injected faults, records the call and answers.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallEntry } from './calls.js';
import { faultError, type ActiveFault } from './faults.js';
import { jsonError, jsonIdentity } from './json-protocol.js';
import type {
  PluginContext,
  RequestIdentity,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from './plugin.js';

export interface RunningServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export async function listen(
  port: number,
  route: (req: SandboxRequest, res: http.ServerResponse) => Promise<void>,
): Promise<RunningServer> {
  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://sandbox');
      const target = incoming.headers['x-amz-target'];
      const req: SandboxRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        url: incoming.url ?? '/',
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        target: typeof target === 'string' ? target : '',
      };
      route(req, res).catch((error: unknown) => {
        process.stderr.write(`sandbox: ${error instanceof Error ? error.stack : String(error)}\n`);
        if (!res.headersSent) send(res, jsonError('InternalFailure', 'Sandbox error', 500));
      });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function send(res: http.ServerResponse, response: SandboxResponse): void {
  const body = response.body ?? '';
  res.writeHead(response.status, {
    'x-amzn-requestid': randomUUID(),
    'content-length': String(Buffer.byteLength(body)),
    ...response.headers,
  });
  res.end(body);
}

/** Closes the connection without answering (the `drop-*` faults). */
export function drop(res: http.ServerResponse): void {
  res.socket?.destroy();
}

/**
 * Never answers (the `hang` fault): the request is read and then left waiting, as a server that
 * stopped mid-request leaves it; the connection closes only when the client gives up or the
 * sandbox closes.
 */
export function hang(res: http.ServerResponse): void {
  res.socket?.setTimeout(0);
}

/**
 * An answer the client cannot read. `truncate`: the status, the headers with the full
 * Content-Length and half of the body, then the connection closes. `garble`: a complete answer
 * whose body is only the first half of the real one (the Content-Length says so), which no
 * parser accepts.
 */
export function sendBroken(
  res: http.ServerResponse,
  response: { status: number; headers?: Record<string, string>; body?: string | Buffer },
  kind: 'truncate' | 'garble',
): void {
  const body = Buffer.from(response.body ?? '');
  const half = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
  const headers: Record<string, string> = {
    'x-amzn-requestid': randomUUID(),
    ...response.headers,
    'content-length': String(kind === 'truncate' ? Math.max(body.length, 2) : half.length),
  };
  res.writeHead(response.status, headers);
  if (kind === 'garble') {
    res.end(half);
    return;
  }
  res.write(half, () => setTimeout(() => res.socket?.destroy(), 10));
}

/** The access key id a SigV4 request was signed with (`Credential=AKIA.../date/...`), if any. */
export function signingKeyId(req: Pick<SandboxRequest, 'headers'>): string | undefined {
  const auth = req.headers.authorization;
  return typeof auth === 'string' ? /Credential=([^/,\s]+)\//.exec(auth)?.[1] : undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A call-log entry for a request as it arrives (`at` is now, `status` 0 until it is answered),
 * with the access key id that signed it.
 */
export function callEntry(
  ctx: PluginContext,
  identity: RequestIdentity,
  req: Pick<SandboxRequest, 'headers'>,
): CallEntry {
  const signer = signingKeyId(req);
  return {
    ...identity,
    at: ctx.clock.now(),
    status: 0,
    ...(signer ? { accessKeyId: signer } : {}),
  };
}

/** The fault a call gets, and the name it goes by in the call log. */
export interface AppliedFault {
  fault: ActiveFault;
  /** `rate-limit` for a call over a scenario rate limit, the fault's kind otherwise. */
  label: string;
}

/**
 * The fault to apply to a call: a throttle when it is over its rate limit (`faults.limit`,
 * `rateLimits` in the scenario), else the next injected fault that matches it, if any. Every
 * service goes through this, whatever its wire shape.
 */
export function faultFor(
  ctx: PluginContext,
  identity: Pick<RequestIdentity, 'service' | 'operation'>,
): AppliedFault | undefined {
  if (ctx.faults.overLimit(identity.service, identity.operation)) {
    const fault: ActiveFault = {
      kind: 'throttle',
      operation: identity.operation,
      remaining: 0,
      hits: 1,
    };
    return { fault, label: 'rate-limit' };
  }
  const fault = ctx.faults.take(identity.service, identity.operation);
  return fault ? { fault, label: fault.kind } : undefined;
}

/** The router: plugin selection, faults, the call log. */
export function router(plugins: SandboxPlugin[], ctx: PluginContext) {
  return async (req: SandboxRequest, res: http.ServerResponse): Promise<void> => {
    const plugin = plugins.find((p) => p.match(req));
    if (!plugin) {
      send(res, {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `No sandbox service answers ${req.method} ${req.path}` }),
      });
      return;
    }
    const identity: RequestIdentity = plugin.identify?.(req) ?? jsonIdentity(plugin.name, req);
    const entry = callEntry(ctx, identity, req);
    const record = (status: number, fault?: string) =>
      ctx.calls.record({ ...entry, status, ...(fault ? { fault } : {}) });

    const applied = faultFor(ctx, identity);
    const fault = applied?.fault;
    if (fault?.kind === 'latency') await sleep(fault.latencyMs ?? 1000);
    if (fault?.kind === 'throttle' || fault?.kind === 'server-error') {
      const error = faultError(fault);
      const response =
        plugin.faultResponse?.(error, req) ?? jsonError(error.code, error.message, error.status);
      record(response.status, applied?.label);
      send(res, response);
      return;
    }
    if (fault?.kind === 'drop-before-apply') {
      record(0, applied?.label);
      drop(res);
      return;
    }
    if (fault?.kind === 'hang') {
      record(0, applied?.label);
      hang(res);
      return;
    }
    const response = await plugin.handle(req, ctx);
    record(response.status, applied?.label);
    if (fault?.kind === 'drop-after-apply') drop(res);
    else if (fault?.kind === 'truncate' || fault?.kind === 'garble')
      sendBroken(res, response, fault.kind);
    else send(res, response);
  };
}
