/**
 * src/lib/log.ts: no value printed through it can become a workflow command, as the runner
 * reads lines (split at \n and at a lone \r; a command is a line whose trimmed start is `::`, or
 * one holding `##[`).
 */
import { describe, expect, it } from '@jest/globals';
import { isWorkflowCommand, safeAnnotation, safeLine } from '../../../src/lib/log.js';

/** Lines as the runner's line reader splits the bytes written. */
const runnerLines = (text: string) => text.split(/\r\n|\r|\n/);

const HOSTILE = [
  '::add-mask::secret',
  '  ::error::owned',
  'ok\n::set-output name=status::succeeded',
  'ok\r::stop-commands::token',
  'ok\r\n::warning file=x::y',
  '\t::debug::x',
  '##[set-output name=x;]y',
  'prefix ##[error]x',
  'a\u2028::error::b',
  '\u001b[31m::error::red',
];

describe('safeLine', () => {
  it.each(HOSTILE)('keeps %j from becoming a command', (value) => {
    const written = safeLine(value);
    expect(runnerLines(written)).toHaveLength(1);
    for (const line of runnerLines(written)) expect(isWorkflowCommand(line)).toBe(false);
  });

  it('shows control characters as escapes and leaves ordinary text alone', () => {
    expect(safeLine('a\nb\rc\u0000d')).toBe('a\\nb\\rc\\u{0}d');
    expect(safeLine('api: rolled back to api:41 (50% → 0%)')).toBe(
      'api: rolled back to api:41 (50% → 0%)',
    );
    expect(safeLine('tab\tstays')).toBe('tab\tstays');
  });

  it('recognises what the runner would obey', () => {
    expect(isWorkflowCommand('::error::x')).toBe(true);
    expect(isWorkflowCommand('   ::error::x')).toBe(true);
    expect(isWorkflowCommand('x ##[error]y')).toBe(true);
    expect(isWorkflowCommand('a :: b')).toBe(false);
  });
});

describe('safeAnnotation', () => {
  it('breaks ##[ and shows the Unicode line separators, leaving the rest to core', () => {
    expect(safeAnnotation('file ##[error]x.js')).toBe('file #\u200b#[error]x.js');
    expect(safeAnnotation('a\u2028b\u2029c')).toBe('a\\u{2028}b\\u{2029}c');
    expect(safeAnnotation('line\nbreak ::add-mask::x')).toBe('line\nbreak ::add-mask::x');
    expect(`::error::${safeAnnotation('##[set-output name=a;]b')}`.includes('##[')).toBe(false);
    expect(isWorkflowCommand(safeAnnotation('##[x]'))).toBe(false);
  });
});
