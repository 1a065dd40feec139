/**
 * run-migration: inputs -> plan (task definition, container, RunTask request; read-only) ->
 * exclusive check -> a revision with new images -> RunTask exactly once -> follow until STOPPED
 * while streaming logs -> verdict, outputs and summary. On timeout or cancellation the task is
 * stopped (or, when asked, left running) and the step fails naming it.
 */
import { info } from '../lib/log.js';
import { ECSClient, type Task } from '@aws-sdk/client-ecs';
import * as core from '@actions/core';
import { createClient } from '../lib/aws.js';
import { awsMessage } from '../lib/aws-explain.js';
import { startActionDeadline, writeSignal } from '../lib/deadline.js';
import { OutcomeError } from '../lib/errors.js';
import { outcomeMayBeApplied } from '../lib/unknown-outcome.js';
import type { ActionContext } from '../lib/run.js';
import { annotateCause, formatSeconds } from '../lib/summary.js';
import { registerIfChanged } from '../lib/task-definition-registry.js';
import { activeMigrationTasks, classifyActiveTasks } from './exclusive.js';
import { describeDuration, stopTask } from './follow-task.js';
import { readInputs, type Inputs } from './inputs.js';
import { followWithLogs, type Followed } from './follow-with-logs.js';
import { regionOfArn } from './log-target.js';
import { planMigration, type MigrationPlan } from './plan.js';
import { commandText, renderSummary, type MigrationReport } from './report.js';
import { withClusterCheck } from './source.js';
import { startTask, type StartResult } from './start-task.js';
import {
  runTaskFailureVerdict,
  stoppedTaskVerdict,
  unknownStartVerdict,
  type Verdict,
} from './verdict.js';

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

const failedVerdict = (message: string): Verdict => ({
  status: 'failed',
  headline: message,
  causes: [message],
  notes: [],
});

type Ecs = ECSClient;

/** Refuses while another task of this migration is PENDING or RUNNING (input `exclusive`). */
async function checkExclusive(
  ctx: ActionContext,
  ecs: Ecs,
  inputs: Inputs,
  plan: MigrationPlan,
): Promise<void> {
  const active = classifyActiveTasks(
    await withClusterCheck(inputs.cluster, () =>
      activeMigrationTasks(ecs, inputs.cluster, plan.startedBy),
    ),
    plan.source.family,
    plan.clientToken,
  );
  if (active.others.length > 0) {
    const list = active.others
      .map((t) => `${t.taskArn} (${t.lastStatus}, started by ${t.startedBy})`)
      .join(', ');
    const message = `Another task of migration ${plan.migrationName} is already running: ${list}. Wait for it to finish (or stop it), or set 'exclusive: false'.`;
    setOutputs({ verdict: failedVerdict(message) });
    ctx.summary.heading(`❌ Migration ${plan.migrationName}: not started`).text(message);
    throw new OutcomeError(message);
  }
  if (active.own)
    info(
      `Task ${active.own.taskArn} was started by an earlier attempt of this step; following it instead of starting another.`,
    );
}

/** The revision to run: the source, or one with the new images (registered once, or reused). */
async function revisionToRun(ecs: Ecs, plan: MigrationPlan, actions: string[]): Promise<string> {
  if (!plan.rendered) return plan.source.arn;
  const result = await registerIfChanged(ecs, plan.rendered, plan.source.tags);
  const arn = result.taskDefinition.arn;
  const line = result.registered
    ? `Registered ${arn} with the new images.`
    : `Reused ${arn}: it already runs these images.`;
  info(line);
  actions.push(line);
  return arn;
}

export async function main(ctx: ActionContext): Promise<void> {
  const inputs = readInputs();
  // One deadline for the step: every request and wait below is bounded by it.
  const deadline = startActionDeadline(inputs['timeout-minutes'], ctx.signal);
  const ecs = createClient(ECSClient);

  // 1. Everything is resolved and validated before the first mutating call.
  const plan = await planMigration(ecs, inputs);
  const { migrationName, container, startedBy, clientToken } = plan;
  info(
    `Migration ${migrationName}: ${inputs.command ? commandText(inputs.command) : 'the image command'} in container '${container}' of ${plan.source.arn}`,
  );
  for (const line of plan.sources) info(`Using ${line}.`);

  // 2. Exclusive: refuse while another task of this migration is PENDING or RUNNING.
  if (inputs.exclusive) await checkExclusive(ctx, ecs, inputs, plan);

  // 3. A revision running the new images (or the identical one already registered).
  const actions: string[] = [];
  const taskDefinitionArn = await revisionToRun(ecs, plan, actions);
  core.setOutput('task-definition-arn', taskDefinitionArn);

  const report = (verdict: Verdict, extra: Partial<MigrationReport> = {}): MigrationReport => ({
    migrationName,
    cluster: inputs.cluster,
    taskDefinitionArn,
    container,
    ...(inputs.command ? { command: inputs.command } : {}),
    environmentNames: [...inputs.environment.keys()],
    roles: plan.roles,
    verdict,
    duration: '0s',
    lastLines: [],
    actions,
    ...extra,
  });
  const fail = (verdict: Verdict, message = verdict.headline): never => {
    setOutputs({ taskDefinitionArn, verdict });
    renderSummary(ctx.summary, report(verdict));
    throw new OutcomeError(message);
  };

  if (ctx.signal.aborted) {
    fail(
      failedVerdict(
        `The run was cancelled (${ctx.cancellation.reason() ?? 'signal'}) before the migration task was started; nothing is running.`,
      ),
    );
  }

  // 4. RunTask exactly once. Not bound to the deadline: once sent each attempt is left to be
  // answered (a few seconds after a cancellation, a minute at most), so a task started meanwhile
  // is known and can be stopped.
  const startedAtMs = Date.now();
  let start: StartResult;
  try {
    start = await startTask(
      ecs,
      {
        ...plan.request,
        taskDefinition: taskDefinitionArn,
        cluster: inputs.cluster,
        startedBy,
        clientToken,
      },
      { abortSignal: () => writeSignal(ctx.signal, 4000, 60_000) },
    );
  } catch (error) {
    // Stopped while the outcome was unknown (the deadline, a cancellation): not a refusal.
    if (outcomeMayBeApplied(error)) {
      return fail(unknownStartVerdict(awsMessage(error), inputs.cluster, startedBy));
    }
    // A definite answer (access denied, invalid parameter): nothing was started.
    return fail(
      failedVerdict(
        `RunTask was refused for ${taskDefinitionArn} in cluster ${inputs.cluster}: ${awsMessage(error).replace(/\.?$/, '.')} Nothing was started.`,
      ),
    );
  }
  if ('refused' in start) {
    const verdict = runTaskFailureVerdict(start.refused);
    for (const cause of verdict.causes) annotateCause(cause, 'Migration did not start');
    fail(verdict);
  }
  if ('unknown' in start) fail(unknownStartVerdict(start.unknown, inputs.cluster, startedBy));
  const task = (start as { started: Task }).started;
  const taskArn = task.taskArn!;
  core.setOutput('task-arn', taskArn);
  info(`Started task ${taskArn} (startedBy ${startedBy}).`);

  // 5. Follow until STOPPED, streaming logs meanwhile.
  const followed = await followWithLogs(ctx, ecs, inputs, {
    taskArn,
    container: plan.target,
    started: startedAtMs,
    deadline,
  });
  const base: Partial<MigrationReport> = {
    taskArn,
    ...(followed.task ? { task: followed.task } : {}),
    ...(regionOfArn(taskArn) ? { region: regionOfArn(taskArn)! } : {}),
    duration: describeDuration(followed.task, Date.now() - startedAtMs),
    ...followed.logs,
  };

  if (followed.outcome === 'stopped') {
    const verdict = stoppedTaskVerdict(followed.task, container, plan.roles);
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
  await undoUnfinished(ctx, ecs, inputs, { taskArn, taskDefinitionArn, followed, report, base });
}

/** Timed out or cancelled: stop the task (or say it is left running), and fail. */
async function undoUnfinished(
  ctx: ActionContext,
  ecs: Ecs,
  inputs: Inputs,
  run: {
    taskArn: string;
    taskDefinitionArn: string;
    followed: Followed;
    report: (verdict: Verdict, extra?: Partial<MigrationReport>) => MigrationReport;
    base: Partial<MigrationReport>;
  },
): Promise<never> {
  const { taskArn, taskDefinitionArn, followed, report, base } = run;
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
