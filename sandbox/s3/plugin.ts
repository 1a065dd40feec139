/**
 * S3 through a real S3-compatible server (the `s3rver` package) on its own loopback port, behind
 * a small recording proxy (s3rver starts with the sandbox when the scenario has buckets, else at
 * the first S3 request): every request lands in the sandbox call log in arrival order (with
 * its HTTP status, the key that signed it and, for writes, the bytes and headers sent), and
 * injected faults and scenario rate limits apply to S3 operations too. `env()` points `AWS_ENDPOINT_URL_S3` at the proxy.
 *
 * The SDK's default request shapes work as they are (s3-sync sends buffered bodies, so the
 * checksum goes in a header, not an aws-chunked trailer). With an IP-address endpoint the SDK
 * addresses buckets path-style by itself; s3rver checks SigV4 signatures with the sandbox's key.
 * `SANDBOX_S3_LOG=1` prints s3rver's own request log (to debug the sandbox, not the actions).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type S3rver from 's3rver';
import { faultError } from '../core/faults.js';
import type {
  FaultError,
  PluginContext,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from '../core/plugin.js';
import {
  callEntry,
  drop,
  faultFor,
  hang,
  sendBroken,
  listen,
  send,
  sleep,
  type RunningServer,
} from '../core/server.js';
import { deleteKeysOf, identifyS3, s3ErrorXml, type S3Identity } from './operations.js';
import './scenario.js';

export interface S3State {
  /** The recording proxy (what bundles talk to). */
  url: string;
  /** s3rver itself, for tests that look at objects without touching the call log. */
  directUrl: string;
  directory: string;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    s3?: S3State;
  }
}

/** The sandbox's credentials (sandbox/index.ts env()), so s3rver verifies real signatures. */
const SANDBOX_KEY = { id: 'AKIASANDBOXEXAMPLE', secret: 'sandbox-secret-access-key' };

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node 17+)
 * only has in its legacy provider, so every truncated listing (over 1,000 keys) failed with
 * InternalError. Single DES is triple DES with three equal keys: this shim answers s3rver's
 * `des` with `des-ede3-cbc` and the key repeated, which gives the very same bytes.
 */
function shimDesForS3rver(): void {
  const require = createRequire(import.meta.url);
  const crypto = require('node:crypto') as typeof import('node:crypto') & {
    __sandboxDes?: boolean;
  };
  if (crypto.__sandboxDes) return;
  const cipher = crypto.createCipheriv.bind(crypto);
  const decipher = crypto.createDecipheriv.bind(crypto);
  const triple = (key: unknown) => Buffer.concat([key as Buffer, key as Buffer, key as Buffer]);
  const patched = crypto as unknown as Record<string, unknown>;
  patched.createCipheriv = (algorithm: string, key: Buffer, iv: Buffer, options?: unknown) =>
    algorithm === 'des'
      ? cipher('des-ede3-cbc', triple(key), iv)
      : cipher(algorithm, key, iv, options as never);
  patched.createDecipheriv = (algorithm: string, key: Buffer, iv: Buffer, options?: unknown) =>
    algorithm === 'des'
      ? decipher('des-ede3-cbc', triple(key), iv)
      : decipher(algorithm, key, iv, options as never);
  crypto.__sandboxDes = true;
}

function trustSandboxCredentials(): void {
  const require = createRequire(import.meta.url);
  const account = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  account.DUMMY_ACCOUNT.createKeyPair(SANDBOX_KEY.id, SANDBOX_KEY.secret);
}

const HEADER_INPUTS: Record<string, string> = {
  'content-type': 'ContentType',
  'cache-control': 'CacheControl',
  'content-length': 'ContentLength',
  'x-amz-meta-sha256': 'sha256',
};

/** What the call log shows of an S3 request: bucket, key, and for writes what was sent. */
function inputOf(id: S3Identity, req: SandboxRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (id.bucket) input.Bucket = id.bucket;
  if (id.key !== undefined) input.Key = id.key;
  if (
    id.operation === 'PutObject' ||
    id.operation === 'UploadPart' ||
    id.operation === 'CopyObject'
  ) {
    for (const [header, name] of Object.entries(HEADER_INPUTS)) {
      const value = req.headers[header];
      if (typeof value === 'string') input[name] = name === 'ContentLength' ? Number(value) : value;
    }
    input.bytes = req.body.length;
  }
  if (id.operation === 'DeleteObjects') input.Keys = deleteKeysOf(req.body.toString('utf8'));
  return input;
}

const xmlError = (code: string, message: string, status: number): SandboxResponse => ({
  status,
  headers: { 'content-type': 'application/xml' },
  body: s3ErrorXml(code, message),
});

/** An injected fault in S3's shape: a throttle is `SlowDown` (503), a server error `InternalError`. */
export const s3FaultResponse = (error: FaultError): SandboxResponse =>
  error.code === 'ThrottlingException'
    ? xmlError('SlowDown', 'Please reduce your request rate.', 503)
    : xmlError('InternalError', error.message, error.status);

export function s3Plugin(): SandboxPlugin {
  let s3rver: S3rver | undefined;
  let s3rverPort: Promise<number> | undefined;
  let proxy: RunningServer | undefined;
  let directory = '';
  let proxyUrl = '';

  /**
   * The recording proxy: the sandbox's own request reading (`listen`), call entries and fault
   * selection (`callEntry`, `faultFor`: injected faults and scenario rate limits), then s3rver.
   * Unlike the main router it records each call as it arrives (so the log is in arrival order)
   * and fills in its status and `completedAt` when it is answered.
   */
  function proxyTo(ctx: PluginContext, upstream: () => Promise<number>) {
    return async (req: SandboxRequest, res: http.ServerResponse): Promise<void> => {
      const id = identifyS3(req.method, req.path, req.query, req.headers);
      const input = inputOf(id, req);
      const entry = callEntry(ctx, { service: 's3', operation: id.operation, input }, req);
      ctx.calls.record(entry);
      const finish = (status: number, fault?: string) => {
        entry.status = status;
        input.completedAt = ctx.clock.now();
        if (fault) entry.fault = fault;
      };
      const applied = faultFor(ctx, entry);
      const fault = applied?.fault;
      if (fault?.kind === 'latency') await sleep(fault.latencyMs ?? 1000);
      if (fault?.kind === 'throttle' || fault?.kind === 'server-error' || fault?.kind === 'error') {
        const response = s3FaultResponse(faultError(fault));
        finish(response.status, applied?.label);
        send(res, response);
        return;
      }
      if (fault?.kind === 'drop-before-apply') {
        finish(0, applied?.label);
        drop(res);
        return;
      }
      if (fault?.kind === 'hang') {
        finish(0, applied?.label);
        hang(res);
        return;
      }
      let port: number;
      try {
        port = await upstream();
      } catch (error) {
        finish(502);
        send(res, xmlError('InternalError', `s3rver did not start: ${String(error)}`, 502));
        return;
      }
      const upstreamRequest = http.request(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            finish(answer.statusCode ?? 0, applied?.label);
            if (fault?.kind === 'drop-after-apply') {
              drop(res);
              return;
            }
            if (fault?.kind === 'truncate' || fault?.kind === 'garble') {
              const headers = Object.fromEntries(
                Object.entries(answer.headers).map(([k, v]) => [k, String(v)]),
              );
              sendBroken(
                res,
                { status: answer.statusCode ?? 500, headers, body: Buffer.concat(parts) },
                fault.kind,
              );
              return;
            }
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(Buffer.concat(parts));
          });
        },
      );
      upstreamRequest.on('error', (error) => {
        finish(502);
        send(res, xmlError('InternalError', error.message, 502));
      });
      upstreamRequest.end(req.body);
    };
  }

  /** s3rver on its own port, its buckets made and seeded; resolves to the port. */
  async function startS3rver(ctx: PluginContext): Promise<number> {
    trustSandboxCredentials();
    shimDesForS3rver();
    directory = mkdtempSync(join(tmpdir(), 'sandbox-s3-'));
    const buckets = ctx.scenario.s3?.buckets ?? [];
    const { default: S3rverServer } = await import('s3rver');
    s3rver = new S3rverServer({
      port: 0,
      address: '127.0.0.1',
      silent: process.env.SANDBOX_S3_LOG !== '1',
      directory,
      configureBuckets: buckets.map((b) => ({ name: b.name, configs: [] })),
    });
    const info = (await s3rver.run()) as AddressInfo;
    const directUrl = `http://127.0.0.1:${info.port}`;
    ctx.state.s3 = { url: proxyUrl, directUrl, directory };
    const seeds = buckets.flatMap((b) => (b.objects ?? []).map((o) => ({ bucket: b.name, ...o })));
    for (const seed of seeds) {
      const headers: Record<string, string> = {
        'content-length': String(Buffer.byteLength(seed.body)),
      };
      if (seed.contentType) headers['content-type'] = seed.contentType;
      if (seed.cacheControl) headers['cache-control'] = seed.cacheControl;
      for (const [k, v] of Object.entries(seed.metadata ?? {})) headers[`x-amz-meta-${k}`] = v;
      await new Promise<void>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: info.port,
            method: 'PUT',
            path: `/${seed.bucket}/${seed.key.split('/').map(encodeURIComponent).join('/')}`,
            headers,
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve()
                : reject(new Error(`seeding ${seed.key}: ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(seed.body);
      });
    }
    return info.port;
  }

  return {
    name: 's3',
    // Requests reach S3 through its own port; nothing on the main server is S3's.
    match: () => false,
    handle: async () => ({ status: 404 }),
    async start(ctx) {
      proxy = await listen(
        0,
        proxyTo(ctx, () => (s3rverPort ??= startS3rver(ctx))),
      );
      proxyUrl = proxy.url;
      // A scenario with buckets has S3 ready before the first request (and its state for the
      // tests that look at objects directly); any other starts s3rver at its first S3 request:
      // most scenarios never make one, and s3rver is most of what a sandbox costs to import.
      if ((ctx.scenario.s3?.buckets ?? []).length > 0) await (s3rverPort ??= startS3rver(ctx));
    },
    async stop() {
      await proxy?.close();
      // A start under way (a first request just before the end) finishes before s3rver closes.
      await s3rverPort?.catch(() => undefined);
      await s3rver?.close();
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
    env: () => ({ AWS_ENDPOINT_URL_S3: proxyUrl }),
  };
}
