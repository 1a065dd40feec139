/**
 * Run as `node --expose-gc scripts/run-ts.mjs test/support/gc-fetch-probe.ts any|bounded`: sends a
 * request to a server that never answers, with a 300 ms timeout combined with a parent signal,
 * while collecting garbage every 10 ms; prints whether the request settled within 4 s. On Node 20,
 * `AbortSignal.any([parent, AbortSignal.timeout()])` loses its timeout this way (`any`);
 * src/lib/http.ts must not (`bounded`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchBounded } from '../../src/lib/http.js';
const which = process.argv[2];
const server = createServer((req) => {
  req.resume();
});
server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const parent = new AbortController();
  const gcTimer = setInterval(() => (globalThis as unknown as { gc: () => void }).gc(), 10);
  const started = Date.now();
  const giveUp = setTimeout(() => {
    console.log(JSON.stringify({ settled: false, ms: Date.now() - started }));
    process.exit(0);
  }, 4000);
  try {
    if (which === 'any') {
      await fetch(url, {
        method: 'POST',
        body: 'x',
        signal: AbortSignal.any([parent.signal, AbortSignal.timeout(300)]),
      });
    } else {
      await fetchBounded(
        url,
        { method: 'POST', body: 'x' },
        { timeoutMs: 300, signal: parent.signal },
      );
    }
  } catch (e) {
    console.log(
      JSON.stringify({ settled: true, name: (e as Error).name, ms: Date.now() - started }),
    );
  }
  clearInterval(gcTimer);
  clearTimeout(giveUp);
  server.closeAllConnections();
  server.close();
});
