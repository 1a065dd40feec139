import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { ConfigurationError, OutcomeError } from '../../../src/lib/errors.js';
import { listenForCancellation } from '../../../src/lib/cancellation.js';
import { runAction } from '../../../src/lib/run.js';

let written: string[];
// @actions/core caches the summary path on first use, so every test shares one file.
const summaryFile = join(mkdtempSync(join(tmpdir(), 'run-')), 'summary.md');
const savedEnv = { ...process.env };

beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  writeFileSync(summaryFile, '');
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  delete process.env.RUNNER_DEBUG;
  process.exitCode = undefined;
});

afterEach(() => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
  process.exitCode = undefined;
});

const quiet = () => listenForCancellation(new EventEmitter() as unknown as NodeJS.Process);

describe('runAction', () => {
  it('exits 0 and writes the summary after a successful body', async () => {
    const exit = jest.fn<(code: number) => void>();
    await runAction('demo', async ({ summary }) => void summary.heading('All good'), {
      exit,
      cancellation: quiet(),
    });
    expect(exit).toHaveBeenCalledWith(0);
    expect(readFileSync(summaryFile, 'utf8')).toContain('## All good');
  });

  it('prints a ConfigurationError as one line, with no stack, and exits 1', async () => {
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        throw new ConfigurationError("Input 'cluster' is required but was not given.");
      },
      { exit, cancellation: quiet() },
    );
    expect(exit).toHaveBeenCalledWith(1);
    const out = written.join('');
    expect(out).toContain("::error::Input 'cluster' is required but was not given.\n");
    expect(out).not.toContain('::debug::');
    expect(out.split('\n').filter((l) => l.startsWith('::error::'))).toHaveLength(1);
  });

  it('prints a verdict without a stack', async () => {
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        throw new OutcomeError('Deployment rolled back.');
      },
      { exit, cancellation: quiet() },
    );
    expect(written.join('')).toContain('::error::Deployment rolled back.');
    expect(written.join('')).not.toContain('::debug::');
  });

  it('prints the message of an unexpected error and its stack in debug', async () => {
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        throw new TypeError('boom');
      },
      { exit, cancellation: quiet() },
    );
    const out = written.join('');
    expect(out).toContain('::error::boom');
    expect(out).toMatch(/::debug::TypeError: boom/);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('writes the summary even when the body fails', async () => {
    await runAction(
      'demo',
      async ({ summary }) => {
        summary.heading('Partial').text('what was done before the failure');
        throw new Error('later failure');
      },
      { exit: () => undefined, cancellation: quiet() },
    );
    expect(readFileSync(summaryFile, 'utf8')).toContain('what was done before the failure');
  });

  it('exits 1 when the body marked the step failed without throwing', async () => {
    const exit = jest.fn<(code: number) => void>();
    await runAction('demo', async () => void (process.exitCode = 1), {
      exit,
      cancellation: quiet(),
    });
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('hands the body a signal that aborts on SIGINT', async () => {
    const proc = new EventEmitter();
    const cancellation = listenForCancellation(proc as unknown as NodeJS.Process);
    let aborted = false;
    await runAction(
      'demo',
      async ({ signal }) => {
        proc.emit('SIGINT', 'SIGINT');
        aborted = signal.aborted;
      },
      { exit: () => undefined, cancellation },
    );
    expect(aborted).toBe(true);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });
});

describe('runAction and annotated verdicts', () => {
  it('does not repeat a verdict that is already an annotation, and still fails', async () => {
    const { annotateCause } = await import('../../../src/lib/summary.js');
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        annotateCause('cbi-api: deployment rolled back to cbi-api:2.', 'ecs-deploy');
        throw new OutcomeError('cbi-api: deployment rolled back to cbi-api:2.');
      },
      { exit, cancellation: quiet() },
    );
    const errors = written
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::error'));
    expect(errors).toEqual([
      '::error title=ecs-deploy::cbi-api: deployment rolled back to cbi-api:2.',
    ]);
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('runAction and annotated unexpected errors', () => {
  it('does not repeat an annotated AWS error, but keeps its stack in debug', async () => {
    const { annotateCause } = await import('../../../src/lib/summary.js');
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        const error = Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
        annotateCause(error.message, 's3-sync');
        throw error;
      },
      { exit, cancellation: quiet() },
    );
    const lines = written.join('').split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual([
      '::error title=s3-sync::Access Denied',
    ]);
    expect(lines.some((l) => l.startsWith('::debug::AccessDenied: Access Denied'))).toBe(true);
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('runAction and credentials', () => {
  it('prints a credentials failure as its one line, without a stack', async () => {
    const { CredentialsError } = await import('../../../src/lib/credentials.js');
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        throw new CredentialsError('AWS credentials could not be loaded (x). Add y.');
      },
      { exit, cancellation: quiet() },
    );
    const lines = written.join('').split('\n');
    expect(lines.filter((l) => l.startsWith('::error'))).toEqual([
      '::error::AWS credentials could not be loaded (x). Add y.',
    ]);
    expect(lines.some((l) => l.startsWith('::debug::'))).toBe(false);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('explains a session that expired before the step (no call succeeded) instead of the bare AWS message', async () => {
    const exit = jest.fn<(code: number) => void>();
    await runAction(
      'demo',
      async () => {
        throw Object.assign(new Error('The security token included in the request is expired'), {
          name: 'ExpiredTokenException',
        });
      },
      { exit, cancellation: quiet() },
    );
    const errors = written
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::The AWS session had already expired when the step began/);
    expect(errors[0]).toContain('configure-aws-credentials');
  });
});

describe('runAction on every failure', () => {
  const outputFile = join(mkdtempSync(join(tmpdir(), 'out-')), 'output');
  beforeEach(() => {
    writeFileSync(outputFile, '');
    process.env.GITHUB_OUTPUT = outputFile;
  });

  it('sets status failed and writes a summary whose first line says production did not change', async () => {
    await runAction(
      'demo',
      async () => {
        throw new ConfigurationError("Input 'cluster' is required but was not given.");
      },
      { exit: () => undefined, cancellation: quiet() },
    );
    expect(readFileSync(outputFile, 'utf8')).toMatch(/^status<<(\S+)\nfailed\n\1\n$/);
    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.split('\n')[0]).toBe(
      '**Production was not changed**: the step failed before any change.',
    );
    expect(summary).toContain('## ❌ demo: failed');
    expect(summary).toContain("Input 'cluster' is required but was not given.");
  });

  it('keeps a status the action set, and its own summary after the first line', async () => {
    const { setOutput } = await import('@actions/core');
    await runAction(
      'demo',
      async ({ summary }) => {
        setOutput('status', 'timed-out');
        summary.heading('Deploy timed out');
        throw new OutcomeError('timed out');
      },
      { exit: () => undefined, cancellation: quiet() },
    );
    const out = readFileSync(outputFile, 'utf8');
    expect(out).toContain('timed-out');
    expect(out).not.toContain('failed');
    const lines = readFileSync(summaryFile, 'utf8').split('\n');
    expect(lines[0]).toMatch(/^\*\*Production was not changed\*\*/);
    expect(lines[2]).toBe('## Deploy timed out');
  });

  it('writes no status and no change line on success', async () => {
    await runAction('demo', async ({ summary }) => void summary.heading('All good'), {
      exit: () => undefined,
      cancellation: quiet(),
    });
    expect(readFileSync(outputFile, 'utf8')).toBe('');
    expect(readFileSync(summaryFile, 'utf8')).not.toContain('Production');
  });
});
