/**
 * The HTTP front of the sandbox: reads each request, routes it to the first plugin that matches,
 * applies injected faults, records the call and answers.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultError } from './faults.js';
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

function drop(res: http.ServerResponse): void {
  res.socket?.destroy();
}

/** The access key id a SigV4 request was signed with (`Credential=AKIA.../date/...`), if any. */
export function signingKeyId(req: SandboxRequest): string | undefined {
  const auth = req.headers.authorization;
  return typeof auth === 'string' ? /Credential=([^/,\s]+)\//.exec(auth)?.[1] : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    const at = ctx.clock.now();
    const signer = signingKeyId(req);
    const record = (status: number, fault?: string) =>
      ctx.calls.record({
        ...identity,
        at,
        status,
        ...(fault ? { fault } : {}),
        ...(signer ? { accessKeyId: signer } : {}),
      });

    const limited = ctx.faults.overLimit(identity.service, identity.operation);
    const fault = limited
      ? { kind: 'throttle' as const, operation: identity.operation, remaining: 0, hits: 1 }
      : ctx.faults.take(identity.service, identity.operation);
    if (fault?.kind === 'latency') await sleep(fault.latencyMs ?? 1000);
    if (fault?.kind === 'throttle' || fault?.kind === 'server-error') {
      const error = faultError(fault);
      const response =
        plugin.faultResponse?.(error, req) ?? jsonError(error.code, error.message, error.status);
      record(response.status, limited ? 'rate-limit' : fault.kind);
      send(res, response);
      return;
    }
    if (fault?.kind === 'drop-before-apply') {
      record(0, fault.kind);
      drop(res);
      return;
    }
    const response = await plugin.handle(req, ctx);
    record(response.status, fault?.kind);
    if (fault?.kind === 'drop-after-apply') drop(res);
    else send(res, response);
  };
}
