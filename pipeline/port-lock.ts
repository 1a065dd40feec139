/**
 * A host port held by one job at a time, across runner processes: a lock file with the owner's
 * pid in the temp folder (a dead owner's lock is taken over), then a check that nothing else
 * listens there. Waits at most two minutes.
 *
 * A "free" port for a bare `ports: - 5432` comes from below the kernel's ephemeral range, locked
 * the same way. A port from `listen(0)` is only free until it is closed: the kernel hands it to
 * the next `listen(0)` or outgoing connection, and the service that binds it a second later
 * (after initdb) may find it taken. Below the range the kernel never hands out a port by itself.
 */
import { readFileSync } from 'node:fs';
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

/** The kernel's first ephemeral port (Linux's default 32768 where the file is missing). */
function ephemeralStart(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > 2048 ? low : 32768;
  } catch {
    return 32768;
  }
}

/**
 * A free host port, held (lock file and nothing listening) until `release()`: tried at random
 * between half the ephemeral range's start and its start, as many times as it takes (at most 200).
 */
export async function acquireFreePort(
  random: () => number = Math.random,
): Promise<{ port: number; lock: PortLock }> {
  const end = ephemeralStart();
  const start = Math.max(1024, Math.floor(end / 2));
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = start + Math.floor(random() * (end - start));
    const lock = await acquireLock(`port-${port}`, 0, `host port ${port}`).catch(() => undefined);
    if (!lock) continue;
    if (!(await listening(port))) return { port, lock };
    await lock.release();
  }
  throw new Error(`no free host port between ${start} and ${end - 1} after 200 tries`);
}
