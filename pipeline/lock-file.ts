/**
 * A lock held by one holder at a time across runner processes: a directory in the temp folder
 * with the owner's pid (a dead owner's lock is taken over). Bounded: it gives up after `waitMs`.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface HeldLock {
  /** True when another holder had it first and this one waited. */
  waited: boolean;
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

let held = 0;

export function lockPath(name: string): string {
  return path.join(os.tmpdir(), `ecs-pack-pipeline-${name}.lock`);
}

export async function acquireLock(name: string, waitMs: number, what: string): Promise<HeldLock> {
  const dir = lockPath(name);
  const token = `${process.pid}:${(held += 1)}`;
  const deadline = Date.now() + waitMs;
  let waited = false;
  for (;;) {
    try {
      await mkdir(dir);
      await writeFile(path.join(dir, 'owner'), token);
      return { waited, release: () => rm(dir, { recursive: true, force: true }) };
    } catch {
      const owner = await readFile(path.join(dir, 'owner'), 'utf8').catch(() => '');
      const pid = Number(owner.split(':')[0]);
      if (owner && !alive(pid)) await rm(dir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`${what} stayed held by another run (lock ${dir}) for ${waitMs / 1000} s`);
      else {
        waited = true;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
