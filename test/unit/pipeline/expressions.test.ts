import { describe, expect, it } from '@jest/globals';
import { evaluate, truthy } from '../../../pipeline/expressions.js';
import { loadWorkflow } from '../../../pipeline/load.js';
import { evaluateToken } from '../../../pipeline/expressions.js';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

describe('expressions (GitHub evaluator)', () => {
  it('evaluates contexts and functions with GitHub semantics', () => {
    const contexts = {
      needs: { build: { outputs: { uris: '{"cbi":"r/cbi@sha256:1"}' } } },
      github: { event_name: 'push' },
    };
    expect(evaluate('fromJSON(needs.build.outputs.uris).cbi', { contexts })).toBe('r/cbi@sha256:1');
    // Comparisons of strings are case-insensitive on GitHub.
    expect(evaluate("github.event_name == 'PUSH'", { contexts })).toBe(true);
    expect(
      evaluate("inputs.cache != 'none' && (inputs.cache || 'pip') || ''", {
        contexts: { inputs: { cache: '' } },
      }),
    ).toBe('pip');
  });

  it('status functions follow the status given', () => {
    const failed = { success: false, failure: true, cancelled: false };
    expect(evaluate('success()', { contexts: {}, status: failed })).toBe(false);
    expect(evaluate('failure()', { contexts: {}, status: failed })).toBe(true);
    expect(evaluate('always()', { contexts: {}, status: failed })).toBe(true);
  });

  it("GitHub's truthiness", () => {
    expect([false, 0, '', null].map(truthy)).toEqual([false, false, false, false]);
    expect(['false', 1, [], {}].map(truthy)).toEqual([true, true, true, true]);
  });

  it('names the expression when it cannot be evaluated', () => {
    expect(() => evaluate('fromJSON(inputs.x)', { contexts: { inputs: { x: '{' } } })).toThrow(
      'fromJSON(inputs.x)',
    );
  });
});

describe('loadWorkflow', () => {
  it('a block scalar holding an expression keeps its value, not its YAML indentation', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-load-'));
    await mkdir(path.join(dir, '.github', 'workflows'), { recursive: true });
    const file = path.join(dir, '.github', 'workflows', 'w.yml');
    await writeFile(
      file,
      [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    env:',
        '      LINES: |',
        '        A=${{ github.sha }}',
        '        B=two',
        '    steps:',
        '      - run: echo',
        '',
      ].join('\n'),
    );
    const loaded = await loadWorkflow(file, dir);
    const job = loaded.template.jobs[0]!;
    const env = evaluateToken('env' in job ? job.env : undefined, {
      contexts: { github: { sha: 'abc' } },
    });
    expect(env).toEqual({ LINES: 'A=abc\nB=two\n' });
  });

  it('a local reusable call resolves in the calling repository, with its inputs and jobs', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-local-'));
    await mkdir(path.join(dir, '.github', 'workflows'), { recursive: true });
    await writeFile(
      path.join(dir, '.github', 'workflows', 'called.yml'),
      [
        'on:',
        '  workflow_call:',
        '    inputs:',
        '      who: { type: string, required: true }',
        'jobs:',
        '  hello:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - run: echo "${{ inputs.who }}"',
        '',
      ].join('\n'),
    );
    const file = path.join(dir, '.github', 'workflows', 'caller.yml');
    await writeFile(
      file,
      [
        'on: push',
        'jobs:',
        '  call:',
        '    uses: ./.github/workflows/called.yml',
        '    with:',
        '      who: octocat',
        '',
      ].join('\n'),
    );
    const loaded = await loadWorkflow(file, path.resolve('.'));
    const call = loaded.template.jobs[0]!;
    expect(call.type).toBe('reusableWorkflowJob');
    expect('jobs' in call && call.jobs?.map((j) => j.id.value)).toEqual(['hello']);
    expect([...loaded.calledRawJobs.get('./.github/workflows/called.yml')!.keys()]).toEqual([
      'hello',
    ]);
  });

  it('refuses a call with an input the called workflow does not define, naming it', async () => {
    const root = path.resolve('.');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipeline-call-'));
    try {
      await mkdir(path.join(dir, '.github', 'workflows'), { recursive: true });
      const file = path.join(dir, '.github', 'workflows', 'w.yml');
      await writeFile(
        file,
        [
          'on: push',
          'jobs:',
          '  t:',
          '    uses: your-org/ecs-delivery-pack/.github/workflows/test.yml@v1',
          '    with:',
          '      test-command: pytest',
          '      tset-command: typo',
          '',
        ].join('\n'),
      );
      await expect(loadWorkflow(file, root)).rejects.toThrow(/tset-command is not defined/);
    } finally {
      await (await import('node:fs/promises')).rm(dir, { recursive: true, force: true });
    }
  });
});
