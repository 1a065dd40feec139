/**
 * The test run's temporary directory. The suite creates tens of thousands of files (each bundle
 * run's command files, the sites s3-sync publishes, s3rver's objects, the pipelines' workspaces),
 * and on a disk creating and removing a file is what costs: s3-sync's no-missed-change file spent
 * 6.2 s of CPU in /tmp and 2.9 s in memory. So the run's TMPDIR is a directory of its own under
 * `/dev/shm` (a memory filesystem) when that has at least 1 GiB free, removed when the run ends
 * (test/support/global-teardown.mjs), with whatever a test left behind; a run that was killed
 * leaves one, which the next run removes. Without the room, TMPDIR stays as it is.
 *
 * What the tests prove does not change: nothing in the pack or its tools reads where the
 * temporary directory is, only that it is one. Caches meant to outlive a run (jest's, V8's
 * compile cache) live on disk in node_modules/.cache.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';

const MEMORY = '/dev/shm';
const PREFIX = 'ecs-delivery-pack-tests-';
const ROOM_BYTES = 1024 ** 3;

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** Creates this run's directory (named after this process) and returns it, or undefined. */
export function createTestScratch() {
  let stats;
  try {
    stats = statfsSync(MEMORY);
  } catch {
    return undefined;
  }
  if (stats.bavail * stats.bsize < ROOM_BYTES) return undefined;
  for (const name of readdirSync(MEMORY)) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && pid > 0 && !alive(pid))
      rmSync(path.join(MEMORY, name), { recursive: true, force: true });
  }
  const dir = path.join(MEMORY, `${PREFIX}${process.pid}`);
  // World-writable with the sticky bit, as /tmp: the pipeline's PostgreSQL runs as `postgres`.
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o1777);
  return dir;
}

/** Removes this run's directory, if it made one. */
export function removeTestScratch() {
  const dir = path.join(MEMORY, `${PREFIX}${process.pid}`);
  if (process.env.TMPDIR === dir) rmSync(dir, { recursive: true, force: true });
}
