/**
 * run-migration: inputs -> task definition (and a revision with new images) -> exclusive check
 * -> RunTask (idempotent) -> follow until STOPPED while streaming logs -> verdict, outputs and
 * summary. On timeout or cancellation the task is stopped (or, when asked, left running) and
 * the step fails naming it.
 */
import { info } from '../lib/log.js';
import { ECSClient, RunTaskCommand, type Service, type Task } from '@aws-sdk/client-ecs';
import * as core from '@actions/core';
import { createClient } from '../lib/aws.js';
import { startActionDeadline, writeSignal } from '../lib/deadline.js';
import { OutcomeError, messageOf } from '../lib/errors.js';
import type { ActionContext } from '../lib/run.js';
import { annotateCause, formatSeconds } from '../lib/summary.js';
import { registerIfChanged } from '../lib/task-definition-registry.js';
import {
  applyImages,
  canonicalTaskDefinition,
  pickContainer,
  stripReadOnly,
} from '../lib/task-definition.js';
import { activeMigrationTasks, classifyActiveTasks } from './exclusive.js';
import { describeDuration, stopTask } from './follow-task.js';
import { CLIENT_TOKEN_TAG, clientTokenFor, runIdentity, startedByFor } from './identity.js';
import { readInputs } from './inputs.js';
import { planLaunch } from './launch.js';
import { followWithLogs } from './follow-with-logs.js';
import { regionOfArn } from './log-target.js';
import { commandText, renderSummary, type MigrationReport } from './report.js';
import { describeService, resolveTaskDefinition, withClusterCheck } from './source.js';
import { runTaskFailureVerdict, stoppedTaskVerdict, type Verdict } from './verdict.js';

function setOutputs(o: {
  taskArn?: string;
  taskDefinitionArn?: string;
  verdict?: Verdict;
  task?: Task;
}): void {
  if (o.taskArn) core.setOutput('task-arn', o.taskArn);
  if (o.taskDefinitionArn) core.setOutput('task-definition-arn', o.taskDefinitionArn);
  if (o.verdict) {
    core.setOutput('status', o.verdict.status);
    core.setOutput('exit-code', o.verdict.exitCode === undefined ? '' : String(o.verdict.exitCode));
  }
  if (o.task?.stoppedReason) core.setOutput('stopped-reason', o.task.stoppedReason);
}

export async function main(ctx: ActionContext): Promise<void> {
  const inputs = readInputs();
  // One deadline for the step: every request and wait below is bounded by it.
  const deadline = startActionDeadline(inputs['timeout-minutes'], ctx.signal);
  const ecs = createClient(ECSClient);

  // 1. Everything is resolved and validated before the first mutating call.
  const service: Service | undefined = inputs.service
    ? await describeService(ecs, inputs.cluster, inputs.service)
    : undefined;
  const ref = inputs['task-definition'] ?? service?.taskDefinition ?? '';
  const source = await resolveTaskDefinition(
    ecs,
    ref,
    inputs['task-definition'] ? 'task-definition' : 'service',
  );
  const rendered =
    inputs.images.size > 0
      ? applyImages(stripReadOnly(source.definition), inputs.images)
      : undefined;
  const definition = rendered ?? source.definition;
  const target = pickContainer(definition, inputs.container);
  const container = String(target.name);
  const roles = (definition.containerDefinitions ?? []).map((c) => ({
    name: String(c.name),
    essential: c.essential !== false,
  }));
  const draft = planLaunch({
    inputs,
    ...(service ? { service } : {}),
    taskDefinitionArn: source.arn,
    definition,
    container,
  });
  const migrationName = inputs['migration-name'] ?? source.family;
  const startedBy = startedByFor(migrationName);
  // With new images, the revision is named by its content: a retried step finds the family's
  // latest revision to be the one its first attempt registered, and must get the same token.
  const clientToken = clientTokenFor(runIdentity(), {
    ...draft.request,
    ...(rendered ? { taskDefinition: canonicalTaskDefinition(rendered) } : {}),
  });
  info(
    `Migration ${migrationName}: ${inputs.command ? commandText(inputs.command) : 'the image command'} in container '${container}' of ${source.arn}`,
  );
  for (const line of draft.sources) info(`Using ${line}.`);

  // 2. Exclusive: refuse while another task of this migration is PENDING or RUNNING.
  if (inputs.exclusive) {
    const active = classifyActiveTasks(
      await withClusterCheck(inputs.cluster, () =>
        activeMigrationTasks(ecs, inputs.cluster, startedBy),
      ),
      source.family,
      clientToken,
    );
    if (active.others.length > 0) {
      const list = active.others
        .map((t) => `${t.taskArn} (${t.lastStatus}, started by ${t.startedBy})`)
        .join(', ');
      const message = `Another task of migration ${migrationName} is already running: ${list}. Wait for it to finish (or stop it), or set 'exclusive: false'.`;
      setOutputs({
        verdict: { status: 'failed', headline: message, causes: [message], notes: [] },
      });
      ctx.summary.heading(`❌ Migration ${migrationName}: not started`).text(message);
      throw new OutcomeError(message);
    }
    if (active.own)
      info(
        `Task ${active.own.taskArn} was started by an earlier attempt of this step; following it instead of starting another.`,
      );
  }

  // 3. A revision running the new images (or the identical one already registered).
  let taskDefinitionArn = source.arn;
  const actions: string[] = [];
  if (rendered) {
    const result = await registerIfChanged(ecs, rendered, source.tags);
    taskDefinitionArn = result.taskDefinition.arn;
    const line = result.registered
      ? `Registered ${taskDefinitionArn} with the new images.`
      : `Reused ${taskDefinitionArn}: it already runs these images.`;
    info(line);
    actions.push(line);
  }
  core.setOutput('task-definition-arn', taskDefinitionArn);
  const request = { ...draft.request, taskDefinition: taskDefinitionArn };

  const report = (verdict: Verdict, extra: Partial<MigrationReport> = {}): MigrationReport => ({
    migrationName,
    cluster: inputs.cluster,
    taskDefinitionArn,
    container,
    ...(inputs.command ? { command: inputs.command } : {}),
    environmentNames: [...inputs.environment.keys()],
    roles,
    verdict,
    duration: '0s',
    lastLines: [],
    actions,
    ...extra,
  });

  if (ctx.signal.aborted) {
    const message = `The run was cancelled (${ctx.cancellation.reason() ?? 'signal'}) before the migration task was started; nothing is running.`;
    const verdict: Verdict = { status: 'failed', headline: message, causes: [message], notes: [] };
    setOutputs({ taskDefinitionArn, verdict });
    renderSummary(ctx.summary, report(verdict));
    throw new OutcomeError(message);
  }

  // 4. RunTask. Not bound to the deadline: once sent it is left to be answered (a few seconds
  // after a cancellation, a minute at most), so a task started meanwhile is known and can be stopped.
  const started = Date.now();
  let out;
  try {
    out = await ecs.send(
      new RunTaskCommand({
        ...request,
        startedBy,
        clientToken,
        tags: [{ key: CLIENT_TOKEN_TAG, value: clientToken }],
      }),
      { abortSignal: writeSignal(ctx.signal, 4000, 60_000) },
    );
  } catch (error) {
    const message = `RunTask was refused for ${taskDefinitionArn} in cluster ${inputs.cluster}: ${messageOf(error)}`;
    const verdict: Verdict = { status: 'failed', headline: message, causes: [message], notes: [] };
    setOutputs({ taskDefinitionArn, verdict });
    renderSummary(ctx.summary, report(verdict));
    throw new OutcomeError(message);
  }
  const task = out.tasks?.[0];
  if (!task?.taskArn) {
    const verdict = runTaskFailureVerdict(out.failures ?? []);
    setOutputs({ taskDefinitionArn, verdict });
    for (const cause of verdict.causes) annotateCause(cause, 'Migration did not start');
    renderSummary(ctx.summary, report(verdict));
    throw new OutcomeError(verdict.headline);
  }
  const taskArn = task.taskArn;
  core.setOutput('task-arn', taskArn);
  const region = regionOfArn(taskArn);
  info(`Started task ${taskArn} (startedBy ${startedBy}).`);

  // 5. Follow until STOPPED, streaming logs meanwhile.
  const followed = await followWithLogs(ctx, ecs, inputs, {
    taskArn,
    container: target,
    started,
    deadline,
  });
  const duration = describeDuration(followed.task, Date.now() - started);
  const base = {
    taskArn,
    ...(followed.task ? { task: followed.task } : {}),
    ...(region ? { region } : {}),
    duration,
    ...followed.logs,
  };

  if (followed.outcome === 'stopped') {
    const verdict = stoppedTaskVerdict(followed.task, container, roles);
    setOutputs({ taskArn, taskDefinitionArn, verdict, task: followed.task });
    for (const note of verdict.notes) core.warning(note);
    renderSummary(ctx.summary, report(verdict, base));
    if (verdict.status !== 'succeeded') {
      for (const cause of verdict.causes) annotateCause(cause, 'Migration failed');
      throw new OutcomeError(`${verdict.headline} Task: ${taskArn}`);
    }
    info(verdict.headline);
    return;
  }

  // 6. Timed out or cancelled: stop the task (or say it is left running), and fail.
  const why =
    followed.outcome === 'timed-out'
      ? `did not finish within ${formatSeconds(inputs['timeout-minutes'])}`
      : `was still ${followed.task?.lastStatus ?? 'starting'} when the run was cancelled (${ctx.cancellation.reason() ?? 'signal'})`;
  let fate: string;
  let stopped: Task | undefined;
  if (inputs['stop-on-timeout']) {
    const reason =
      followed.outcome === 'timed-out'
        ? `run-migration: step timed out after ${formatSeconds(inputs['timeout-minutes'])}`
        : 'run-migration: workflow run cancelled';
    const result = await stopTask(ecs, inputs.cluster, taskArn, reason);
    if (result.stopped) {
      fate = 'it was stopped (StopTask).';
      stopped = result.task;
    } else {
      fate = `stopping it failed (${result.error}); it may still be running: stop it with 'aws ecs stop-task --cluster ${inputs.cluster} --task ${taskArn}'.`;
    }
  } else {
    fate = `it is left running because 'stop-on-timeout' is false; follow it in the console or stop it with 'aws ecs stop-task --cluster ${inputs.cluster} --task ${taskArn}'.`;
  }
  const message = `Migration task ${taskArn} ${why}; ${fate}`;
  const verdict: Verdict = {
    status: followed.outcome === 'timed-out' ? 'timed-out' : 'failed',
    headline: message,
    causes: [message],
    notes: [],
  };
  const lastTask = stopped ?? followed.task;
  setOutputs({ taskArn, taskDefinitionArn, verdict, ...(lastTask ? { task: lastTask } : {}) });
  annotateCause(
    message,
    followed.outcome === 'timed-out' ? 'Migration timed out' : 'Migration cancelled',
  );
  renderSummary(ctx.summary, report(verdict, base));
  throw new OutcomeError(message);
}
