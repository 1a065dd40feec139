import { describe, expect, it } from '@jest/globals';
import {
  evaluateDefault,
  inputEnvironment,
  inputVariable,
  parseAnnotations,
  parseOutputFile,
} from '../../../sandbox/run-action.js';

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

describe('run-action inputs, as the runner sets them', () => {
  it('fills every declared input: the given value, else the default, else an empty string', () => {
    const env = inputEnvironment('s3-sync', { source: 'dist', bucket: 'b', prefix: '' });
    expect(env).toEqual({
      'INPUT_ALLOW-SOURCE-OUTSIDE-WORKSPACE': 'false',
      INPUT_SYMLINKS: 'refuse',
      INPUT_SOURCE: 'dist',
      INPUT_BUCKET: 'b',
      // Given as '': the runner keeps it and does not take the default.
      INPUT_PREFIX: '',
      'INPUT_CACHE-CONTROL': '',
      INPUT_DELETE: 'false',
      INPUT_CONCURRENCY: '16',
      'INPUT_DRY-RUN': 'false',
    });
    // An input action.yml does not declare is still passed (the runner warns, then sets it).
    expect(inputEnvironment('s3-sync', { extra: 'x' })['INPUT_EXTRA']).toBe('x');
  });

  it('evaluates the expressions a default may hold from the run environment', () => {
    const env = { GITHUB_TOKEN: 'ghs_x', GITHUB_REPOSITORY: 'o/r', RUNNER_TEMP: '/t', HOME: '/h' };
    expect(evaluateDefault('${{ github.token }}', env)).toBe('ghs_x');
    expect(evaluateDefault('${{github.repository}}/x', env)).toBe('o/r/x');
    expect(evaluateDefault('${{ runner.temp }}', env)).toBe('/t');
    expect(evaluateDefault('${{ env.HOME }}', env)).toBe('/h');
    expect(evaluateDefault('plain', env)).toBe('plain');
    expect(() => evaluateDefault("${{ hashFiles('x') }}", env)).toThrow(/cannot evaluate/);
  });
});
