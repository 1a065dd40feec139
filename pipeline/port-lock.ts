/**
 * A host port held by one job at a time, across runner processes: a lock file with the owner's
 * pid in the temp folder (a dead owner's lock is taken over), then a check that nothing else
 * listens there. Waits at most two minutes.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PortLock {
  release(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

let held = 0;

export async function acquirePort(port: number, waitMs = 120_000): Promise<PortLock> {
  const dir = path.join(os.tmpdir(), `ecs-pack-pipeline-port-${port}.lock`);
  const token = `${process.pid}:${(held += 1)}`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(path.join(dir, 'owner'), token);
      break;
    } catch {
      const owner = await readFile(path.join(dir, 'owner'), 'utf8').catch(() => '');
      const pid = Number(owner.split(':')[0]);
      if (owner && !alive(pid)) await rm(dir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(
          `host port ${port} stayed taken by another job (lock ${dir}) for ${waitMs / 1000} s`,
        );
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (await listening(port)) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `host port ${port} is in use by another program on this machine; the service's ports mapping needs it`,
    );
  }
  return { release: () => rm(dir, { recursive: true, force: true }) };
}
