/**
 * Job summaries (markdown with a little HTML, as the actions write them) rendered as plain
 * terminal text: headings underlined, tables aligned, mermaid gantt timelines as lists.
 */

const stripInline = (text: string): string =>
  text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => stripInline(cell.trim().replace(/\\\|/g, '|')));
}

const isRule = (cells: string[]) => cells.every((c) => /^:?-{3,}:?$/.test(c));

/** A markdown table as aligned columns; multi-line cells (`<br>`) stay in their column. */
export function renderTable(lines: string[]): string[] {
  const rows = lines.map(splitRow).filter((cells) => !isRule(cells));
  // A table whose header is empty (a key-value table) prints without one.
  const headless = rows[0]?.every((c) => c === '') ?? false;
  if (headless) rows.shift();
  if (rows.length === 0) return [];
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...rows.flatMap((r) => (r[i] ?? '').split('\n').map((l) => l.length))),
  );
  const out: string[] = [];
  rows.forEach((row, index) => {
    const height = Math.max(...row.map((c) => c.split('\n').length));
    for (let h = 0; h < height; h += 1)
      out.push(
        widths
          .map((w, i) => (row[i] ?? '').split('\n')[h] ?? '')
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
    if (index === 0 && !headless) out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  });
  return out;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** A mermaid gantt chart (dateFormat x) as a list of phases with times relative to the first. */
export function renderGantt(lines: string[]): string[] {
  let title = '';
  const phases: { section: string; name: string; tags: string[]; start: number; end: number }[] =
    [];
  let section = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line.startsWith('title ')) title = line.slice(6);
    else if (line.startsWith('section ')) section = line.slice(8);
    else if (line.includes(':') && !/^(gantt|dateFormat|axisFormat)/.test(line)) {
      const colon = line.lastIndexOf(':');
      const parts = line
        .slice(colon + 1)
        .split(',')
        .map((p) => p.trim());
      const numbers = parts.filter((p) => /^\d+$/.test(p)).map(Number);
      if (numbers.length < 2) continue;
      phases.push({
        section,
        name: line.slice(0, colon).trim(),
        tags: parts.filter((p) => /^(done|active|crit)$/.test(p)),
        start: numbers[0]!,
        end: numbers[1]!,
      });
    }
  }
  if (phases.length === 0) return title ? [`Timeline: ${title}`] : [];
  const origin = Math.min(...phases.map((p) => p.start));
  const out = [`Timeline${title ? `: ${title}` : ''}`];
  let current: string | undefined;
  for (const p of phases) {
    if (p.section !== current) {
      current = p.section;
      if (p.section) out.push(`  ${p.section}`);
    }
    const state = p.tags.includes('crit')
      ? ' [failed]'
      : p.tags.includes('active')
        ? ' [in progress]'
        : '';
    out.push(
      `    - ${p.name}: +${seconds(p.start - origin)} to +${seconds(p.end - origin)} (${seconds(p.end - p.start)})${state}`,
    );
  }
  return out;
}

export function renderSummary(markdown: string): string {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const fence = /^(`{3,})(\w*)\s*$/.exec(line.trim());
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && lines[i]!.trim() !== fence[1]) body.push(lines[i++]!);
      if (fence[2] === 'mermaid' && body.some((l) => l.trim() === 'gantt'))
        out.push(...renderGantt(body));
      else out.push(...body.map((l) => `    ${l}`));
      continue;
    }
    if (line.trim().startsWith('|')) {
      const table: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) table.push(lines[i++]!);
      i -= 1;
      out.push(...renderTable(table));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const text = stripInline(heading[2]!);
      out.push(text, (heading[1]!.length <= 2 ? '═' : '─').repeat(text.length));
      continue;
    }
    const summary = /<summary>(.*?)<\/summary>/i.exec(line);
    if (summary) {
      out.push(`▸ ${stripInline(summary[1]!)}`);
      continue;
    }
    out.push(...stripInline(line).split('\n'));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
