/**
 * The job summary of a migration: verdict, task and revision, command, duration, exit codes of
 * every container, a link to the log stream and the last log lines.
 */
import type { Task } from '@aws-sdk/client-ecs';
import type { JobSummary, Phase } from '../lib/summary.js';
import { logStreamConsoleUrl, taskConsoleUrl, type LogTarget } from './log-target.js';
import { taskIdOf, type ContainerRole, type Verdict } from './verdict.js';

export interface MigrationReport {
  migrationName: string;
  cluster: string;
  region?: string;
  taskDefinitionArn: string;
  container: string;
  command?: string[];
  environmentNames: string[];
  taskArn?: string;
  task?: Task;
  roles: ContainerRole[];
  verdict: Verdict;
  duration: string;
  logTarget?: LogTarget;
  logNote?: string;
  lastLines: string[];
  /** What the action did beyond running the task (registered a revision, stopped the task...). */
  actions: string[];
}

const ICON: Record<Verdict['status'], string> = {
  succeeded: '✅',
  failed: '❌',
  'timed-out': '⏱️',
};

const code = (text: string): string => '`' + text.replace(/`/g, "'") + '`';

export function commandText(command: readonly string[]): string {
  return command
    .map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

export function taskPhases(task: Task | undefined): Phase[] {
  if (!task?.createdAt) return [];
  const t = (d: Date | undefined): number | undefined => d?.getTime();
  const created = t(task.createdAt)!;
  const started = t(task.startedAt);
  const stopping = t(task.executionStoppedAt) ?? t(task.stoppingAt);
  const stopped = t(task.stoppedAt);
  const failed = task.stopCode === 'TaskFailedToStart';
  const phases: Phase[] = [];
  const section = 'task';
  phases.push({
    section,
    name: 'provisioning and pull',
    start: created,
    end: started ?? stopped ?? created,
    state: failed ? 'failed' : 'done',
  });
  if (started !== undefined) {
    phases.push({
      section,
      name: 'migration running',
      start: started,
      end: stopping ?? stopped ?? started,
      state: 'done',
    });
  }
  if (stopped !== undefined && stopping !== undefined && stopped > stopping) {
    phases.push({ section, name: 'stopping', start: stopping, end: stopped, state: 'done' });
  }
  return phases;
}

export function renderSummary(summary: JobSummary, r: MigrationReport): void {
  summary.heading(`${ICON[r.verdict.status]} Migration ${r.migrationName}: ${r.verdict.status}`);
  summary.text(r.verdict.headline);
  const rows: string[][] = [];
  if (r.taskArn) {
    const link = r.region ? ` ([console](${taskConsoleUrl(r.taskArn, r.cluster, r.region)}))` : '';
    rows.push(['Task', `${code(r.taskArn)}${link}`]);
  }
  rows.push(['Task definition', code(r.taskDefinitionArn)]);
  rows.push(['Container', code(r.container)]);
  rows.push(['Command', r.command ? code(commandText(r.command)) : 'image default']);
  if (r.environmentNames.length > 0)
    rows.push(['Environment set', r.environmentNames.map(code).join(', ')]);
  rows.push(['Status', r.verdict.status]);
  rows.push(['Exit code', r.verdict.exitCode === undefined ? 'none' : String(r.verdict.exitCode)]);
  rows.push(['Duration', r.duration]);
  if (r.task?.stoppedReason) rows.push(['Stopped reason', r.task.stoppedReason]);
  if (r.task?.stopCode) rows.push(['Stop code', r.task.stopCode]);
  if (r.logTarget) {
    const where = `${code(r.logTarget.group)} / ${code(r.logTarget.stream)}`;
    const region = r.logTarget.region ?? r.region;
    rows.push([
      'Logs',
      region
        ? `[${r.logTarget.stream}](${logStreamConsoleUrl(r.logTarget, region)}) in ${code(r.logTarget.group)}`
        : where,
    ]);
  } else if (r.logNote) {
    rows.push(['Logs', r.logNote]);
  }
  summary.table(['', ''], rows);
  if (r.verdict.causes.length > 0) summary.list(r.verdict.causes);
  if (r.actions.length > 0) summary.list(r.actions);
  if (r.verdict.notes.length > 0) summary.list(r.verdict.notes);
  const containers = r.task?.containers ?? [];
  if (containers.length > 0) {
    summary.table(
      ['container', 'essential', 'status', 'exit code', 'reason'],
      containers.map((c) => [
        c.name ?? '',
        r.roles.find((role) => role.name === c.name)?.essential === false ? 'no' : 'yes',
        c.lastStatus ?? '',
        c.exitCode === undefined || c.exitCode === null ? 'none' : String(c.exitCode),
        c.reason ?? '',
      ]),
    );
  }
  const phases = taskPhases(r.task);
  if (phases.length > 0) summary.timeline(`Migration task ${taskIdOf(r.taskArn ?? '')}`, phases);
  if (r.lastLines.length > 0) {
    summary.details(
      `Last ${r.lastLines.length} log lines`,
      '```\n' + r.lastLines.join('\n').replace(/```/g, "'''") + '\n```',
    );
  }
}
