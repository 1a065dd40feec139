/**
 * Where a run keeps what lives only as long as it: its jobs' workspaces and temp folders, its
 * services' clusters. `/dev/shm` (a memory filesystem) when it has at least 1 GiB free, else the
 * temporary directory. On this machine's disk, creating a file is what costs: a checkout, an
 * `npm ci` or an initdb spends most of its CPU in the kernel there, and a tenth of it in memory.
 * A container's `/dev/shm` is 64 MB unless it is given more: too small, so the disk is used.
 */
import { statfsSync } from 'node:fs';
import os from 'node:os';

/** Room a memory filesystem must have to hold a run's workspaces and clusters. */
const MEMORY_ROOM_BYTES = 1024 ** 3;

export function scratchParent(memory = '/dev/shm', room = MEMORY_ROOM_BYTES): string {
  try {
    const stats = statfsSync(memory);
    if (stats.bavail * stats.bsize >= room) return memory;
  } catch {
    // No memory filesystem here.
  }
  return os.tmpdir();
}
