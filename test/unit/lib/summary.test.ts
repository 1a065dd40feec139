import { describe, expect, it } from '@jest/globals';
import {
  formatSeconds,
  JobSummary,
  markdownTable,
  mermaidTimeline,
} from '../../../src/lib/summary.js';

describe('markdownTable', () => {
  it('escapes pipes and newlines and pads short rows', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 'line1\nline2'], ['only']])).toBe(
      '| a | b |\n| --- | --- |\n| x\\|y | line1<br>line2 |\n| only |  |',
    );
  });
});

describe('mermaidTimeline', () => {
  it('draws one section per lane with states, and never a zero-length bar', () => {
    const chart = mermaidTimeline('deploy: api', [
      { section: 'api', name: 'Register', start: 1000, end: 2000, state: 'done' },
      { section: 'api', name: 'Roll out: 2/2', start: 2000, end: 2000, state: 'failed' },
      { section: 'worker', name: 'Roll out', start: 2000, end: 9000, state: 'active' },
    ]);
    expect(chart).toBe(
      [
        '```mermaid',
        'gantt',
        '  title deploy api',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  section api',
        '  Register :done, 1000, 2000',
        '  Roll out 2/2 :crit, 2000, 2001',
        '  section worker',
        '  Roll out :active, 2000, 9000',
        '```',
      ].join('\n'),
    );
    expect(mermaidTimeline('empty', [])).toBe('');
  });
});

describe('formatSeconds', () => {
  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [60_000, '1m'],
    [95_000, '1m 35s'],
  ])('%p ms -> %p', (ms, text) => expect(formatSeconds(ms)).toBe(text));
});

describe('JobSummary', () => {
  it('joins sections in order', () => {
    const s = new JobSummary();
    expect(s.isEmpty()).toBe(true);
    s.heading('ecs-deploy')
      .table(['service'], [['api']])
      .list(['one'])
      .list([])
      .text('  ')
      .codeBlock('a ``` b');
    expect(s.toMarkdown()).toBe(
      '## ecs-deploy\n\n| service |\n| --- |\n| api |\n\n- one\n\n````\na ``` b\n````\n',
    );
  });
});
