/**
 * cloudfront-invalidate: paths -> normalised set -> (collapsed) -> batches per distribution ->
 * CreateInvalidation with a deterministic CallerReference -> wait until Completed.
 * Status: `completed` (all Completed), `created` (wait: false), `skipped` (no path to
 * invalidate), `timed-out`, `failed`.
 */
import { info } from '../lib/log.js';
import * as core from '@actions/core';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { createClient } from '../lib/aws.js';
import { OutcomeError, messageOf } from '../lib/errors.js';
import { startActionDeadline, type Deadline } from '../lib/deadline.js';
import { poll } from '../lib/poller.js';
import type { ActionContext } from '../lib/run.js';
import { annotateCause, formatSeconds, type Phase } from '../lib/summary.js';
import { readInputs, type Inputs } from './inputs.js';
import {
  createInvalidation,
  invalidationStatus,
  InvalidationTimeout,
  type Created,
} from './invalidations.js';
import { batchPaths, collapsePaths, normalisePaths } from './paths.js';
import { callerReference, runIdentity } from './reference.js';

export type Status = 'completed' | 'created' | 'skipped' | 'timed-out' | 'failed';

export interface PathPlan {
  paths: string[];
  requested: number;
  collapsed: boolean;
  batches: string[][];
}

export function planPaths(lines: readonly string[], maxPaths: number): PathPlan {
  const normalised = normalisePaths(lines);
  const { paths, collapsed } = collapsePaths(normalised, maxPaths);
  return { paths, requested: normalised.length, collapsed, batches: batchPaths(paths) };
}

function setOutputs(created: readonly Created[], pathCount: number, status: Status): void {
  core.setOutput('invalidation-ids', created.map((c) => c.id).join('\n'));
  core.setOutput('path-count', String(pathCount));
  core.setOutput('status', status);
}

export async function main(ctx: ActionContext): Promise<void> {
  const inputs: Inputs = readInputs();
  const started = Date.now();
  // One deadline for the step: every request and the wait are bounded by it.
  const deadline = startActionDeadline(inputs['timeout-minutes'], ctx.signal);
  const plan = planPaths(inputs.pathLines, inputs['max-paths']);
  const distributions = inputs['distribution-id'];
  ctx.summary.heading('CloudFront invalidation');

  if (plan.paths.length === 0) {
    const message = `Nothing to invalidate: ${inputs.pathsSource === 'paths-file' ? `paths-file ${inputs['paths-file']} lists no path` : 'no path given'}; no invalidation created.`;
    info(message);
    ctx.summary.text(message);
    setOutputs([], 0, 'skipped');
    return;
  }

  info(
    `${plan.requested} path(s) after normalising${plan.collapsed ? `, collapsed to ${plan.paths.length} (max-paths ${inputs['max-paths']})` : ''}; ${plan.batches.length} batch(es) per distribution.`,
  );
  core.startGroup('Paths');
  for (const path of plan.paths) info(path);
  core.endGroup();

  const client = createClient(CloudFrontClient);
  const run = runIdentity();
  const created: Created[] = [];
  const phases: Phase[] = [];
  const log = (line: string) => info(line);
  const backoff = {
    baseMs: Math.min(Math.max(inputs['poll-interval-seconds'], 200), 5000),
    capMs: 60_000,
  };

  let status: Status = 'failed';
  try {
    await Promise.all(
      distributions.map(async (distributionId) => {
        for (const [index, batch] of plan.batches.entries()) {
          const reference = callerReference({
            ...(inputs['caller-reference'] ? { given: inputs['caller-reference'] } : {}),
            run,
            distributionId,
            allPaths: plan.paths,
            batch: index + 1,
            batches: plan.batches.length,
          });
          const t0 = Date.now();
          const result = await createInvalidation(client, distributionId, reference, batch, {
            deadline,
            signal: deadline.signal,
            backoff,
            log,
            startedAt: started,
          });
          created.push(result);
          phases.push({
            section: distributionId,
            name: `create ${result.id}`,
            start: t0,
            end: Date.now(),
            state: 'done',
          });
          info(
            result.existing
              ? `${distributionId}: CloudFront already has invalidation ${result.id} for reference ${reference} (${result.status}); nothing new created.`
              : `${distributionId}: created invalidation ${result.id} (${batch.length} path(s), ${result.status}, reference ${reference}).`,
          );
        }
      }),
    );
    if (!inputs.wait) status = 'created';
    else status = await waitForAll(client, created, inputs, deadline, phases);
  } catch (caught) {
    const timedOut = caught instanceof InvalidationTimeout || deadline.timedOut();
    status = timedOut ? 'timed-out' : 'failed';
    const error =
      timedOut && !(caught instanceof InvalidationTimeout)
        ? new InvalidationTimeout(
            `Timed out after ${formatSeconds(inputs['timeout-minutes'])} creating the invalidations (${created.length} of ${distributions.length * plan.batches.length} created${created.length ? `: ${created.map((c) => `${c.distributionId}/${c.id}`).join(', ')}` : ''}); a request still unanswered may yet have created one, which a re-run finds by its caller reference.`,
          )
        : deadline.cancelled() && !(caught instanceof OutcomeError)
          ? new OutcomeError(
              `Cancelled while creating the invalidations (${created.length} created); a request still unanswered may yet have created one, which a re-run finds by its caller reference.`,
            )
          : caught;
    setOutputs(created, plan.paths.length, status);
    annotateCause(messageOf(error), 'CloudFront invalidation');
    writeSummary(ctx, created, plan, status, phases);
    throw error;
  }
  setOutputs(created, plan.paths.length, status);
  writeSummary(ctx, created, plan, status, phases);
  if (status === 'timed-out') {
    const pending = created
      .filter((c) => c.status !== 'Completed')
      .map((c) => `${c.distributionId}/${c.id}`);
    const message = `Timed out after ${formatSeconds(inputs['timeout-minutes'])} waiting for ${pending.join(', ')} to complete (they continue in CloudFront).`;
    annotateCause(message, 'CloudFront invalidation');
    throw new OutcomeError(message);
  }
  if (deadline.cancelled())
    throw new OutcomeError('Cancelled while waiting; the invalidations continue in CloudFront.');
}

const HEARTBEAT_MS = 60_000;

async function waitForAll(
  client: CloudFrontClient,
  created: Created[],
  inputs: Inputs,
  deadline: Deadline,
  phases: Phase[],
): Promise<Status> {
  const waitStart = Date.now();
  let lastState = '';
  let lastPrinted = 0;
  const result = await poll<true>(
    async (_poll, signal) => {
      const pending = created.filter((c) => c.status !== 'Completed');
      await Promise.all(
        pending.map(async (c) => {
          c.status = await invalidationStatus(client, c.distributionId, c.id, signal);
        }),
      );
      const left = created.filter((c) => c.status !== 'Completed');
      // One line when something completes, and a heartbeat a minute otherwise: not one per poll.
      const state = `${created.length - left.length}/${created.length} completed${left.length ? `; waiting for ${left.map((c) => `${c.distributionId}/${c.id}`).join(', ')}` : ''}.`;
      if (state !== lastState || Date.now() - lastPrinted >= HEARTBEAT_MS) {
        info(`${formatSeconds(Date.now() - waitStart)}: ${state}`);
        lastState = state;
        lastPrinted = Date.now();
      }
      return left.length === 0 ? { done: true, value: true } : { done: false };
    },
    {
      intervalMs: inputs['poll-interval-seconds'],
      deadline,
      what: 'GetInvalidation',
      info: (line) => info(line),
    },
  );
  for (const c of created) {
    phases.push({
      section: c.distributionId,
      name: `${c.id} ${c.status}`,
      start: waitStart,
      end: Date.now(),
      state: c.status === 'Completed' ? 'done' : 'active',
    });
  }
  if (result.outcome === 'done') return 'completed';
  if (result.outcome === 'cancelled') return 'failed';
  return 'timed-out';
}

function writeSummary(
  ctx: ActionContext,
  created: readonly Created[],
  plan: PathPlan,
  status: Status,
  phases: readonly Phase[],
): void {
  ctx.summary
    .text(
      `**${status}**: ${plan.paths.length} path(s)${plan.collapsed ? ` (collapsed from ${plan.requested})` : ''} in ${plan.batches.length} batch(es) per distribution.`,
    )
    .table(
      ['distribution', 'invalidation', 'paths', 'status', 'caller reference'],
      created.map((c) => [
        c.distributionId,
        c.id + (c.existing ? ' (existing)' : ''),
        String(c.paths),
        c.status,
        c.reference,
      ]),
    )
    .timeline('Invalidations', phases)
    .details(
      'Paths',
      plan.paths.slice(0, 200).join('\n') +
        (plan.paths.length > 200 ? `\n... and ${plan.paths.length - 200} more` : ''),
    );
}
