/**
 * The job summary: built up during a run as markdown sections and written once at the end
 * (also when the run fails). Failure causes go to `core.error` annotations as well, so they
 * show on the run's page and not only in the log.
 */
import * as core from '@actions/core';
import { safeAnnotation } from './log.js';
import { messageOf } from './errors.js';

export interface Phase {
  /** Lane in the timeline, e.g. a service name. */
  section: string;
  name: string;
  start: number;
  end: number;
  state?: 'done' | 'active' | 'failed';
}

const escapeCell = (value: string): string => value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const head = `| ${headers.map(escapeCell).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  const body = rows.map(
    (row) => `| ${headers.map((_, i) => escapeCell(row[i] ?? '')).join(' | ')} |`,
  );
  return [head, rule, ...body].join('\n');
}

const mermaidText = (value: string): string =>
  value.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();

/** A mermaid gantt chart of phases, one section per lane, times as epoch milliseconds. */
export function mermaidTimeline(title: string, phases: readonly Phase[]): string {
  if (phases.length === 0) return '';
  const lines = [
    '```mermaid',
    'gantt',
    `  title ${mermaidText(title)}`,
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
  ];
  const sections = [...new Set(phases.map((p) => p.section))];
  for (const section of sections) {
    lines.push(`  section ${mermaidText(section)}`);
    for (const phase of phases.filter((p) => p.section === section)) {
      const tag =
        phase.state === 'failed'
          ? 'crit, '
          : phase.state === 'active'
            ? 'active, '
            : phase.state === 'done'
              ? 'done, '
              : '';
      const end = Math.max(phase.end, phase.start + 1);
      lines.push(
        `  ${mermaidText(phase.name)} :${tag}${Math.round(phase.start)}, ${Math.round(end)}`,
      );
    }
  }
  lines.push('```');
  return lines.join('\n');
}

export function formatSeconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
}

export class JobSummary {
  private readonly parts: string[] = [];

  heading(text: string, level: 2 | 3 | 4 = 2): this {
    this.parts.push(`${'#'.repeat(level)} ${text}`);
    return this;
  }

  text(markdown: string): this {
    if (markdown.trim() !== '') this.parts.push(markdown);
    return this;
  }

  table(headers: readonly string[], rows: readonly (readonly string[])[]): this {
    this.parts.push(markdownTable(headers, rows));
    return this;
  }

  timeline(title: string, phases: readonly Phase[]): this {
    return this.text(mermaidTimeline(title, phases));
  }

  list(items: readonly string[]): this {
    if (items.length > 0) this.parts.push(items.map((item) => `- ${item}`).join('\n'));
    return this;
  }

  details(label: string, body: string): this {
    this.parts.push(`<details><summary>${label}</summary>\n\n${body}\n\n</details>`);
    return this;
  }

  codeBlock(body: string, language = ''): this {
    const fence = body.includes('```') ? '````' : '```';
    this.parts.push(`${fence}${language}\n${body}\n${fence}`);
    return this;
  }

  isEmpty(): boolean {
    return this.parts.length === 0;
  }

  toMarkdown(): string {
    return this.parts.join('\n\n') + '\n';
  }

  /** Appends to $GITHUB_STEP_SUMMARY; a failure to write only warns. */
  async write(): Promise<void> {
    if (this.isEmpty() || !process.env.GITHUB_STEP_SUMMARY) return;
    try {
      await core.summary.addRaw(this.toMarkdown()).write();
    } catch (error) {
      core.warning(`Could not write the job summary: ${messageOf(error)}`);
    }
  }
}

const annotated = new Set<string>();

/** A failure cause as an error annotation (shown on the run page), with a title. */
export function annotateCause(message: string, title?: string): void {
  annotated.add(message);
  core.error(safeAnnotation(message), title ? { title } : {});
}

/** Whether `message` was already shown as an annotation (so the final failure need not repeat it). */
export function wasAnnotated(message: string): boolean {
  return annotated.has(message);
}
