/**
 * s3-sync: scan and hash the source, list the prefix, HeadObject the same-size candidates,
 * plan, then upload assets, then HTML entry points, then (with `delete`) delete.
 * Status: `synced` (something changed), `unchanged` (nothing to do), `dry-run`, `failed`.
 */
import { info, safeAnnotation } from '../lib/log.js';
import * as core from '@actions/core';
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../lib/aws.js';
import { messageOf } from '../lib/errors.js';
import type { ActionContext } from '../lib/run.js';
import { annotateCause, formatSeconds, type Phase } from '../lib/summary.js';
import { cacheControlResolver } from './cache-control.js';
import { contentTypeFor } from './content-type.js';
import { startActionDeadline } from '../lib/deadline.js';
import { readInputs } from './inputs.js';
import { scanSource } from './local-files.js';
import {
  buildPlan,
  deleteBatches,
  headCandidates,
  uploadBytes,
  uploadCount,
  type SourceFile,
  type SyncPlan,
  type Upload,
} from './plan.js';
import { deleteKeys, headObjects, listRemote, uploadAll } from './remote.js';
import { changedUrlPaths } from './url-paths.js';

export type Status = 'synced' | 'unchanged' | 'dry-run' | 'failed';

interface Counters {
  uploaded: number;
  bytes: number;
  deleted: number;
}

export function writeChangedPaths(paths: readonly string[], env = process.env): string {
  const dir = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 's3-sync-'));
  const file = join(dir, 'changed-paths.txt');
  writeFileSync(file, paths.length ? `${paths.join('\n')}\n` : '');
  return file;
}

function setOutputs(
  file: string,
  plan: SyncPlan | undefined,
  counters: Counters,
  status: Status,
): void {
  core.setOutput('changed-paths-file', file);
  core.setOutput('uploaded', String(counters.uploaded));
  core.setOutput('deleted', String(counters.deleted));
  core.setOutput('unchanged', String(plan?.unchanged.length ?? 0));
  core.setOutput('bytes-uploaded', String(counters.bytes));
  core.setOutput('status', status);
}

const describe = (u: Upload) =>
  `${u.change === 'new' ? '+' : '~'} ${u.key}${u.reason ? ` (${u.reason})` : ''}`;

export async function main(ctx: ActionContext): Promise<void> {
  const inputs = readInputs();
  // No timeout input: the step's deadline is the runner's longest job (6 h), and it carries the
  // cancellation to every request (each is also bounded by the clients' HTTP timeouts).
  startActionDeadline(6 * 60 * 60_000, ctx.signal);
  const target = `s3://${inputs.bucket}/${inputs.prefix}`;
  const resolveCache = cacheControlResolver(inputs['cache-control']);
  const phases: Phase[] = [];
  const phase = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    const value = await core.group(safeAnnotation(name), body);
    phases.push({ section: 'publish', name, start, end: Date.now(), state: 'done' });
    return value;
  };

  const client = createClient(S3Client);
  // The listing (read-only) runs while the files are hashed; its outcome is read below.
  const listing = listRemote(client, inputs.bucket, inputs.prefix, ctx.signal).then(
    (objects) => ({ objects }),
    (error: unknown) => ({ error }),
  );
  const counters: Counters = { uploaded: 0, bytes: 0, deleted: 0 };
  let plan: SyncPlan | undefined;
  let pathsFile = '';
  try {
    const files: SourceFile[] = await phase('Hash local files', async () => {
      const scanned = await scanSource(inputs.source, Math.max(4, inputs.concurrency), {
        symlinks: inputs.symlinks,
        warn: (message) => core.warning(safeAnnotation(message)),
      });
      info(`${scanned.length} file(s) in ${inputs.source}.`);
      return scanned.map((f) => ({
        ...f,
        contentType: contentTypeFor(f.path),
        cacheControl: resolveCache(f.path).header,
      }));
    });
    const remote = await phase(
      `List bucket ${inputs.bucket}${inputs.prefix ? ` under ${inputs.prefix}` : ''}`,
      async () => {
        const result = await listing;
        if ('error' in result) throw result.error;
        const listed = result.objects;
        info(`${listed.size} object(s) under ${target}.`);
        return listed;
      },
    );
    const candidates = headCandidates(files, remote, inputs.prefix);
    const heads = await phase('Compare stored hashes', async () => {
      info(
        `HeadObject on ${candidates.length} object(s) of the same size (others differ by size or are new).`,
      );
      return headObjects(client, inputs.bucket, candidates, inputs.concurrency, ctx.signal);
    });
    plan = buildPlan(files, remote, heads, { prefix: inputs.prefix, delete: inputs.delete });
    pathsFile = writeChangedPaths(changedUrlPaths(plan));
    printPlan(plan, inputs.delete);

    if (inputs['dry-run']) {
      setOutputs(pathsFile, plan, counters, 'dry-run');
      summarise(ctx, target, plan, counters, 'dry-run', phases);
      return;
    }
    const onDone = (u: Upload) => {
      counters.uploaded++;
      counters.bytes += u.file.size;
    };
    const p = plan;
    if (p.assets.length) {
      await phase(`Upload ${p.assets.length} asset(s)`, () =>
        uploadAll(client, inputs.bucket, p.assets, inputs.concurrency, onDone, ctx.signal),
      );
    }
    if (p.entryPoints.length) {
      await phase(`Upload ${p.entryPoints.length} HTML entry point(s)`, () =>
        uploadAll(client, inputs.bucket, p.entryPoints, inputs.concurrency, onDone, ctx.signal),
      );
    }
    if (p.deletions.length) {
      await phase(`Delete ${p.deletions.length} key(s)`, async () => {
        counters.deleted = await deleteKeys(
          client,
          inputs.bucket,
          deleteBatches(p.deletions),
          ctx.signal,
        );
      });
    }
  } catch (error) {
    if (!pathsFile) pathsFile = writeChangedPaths([]);
    setOutputs(pathsFile, plan, counters, 'failed');
    annotateCause(messageOf(error), 's3-sync');
    if (plan) summarise(ctx, target, plan, counters, 'failed', phases);
    throw error;
  }
  const status: Status = counters.uploaded + counters.deleted > 0 ? 'synced' : 'unchanged';
  info(
    `${status}: ${counters.uploaded} uploaded (${counters.bytes} bytes), ${counters.deleted} deleted, ${plan.unchanged.length} unchanged.`,
  );
  setOutputs(pathsFile, plan, counters, status);
  summarise(ctx, target, plan, counters, status, phases);
}

function printPlan(plan: SyncPlan, deleting: boolean): void {
  info(
    `Plan: ${plan.assets.length} asset(s) then ${plan.entryPoints.length} HTML entry point(s) to upload (${uploadBytes(plan)} bytes), ${plan.deletions.length} to delete, ${plan.unchanged.length} unchanged.`,
  );
  if (uploadCount(plan) + plan.deletions.length > 0) {
    core.startGroup('Changes');
    for (const u of plan.assets) info(describe(u));
    for (const u of plan.entryPoints) info(describe(u));
    for (const key of plan.deletions) info(`- ${key}`);
    core.endGroup();
  }
  if (!deleting && plan.kept.length) {
    info(
      `${plan.kept.length} remote key(s) are gone locally and kept (set 'delete: true' to remove them).`,
    );
  }
}

function summarise(
  ctx: ActionContext,
  target: string,
  plan: SyncPlan,
  counters: Counters,
  status: Status,
  phases: readonly Phase[],
): void {
  const total = phases.length ? phases[phases.length - 1]!.end - phases[0]!.start : 0;
  ctx.summary
    .heading(`S3 sync to ${target}`)
    .text(`**${status}** in ${formatSeconds(total)}`)
    .table(
      ['', 'planned', 'done'],
      [
        ['assets uploaded', String(plan.assets.length), ''],
        ['HTML entry points uploaded', String(plan.entryPoints.length), ''],
        ['total uploaded', String(uploadCount(plan)), String(counters.uploaded)],
        ['bytes uploaded', String(uploadBytes(plan)), String(counters.bytes)],
        ['deleted', String(plan.deletions.length), String(counters.deleted)],
        ['unchanged', String(plan.unchanged.length), String(plan.unchanged.length)],
        ['gone locally, kept', String(plan.kept.length), ''],
      ],
    )
    .timeline('Publish', phases);
}
