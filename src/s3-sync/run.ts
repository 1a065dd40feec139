/**
 * s3-sync: scan and hash the source, list the prefix, compare (the listing and the publish
 * manifest, HeadObject where they do not settle it; see compare.ts), plan, then upload assets,
 * then HTML entry points, then (with `delete`) delete, then record the publish in the manifest.
 * Status: `synced` (something changed), `unchanged` (nothing to do), `dry-run`, `failed`.
 */
import { info, safeAnnotation } from '../lib/log.js';
import * as core from '@actions/core';
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../lib/aws.js';
import { inputError, messageOf } from '../lib/errors.js';
import type { ActionContext } from '../lib/run.js';
import { annotateCause, formatSeconds, type Phase } from '../lib/summary.js';
import { cacheControlResolver } from './cache-control.js';
import { contentTypeFor } from './content-type.js';
import { startActionDeadline } from '../lib/deadline.js';
import { readInputs } from './inputs.js';
import { scanSource } from './local-files.js';
import { compareRemote, recordPublish, splitListing, type Target } from './compare.js';
import { MANIFEST_DIR } from './manifest.js';
import {
  buildPlan,
  deleteBatches,
  keyFor,
  uploadBytes,
  uploadCount,
  type SourceFile,
  type SyncPlan,
  type Upload,
} from './plan.js';
import { deleteKeys, listRemote, uploadAll } from './remote.js';
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
  const url = `s3://${inputs.bucket}/${inputs.prefix}`;
  const resolveCache = cacheControlResolver(inputs['cache-control']);
  const phases: Phase[] = [];
  const phase = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    const value = await core.group(safeAnnotation(name), body);
    phases.push({ section: 'publish', name, start, end: Date.now(), state: 'done' });
    return value;
  };

  const client = createClient(S3Client);
  const target: Target = {
    client,
    bucket: inputs.bucket,
    prefix: inputs.prefix,
    concurrency: inputs.concurrency,
    signal: ctx.signal,
  };
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
      const own = scanned.find((f) => f.path.startsWith(MANIFEST_DIR));
      if (own) {
        throw inputError(
          'source',
          `has ${own.path}; s3-sync keeps its publish manifest under ${MANIFEST_DIR} and publishes no file there.`,
        );
      }
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
        const split = splitListing(inputs.prefix, result.objects);
        info(`${split.site.size} object(s) under ${url}.`);
        return split;
      },
    );
    const comparison = await phase('Compare', async () => {
      const compared = await compareRemote(target, files, remote);
      info(`Compared: ${compared.how}.`);
      return compared;
    });
    plan = buildPlan(files, remote.site, comparison.verdicts, {
      prefix: inputs.prefix,
      delete: inputs.delete,
    });
    pathsFile = writeChangedPaths(changedUrlPaths(plan));
    printPlan(plan, inputs.delete);

    if (inputs['dry-run']) {
      setOutputs(pathsFile, plan, counters, 'dry-run');
      summarise(ctx, url, plan, counters, 'dry-run', phases);
      return;
    }
    const uploaded = new Map<string, string>();
    const onDone = (u: Upload, etag: string) => {
      counters.uploaded++;
      counters.bytes += u.file.size;
      uploaded.set(u.key, etag);
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
    await recordOrWarn(target, files, remote, {
      uploaded,
      unchanged: p.unchanged.map((f) => keyFor(inputs.prefix, f.path)),
    });
  } catch (error) {
    if (!pathsFile) pathsFile = writeChangedPaths([]);
    setOutputs(pathsFile, plan, counters, 'failed');
    annotateCause(messageOf(error), 's3-sync');
    if (plan) summarise(ctx, url, plan, counters, 'failed', phases);
    throw error;
  }
  const status: Status = counters.uploaded + counters.deleted > 0 ? 'synced' : 'unchanged';
  info(
    `${status}: ${counters.uploaded} uploaded (${counters.bytes} bytes), ${counters.deleted} deleted, ${plan.unchanged.length} unchanged.`,
  );
  setOutputs(pathsFile, plan, counters, status);
  summarise(ctx, url, plan, counters, status, phases);
}

/** The site is published by now: a manifest that cannot be written costs the next run time only. */
async function recordOrWarn(...args: Parameters<typeof recordPublish>): Promise<void> {
  try {
    info(await recordPublish(...args));
  } catch (error) {
    core.warning(
      `The site is published, but its manifest could not be written (${messageOf(error)}); the next run compares with a HeadObject per object.`,
    );
  }
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
