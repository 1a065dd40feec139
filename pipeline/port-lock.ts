/**
 * A host port held by one job at a time, across runner processes: a lock file with the owner's
 * pid in the temp folder (a dead owner's lock is taken over), then a check that nothing else
 * listens there. Waits at most two minutes.
 */
import net from 'node:net';
import { acquireLock } from './lock-file.js';

export interface PortLock {
  release(): Promise<void>;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

export async function acquirePort(port: number, waitMs = 120_000): Promise<PortLock> {
  const lock = await acquireLock(`port-${port}`, waitMs, `host port ${port}`);
  if (await listening(port)) {
    await lock.release();
    throw new Error(
      `host port ${port} is in use by another program on this machine; the service's ports mapping needs it`,
    );
  }
  return lock;
}
