import { describe, expect, it } from '@jest/globals';
import { inputVariable, parseAnnotations, parseOutputFile } from '../../../sandbox/run-action.js';

describe('run-action parsing', () => {
  it('names inputs as the runner does', () => {
    expect(inputVariable('task-definition')).toBe('INPUT_TASK-DEFINITION');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('reads heredoc and plain outputs as @actions/core writes them', () => {
    const file = [
      'status<<ghadelimiter_1b2c',
      'succeeded',
      'ghadelimiter_1b2c',
      'deployments<<ghadelimiter_9f',
      '[{"service":"cbi-api"}',
      ',{"service":"cbi-worker"}]',
      'ghadelimiter_9f',
      'legacy=a=b',
      '',
    ].join('\n');
    expect(parseOutputFile(file)).toEqual({
      status: 'succeeded',
      deployments: '[{"service":"cbi-api"}\n,{"service":"cbi-worker"}]',
      legacy: 'a=b',
    });
  });

  it('decodes annotation data and ignores other commands', () => {
    const log = [
      '::error title=Deploy failed::cbi-api%3A 100%25 of tasks failed%0Aexit 3',
      '::warning::slow',
      '::notice file=a.ts,line=1::hello',
      '::debug::noise',
      '::group::Services',
      'plain line',
    ].join('\n');
    expect(parseAnnotations(log)).toEqual([
      { level: 'error', message: 'cbi-api%3A 100% of tasks failed\nexit 3' },
      { level: 'warning', message: 'slow' },
      { level: 'notice', message: 'hello' },
    ]);
  });
});
