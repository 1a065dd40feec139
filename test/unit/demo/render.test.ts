import { describe, expect, it } from '@jest/globals';
import { renderGantt, renderSummary, renderTable } from '../../../demo/render.js';

describe('renderSummary', () => {
  it('aligns tables, splits <br> cells and unescapes pipes', () => {
    const text = renderTable([
      '| service | status |',
      '| --- | --- |',
      '| cbi-api | failed<br>exit 3 |',
      '| a\\|b | ok |',
    ]);
    expect(text).toEqual([
      'service  status',
      '───────  ──────',
      'cbi-api  failed',
      '         exit 3',
      'a|b      ok',
    ]);
  });

  it('prints a key-value table (empty header) without a header rule', () => {
    expect(renderTable(['|  |  |', '| --- | --- |', '| Task | `t-1` |'])).toEqual(['Task  t-1']);
  });

  it('turns a mermaid gantt chart into a list of phases relative to the first', () => {
    const lines = renderGantt([
      'gantt',
      '  title Deploy to cbi-production',
      '  dateFormat x',
      '  axisFormat %H:%M:%S',
      '  section cbi-api',
      '  register cbi-api 2 :done, 1000, 1500',
      '  rolling out :crit, 1500, 4000',
    ]);
    expect(lines).toEqual([
      'Timeline: Deploy to cbi-production',
      '  cbi-api',
      '    - register cbi-api 2: +0.0s to +0.5s (0.5s)',
      '    - rolling out: +0.5s to +3.0s (2.5s) [failed]',
    ]);
  });

  it('underlines headings, strips HTML and keeps code blocks indented', () => {
    const text = renderSummary(
      [
        '## ✅ Migration: succeeded',
        '',
        '<details><summary>Last log lines</summary>',
        '',
        '```',
        'INFO done',
        '```',
        '',
        '</details>',
      ].join('\n'),
    );
    expect(text).toBe(
      [
        '✅ Migration: succeeded',
        '═'.repeat('✅ Migration: succeeded'.length),
        '',
        '▸ Last log lines',
        '',
        '    INFO done',
      ].join('\n'),
    );
  });
});
