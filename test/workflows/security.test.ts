import { join } from 'node:path';
import {
  ROOT,
  REUSABLE,
  WORKFLOW_DIR,
  checkSecurity,
  loadWorkflow,
  resolvePackWorkflow,
  workflowPaths,
  type Violation,
} from '../support/workflows.js';

const files = workflowPaths().map(loadWorkflow);
const broken = loadWorkflow(join(ROOT, 'test', 'workflows', 'fixtures', 'broken.yml'));

function rulesOf(violations: Violation[]): string[] {
  return [...new Set(violations.map((v) => v.rule))].sort();
}

describe('workflow security rules', () => {
  it('finds every reusable workflow and at least one workflow per example system', () => {
    const rels = files.map((f) => f.rel);
    for (const name of REUSABLE) expect(rels).toContain(`.github/workflows/${name}`);
    const systems = new Set(
      rels.filter((r) => r.startsWith('examples/')).map((r) => r.split('/')[1]),
    );
    expect(systems.size).toBeGreaterThanOrEqual(5);
  });

  it.each(files.map((f) => [f.rel, f] as const))('%s follows every rule', (_rel, file) => {
    expect(checkSecurity(file, resolvePackWorkflow)).toEqual([]);
  });

  it('reports each violation of the broken fixture', () => {
    const violations = checkSecurity(broken, resolvePackWorkflow);
    expect(rulesOf(violations)).toEqual(
      [
        'caller-permissions',
        'forbidden-trigger',
        'id-token-without-oidc',
        'job-permissions',
        'least-privilege',
        'persist-credentials',
        'pin',
        'pin-comment',
        'run-expression',
        'secrets-inherit',
        'timeout',
        'top-permissions',
      ].sort(),
    );
    const where = (rule: string): string[] =>
      violations.filter((v) => v.rule === rule).map((v) => v.where.replace(`${broken.rel} `, ''));
    expect(where('forbidden-trigger')).toEqual(['on.pull_request_target', 'on.workflow_run']);
    expect(where('run-expression')).toEqual([
      'jobs.no-permissions-no-timeout.steps[1]',
      'jobs.oidc-without-need.steps[2]',
    ]);
    expect(where('pin')).toEqual(expect.arrayContaining([expect.stringMatching(/^line \d+$/)]));
    expect(violations.filter((v) => v.rule === 'pin').map((v) => v.message)).toEqual([
      'actions/checkout@v4 is not pinned to a full commit SHA',
      'your-org/ecs-delivery-pack/.github/workflows/deploy-ecs.yml@main: reference the pack by a release tag or a commit SHA',
    ]);
    expect(where('least-privilege')).toEqual([
      'jobs.oidc-without-need.permissions.contents',
      'jobs.inherit.permissions.contents',
      'jobs.inherit.permissions',
    ]);
    expect(where('caller-permissions')).toEqual(['jobs.inherit.permissions']);
    expect(violations.find((v) => v.rule === 'caller-permissions')?.message).toMatch(
      /GitHub refuses to start the run/,
    );
    expect(where('id-token-without-oidc')).toEqual(['jobs.oidc-without-need.permissions.id-token']);
    expect(where('timeout')).toEqual(['jobs.no-permissions-no-timeout']);
  });

  it('catches a single injected expression in an otherwise valid workflow', () => {
    const file = loadWorkflow(join(WORKFLOW_DIR, 'rollback.yml'));
    const tampered = structuredClone(file.doc);
    const steps = tampered.jobs!.rollback!.steps!;
    steps[steps.length - 1]!.run = 'echo "${{ inputs.service }}"';
    expect(rulesOf(checkSecurity({ ...file, doc: tampered }))).toEqual(['run-expression']);
  });

  it('pins each third-party action to one SHA and version everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of files) {
      for (const m of file.text.matchAll(
        /uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s*#\s*(\S+)/g,
      )) {
        const key = m[1]!;
        if (!pins.has(key)) pins.set(key, new Set());
        pins.get(key)!.add(`${m[2]} ${m[3]}`);
      }
    }
    expect(pins.size).toBeGreaterThan(5);
    for (const [action, versions] of pins)
      expect([action, [...versions]]).toEqual([action, [...versions].slice(0, 1)]);
  });
});
