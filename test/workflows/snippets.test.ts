import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  REUSABLE,
  ROOT,
  calledPackWorkflow,
  checkActionInputs,
  checkSecurity,
  checkWorkflowCalls,
  lintFiles,
  prepareLintTree,
  resolvePackWorkflow,
  type WorkflowFile,
} from '../support/workflows.js';
import { allSnippets, completeness, shapeSnippet, type Shaped } from '../support/snippets.js';

type Runnable = Extract<Shaped, { yaml: string }>;

const shaped = allSnippets().map((s) => shapeSnippet(s));
const runnable = shaped.filter((s): s is Runnable => 'yaml' in s);

function asFile(s: Runnable): WorkflowFile {
  return {
    path: join(ROOT, s.snippet.where),
    rel: s.snippet.where,
    text: s.snippet.text,
    doc: s.doc,
  };
}

/** actionlint over shaped snippets, messages keyed by snippet. */
function lint(items: { where: string; yaml: string }[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'snippets-'));
  const paths = items.map((s, i) => {
    const path = join(dir, `snippet-${i}.yml`);
    writeFileSync(path, s.yaml);
    return path;
  });
  const { root, files } = prepareLintTree(paths);
  try {
    const where = new Map(paths.map((p, i) => [relative(ROOT, p), items[i]!.where]));
    const mine = new Map(
      [...files].flatMap(([target, rel]) =>
        where.has(rel) ? [[target, where.get(rel)!] as const] : [],
      ),
    );
    return lintFiles(mine).map((r) => `${r.file} [${r.kind}] ${r.message}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('YAML snippets in the READMEs, docs and workflow headers', () => {
  it('finds the snippets, including a header example for every reusable workflow', () => {
    expect(runnable.length).toBeGreaterThan(20);
    for (const name of REUSABLE) {
      const header = runnable.find((s) => s.snippet.where.startsWith(`.github/workflows/${name}:`));
      expect([name, header?.kind]).toEqual([name, 'workflow']);
      const calls = Object.values(header!.doc.jobs ?? {}).map((j) =>
        j.uses ? calledPackWorkflow(j.uses) : undefined,
      );
      expect(calls).toContain(name);
    }
  });

  it('parses every snippet, and only non-workflow YAML (AppSpec) is left out', () => {
    expect(shaped.filter((s) => s.kind === 'invalid')).toEqual([]);
    const others = shaped.filter((s) => s.kind === 'other');
    for (const s of others) {
      expect([s.snippet.where, JSON.stringify(s.doc)]).toEqual([
        s.snippet.where,
        expect.not.stringMatching(/"(uses|run|jobs|steps)"/),
      ]);
    }
  });

  it.each(runnable.map((s) => [s.snippet.where, s] as const))(
    '%s follows the security rules and passes declared inputs',
    (_where, s) => {
      const file = asFile(s);
      expect([
        ...checkSecurity(file, resolvePackWorkflow),
        ...checkActionInputs(file),
        ...checkWorkflowCalls(file),
      ]).toEqual([]);
    },
  );

  it('passes actionlint (pack references resolved locally)', () => {
    expect(lint(runnable.map((s) => ({ where: s.snippet.where, yaml: s.yaml })))).toEqual([]);
  });

  it('catches a snippet that reads needs.build.outputs without needs: build', () => {
    const s = shapeSnippet({
      where: 'bad.md:1',
      text: [
        'jobs:',
        '  deploy:',
        '    uses: your-org/ecs-delivery-pack/.github/workflows/deploy-ecs.yml@v1',
        '    permissions: { contents: read, id-token: write }',
        '    with:',
        '      environment: production',
        '      aws-region: eu-west-1',
        '      role-to-assume: arn:aws:iam::123456789012:role/deploy',
        '      cluster: cbi-production',
        '      services: cbi-api',
        '      images: api=${{ fromJSON(needs.build.outputs.image-uris).cbi }}',
      ].join('\n'),
    }) as Runnable;
    const messages = lint([{ where: 'bad.md:1', yaml: s.yaml }]);
    expect(messages.some((m) => /property "build" is not defined/.test(m))).toBe(true);
  });

  it('catches a caller that grants less than the called jobs ask for', () => {
    const s = shapeSnippet({
      where: 'bad.md:1',
      text: [
        'jobs:',
        '  deploy:',
        '    uses: your-org/ecs-delivery-pack/.github/workflows/deploy-ecs.yml@v1',
        '    permissions:',
        '      id-token: write',
        '    with: { environment: production, aws-region: eu-west-1, role-to-assume: r, cluster: c, services: s }',
      ].join('\n'),
    }) as Runnable;
    const rules = checkSecurity(asFile(s), resolvePackWorkflow).map((v) => v.rule);
    expect(rules).toContain('caller-permissions');
  });

  it('wraps a step list with stubs for what it reads from outside', () => {
    const s = shapeSnippet({
      where: 'steps.md:1',
      text: [
        '      - uses: your-org/ecs-delivery-pack/actions/cloudfront-invalidate@v1',
        '        with:',
        '          distribution-id: E2CBIDASHBOARD',
        '          paths-file: ${{ steps.sync.outputs.changed-paths-file }}',
        '          tag: ${{ needs.build.outputs.tag }}',
      ].join('\n'),
    }) as Runnable;
    expect(s.kind).toBe('steps');
    expect(Object.keys(s.doc.jobs!).sort()).toEqual(['build', 'snippet']);
    expect(s.doc.jobs!.snippet!.needs).toEqual(['build']);
    expect(s.doc.jobs!.snippet!.steps![0]).toMatchObject({ id: 'sync' });
  });

  it('makes one job of a snippet that is a single reusable-workflow call', () => {
    const s = shapeSnippet({
      where: 'call.md:1',
      text: 'uses: your-org/ecs-delivery-pack/.github/workflows/rollback.yml@v1\nwith: { service: api }',
    }) as Runnable;
    expect(s.kind).toBe('workflow');
    expect(s.doc.jobs!.snippet!.uses).toMatch(/rollback\.yml@v1$/);
  });

  describe('complete or fragment', () => {
    const of = (text: string) => completeness(shapeSnippet({ where: 'x.md:1', text }));
    const deploy = [
      '- uses: OWNER/ecs-delivery-pack/actions/ecs-deploy@v1',
      '  with: { cluster: c, services: s, images: "api=${{ needs.build.outputs.image }}" }',
    ];
    const credentials = [
      '- uses: aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c # v6.2.3',
      '  with: { role-to-assume: "arn:aws:iam::123456789012:role/r", aws-region: eu-west-1 }',
    ];

    it('a workflow or job is complete', () => {
      expect(of('jobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: true')).toEqual({
        complete: true,
      });
    });

    it('a step list that assumes its role before calling AWS is a whole job', () => {
      expect(of([...credentials, ...deploy].join('\n'))).toEqual({ complete: true });
      expect(
        of(
          '- uses: your-org/ecs-delivery-pack/actions/verify-webhook@v1\n  with: { provider: github, url: https://x.example/h }',
        ),
      ).toEqual({ complete: true });
    });

    it('a step calling AWS without credentials, reading a step it does not show, or eliding is a fragment', () => {
      expect(of(deploy.join('\n'))).toMatchObject({
        complete: false,
        reason: expect.stringMatching(/ecs-deploy/),
      });
      expect(of([...deploy, ...credentials].join('\n'))).toMatchObject({ complete: false });
      expect(
        of(
          [
            ...credentials,
            '- uses: your-org/ecs-delivery-pack/actions/cloudfront-invalidate@v1',
            '  with: { distribution-id: E1, paths-file: "${{ steps.sync.outputs.changed-paths-file }}" }',
          ].join('\n'),
        ),
      ).toMatchObject({ complete: false, reason: expect.stringMatching(/step sync/) });
      expect(of([...credentials, '# ... smoke tests ...', ...deploy].join('\n'))).toMatchObject({
        complete: false,
        reason: expect.stringMatching(/leaves out/),
      });
      expect(of('version: 0.0\nResources: []')).toMatchObject({ complete: false });
    });
  });
});
