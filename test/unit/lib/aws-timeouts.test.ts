/**
 * Every AWS client is bounded: a server that accepts the request and never answers ends the call
 * with the SDK's TimeoutError (retried by the SDK, then given up), and the action's deadline ends
 * a call at once, whatever the SDK is doing. An answer cut short is a transient fault.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientConfig, createClient, httpTimeouts } from '../../../src/lib/aws.js';
import { isTransientError } from '../../../src/lib/aws-errors.js';
import { Deadline, DeadlineExceededError, setActionDeadline } from '../../../src/lib/deadline.js';

let server: Server;
let hits = 0;
let mode: 'hang' | 'truncate' = 'hang';
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume();
    if (mode === 'truncate') {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': '200' });
      res.write('{"clusterArns": ["arn:aws:ecs');
      setTimeout(() => res.socket?.destroy(), 20);
    }
    // 'hang': never answer.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  Object.assign(process.env, {
    AWS_REGION: 'eu-central-1',
    AWS_ENDPOINT_URL_ECS: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
});

afterAll(async () => {
  process.env = saved;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('HTTP timeouts', () => {
  it('are set on every client, with an override for the answer timeouts', () => {
    expect(clientConfig({}).requestHandler).toEqual({
      connectionTimeout: 10_000,
      requestTimeout: 60_000,
      socketTimeout: 30_000,
      throwOnRequestTimeout: true,
    });
    expect(httpTimeouts({ PACK_REQUEST_TIMEOUT_SECONDS: '2' })).toMatchObject({
      requestTimeout: 2000,
      socketTimeout: 2000,
      connectionTimeout: 2000,
    });
    expect(
      httpTimeouts({ PACK_REQUEST_TIMEOUT_SECONDS: 'x' }, { requestTimeoutMs: 5 }),
    ).toMatchObject({
      requestTimeout: 5,
    });
  });

  it('a request that never answers fails with a TimeoutError after the SDK retries', async () => {
    process.env.PACK_REQUEST_TIMEOUT_SECONDS = '0.2';
    process.env.AWS_MAX_ATTEMPTS = '2';
    mode = 'hang';
    hits = 0;
    const client = createClient(ECSClient);
    const error = await client.send(new ListClustersCommand({})).catch((e: unknown) => e);
    client.destroy();
    delete process.env.PACK_REQUEST_TIMEOUT_SECONDS;
    delete process.env.AWS_MAX_ATTEMPTS;
    expect((error as Error).name).toBe('TimeoutError');
    expect(isTransientError(error)).toBe(true);
    expect(hits).toBe(2);
  });

  it("the action's deadline ends a hung request at once", async () => {
    mode = 'hang';
    const client = createClient(ECSClient);
    const deadline = Deadline.after(150);
    setActionDeadline(deadline);
    const started = Date.now();
    try {
      const error = await client.send(new ListClustersCommand({})).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(isTransientError(error)).toBe(false);
    } finally {
      setActionDeadline(undefined);
      client.destroy();
    }
  });

  it('a request with its own abortSignal is not bound to the deadline', async () => {
    mode = 'hang';
    const client = createClient(ECSClient);
    const deadline = Deadline.after(0);
    setActionDeadline(deadline);
    const own = new AbortController();
    setTimeout(() => own.abort(new Error('own bound')), 100);
    try {
      const error = await client
        .send(new ListClustersCommand({}), { abortSignal: own.signal })
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe('own bound');
    } finally {
      setActionDeadline(undefined);
      client.destroy();
    }
  });

  it('an answer cut short is a transient fault', async () => {
    mode = 'truncate';
    process.env.AWS_MAX_ATTEMPTS = '1';
    process.env.PACK_REQUEST_TIMEOUT_SECONDS = '2';
    const client = createClient(ECSClient);
    const error = await client.send(new ListClustersCommand({})).catch((e: unknown) => e);
    client.destroy();
    delete process.env.AWS_MAX_ATTEMPTS;
    delete process.env.PACK_REQUEST_TIMEOUT_SECONDS;
    expect(error).toBeInstanceOf(Error);
    expect(isTransientError(error)).toBe(true);
  });
});
