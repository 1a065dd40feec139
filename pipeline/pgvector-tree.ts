/**
 * pgvector images: Debian 12 has no pgvector package, so the server runs from a private tree
 * (the binaries copied once into the temp folder, lib and share linked to the system's) whose
 * extension folder adds the runner's SQL stand-in (pipeline/pgvector). The system is not touched.
 */
import { existsSync, readdirSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export async function pgvectorBin(bin: string): Promise<string> {
  const version = path.basename(path.dirname(bin));
  const root = path.join(os.tmpdir(), `ecs-pack-pipeline-pg${version}-vector`);
  const privateBin = path.join(root, 'lib', 'postgresql', version, 'bin');
  if (existsSync(path.join(privateBin, 'postgres'))) return privateBin;
  const staging = `${root}.${process.pid}`;
  const stagedBin = path.join(staging, 'lib', 'postgresql', version, 'bin');
  await mkdir(stagedBin, { recursive: true });
  for (const tool of readdirSync(bin)) {
    await copyFile(path.join(bin, tool), path.join(stagedBin, tool));
    await chmod(path.join(stagedBin, tool), 0o755);
  }
  await symlink(
    path.join(path.dirname(bin), 'lib'),
    path.join(staging, 'lib', 'postgresql', version, 'lib'),
  );
  const share = path.join(staging, 'share', 'postgresql', version);
  const systemShare = `/usr/share/postgresql/${version}`;
  await mkdir(path.join(share, 'extension'), { recursive: true });
  for (const entry of readdirSync(systemShare))
    if (entry !== 'extension')
      await symlink(path.join(systemShare, entry), path.join(share, entry));
  for (const entry of readdirSync(path.join(systemShare, 'extension')))
    await symlink(path.join(systemShare, 'extension', entry), path.join(share, 'extension', entry));
  const standIn = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pgvector');
  for (const file of readdirSync(standIn))
    await copyFile(path.join(standIn, file), path.join(share, 'extension', file));
  await rename(staging, root).catch(() => rm(staging, { recursive: true, force: true }));
  return privateBin;
}
