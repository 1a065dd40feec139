/**
 * The public contract (docs/SPEC.md) against every action.yml: each input the contract names
 * exists with the contract's default, each output exists, and the runner settings are right.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { actionNames, readActionMetadata } from '../support/action-metadata.js';

const spec = readFileSync('docs/SPEC.md', 'utf8');
const CONTRACT_ACTIONS = [
  'ecs-deploy',
  'run-migration',
  's3-sync',
  'cloudfront-invalidate',
  'verify-webhook',
];

function section(action: string): string {
  const start = spec.indexOf(`## actions/${action}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = spec.indexOf('\n## ', start + 1);
  return spec.slice(start, next < 0 ? undefined : next);
}

/** Rows of the inputs table: names (a row may name several) and the default column. */
function contractInputs(action: string): { name: string; fallback: string }[] {
  const rows = section(action)
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => {
    const [names, fallback] = row
      .split('|')
      .slice(1, 3)
      .map((c) => c.trim());
    const def = fallback!.replace(/^`|`$/g, '');
    return [...names!.matchAll(/`([a-z0-9-]+)`/g)].map((m) => ({ name: m[1]!, fallback: def }));
  });
}

function contractOutputs(action: string): string[] {
  const text = section(action);
  const start = text.indexOf('Outputs:');
  expect(start).toBeGreaterThanOrEqual(0);
  const para = text.slice(
    start,
    text.indexOf('\n\n', start) < 0 ? undefined : text.indexOf('\n\n', start),
  );
  // Output names are the backticked words that are not values in parentheses (which may nest:
  // strip the innermost first).
  let withoutValues = para;
  while (/\([^()]*\)/.test(withoutValues)) withoutValues = withoutValues.replace(/\([^()]*\)/g, '');
  return [...withoutValues.matchAll(/`([a-z][a-z0-9-]+)`/g)].map((m) => m[1]!);
}

const SHARED_SPEC = '../shared/SPEC.md';

describe('docs/SPEC.md', () => {
  // The shared contract sits beside the repository only in the workspace the pack is built in;
  // on a plain clone the test shows as skipped.
  (existsSync(SHARED_SPEC) ? it : it.skip)(
    'is the same contract as the one the pack is built to',
    () => {
      expect(readFileSync(SHARED_SPEC, 'utf8')).toBe(spec);
    },
  );
});

describe('action.yml files', () => {
  it('exist for exactly the contract actions', () => {
    expect(actionNames()).toEqual([...CONTRACT_ACTIONS].sort());
  });

  describe.each(CONTRACT_ACTIONS)('%s', (action) => {
    const meta = readActionMetadata(action);

    it('runs on node24 from its bundle and has branding', () => {
      expect(meta.runs).toEqual({ using: 'node24', main: `../../dist/${action}/index.js` });
      expect(meta.branding?.icon).toBeTruthy();
      expect(meta.branding?.color).toBeTruthy();
      expect(meta.description.length).toBeGreaterThan(40);
    });

    it('declares every contract input with its default', () => {
      const inputs = contractInputs(action);
      expect(inputs.length).toBeGreaterThan(4);
      for (const { name, fallback } of inputs) {
        const declared = meta.inputs[name];
        expect({ name, declared: declared !== undefined }).toEqual({ name, declared: true });
        if (fallback === 'required')
          expect({ name, required: declared!.required }).toEqual({ name, required: true });
        else
          expect({ name, required: declared!.required ?? false }).toEqual({
            name,
            required: false,
          });
        // Descriptive defaults ('derived', 'from `service`', 'sensible defaults') are not literal values.
        const simpleDefault =
          /^[a-z0-9./*,-]+$/i.test(fallback) && !['required', 'derived'].includes(fallback);
        if (simpleDefault)
          expect({ name, default: String(declared!.default) }).toEqual({ name, default: fallback });
      }
    });

    it('declares every contract output, including status', () => {
      const outputs = contractOutputs(action);
      expect(outputs).toContain('status');
      for (const name of outputs)
        expect({ name, declared: name in meta.outputs }).toEqual({ name, declared: true });
    });

    it('describes every input and output', () => {
      for (const [name, input] of Object.entries(meta.inputs))
        expect({ name, d: (input.description ?? '').length > 5 }).toEqual({ name, d: true });
      for (const [name, output] of Object.entries(meta.outputs))
        expect({ name, d: (output.description ?? '').length > 5 }).toEqual({ name, d: true });
    });
  });
});
