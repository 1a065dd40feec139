import { join } from 'node:path';
import {
  ROOT,
  checkActionInputs,
  checkWorkflowCalls,
  loadWorkflow,
  selfAction,
  workflowPaths,
} from '../support/workflows.js';
import { actionNames } from '../support/action-metadata.js';

const files = workflowPaths().map(loadWorkflow);
const broken = loadWorkflow(join(ROOT, 'test', 'workflows', 'fixtures', 'broken.yml'));

describe("inputs passed to the pack's actions and reusable workflows", () => {
  it.each(files.map((f) => [f.rel, f] as const))(
    '%s passes only inputs the action.yml declares',
    (_rel, file) => {
      expect(checkActionInputs(file)).toEqual([]);
    },
  );

  it.each(files.map((f) => [f.rel, f] as const))(
    '%s calls the reusable workflows with their declared inputs, secrets and outputs',
    (_rel, file) => {
      expect(checkWorkflowCalls(file)).toEqual([]);
    },
  );

  it('uses every action of the pack somewhere', () => {
    // Both reference forms: `$/actions/<name>` in the pack's workflows and
    // `<owner>/ecs-delivery-pack/actions/<name>@<ref>` in the examples.
    const used = new Set(
      files.flatMap((f) =>
        Object.values(f.doc.jobs ?? {}).flatMap((job) =>
          (job.steps ?? []).flatMap((step) => {
            const name = step.uses ? selfAction(step.uses) : undefined;
            return name ? [name] : [];
          }),
        ),
      ),
    );
    const names = actionNames(ROOT);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !used.has(name))).toEqual([]);
  });

  it('reports unknown and missing action inputs and unknown outputs in the broken fixture', () => {
    const messages = checkActionInputs(broken).map((v) => `${v.rule}: ${v.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'unknown-input: actions/ecs-deploy has no input "service"',
        'unknown-input: actions/ecs-deploy has no input "task-definition-file"',
        'missing-input: actions/ecs-deploy requires "cluster"',
        'missing-input: actions/ecs-deploy requires "services"',
        'unknown-output: actions/ecs-deploy has no output "task-definition-revision"',
      ]),
    );
    expect(messages).toHaveLength(5);
  });

  it('reports unknown and missing inputs of a reusable workflow call in the broken fixture', () => {
    const messages = checkWorkflowCalls(broken).map((v) => `${v.rule}: ${v.message}`);
    const uses = 'your-org/ecs-delivery-pack/.github/workflows/deploy-ecs.yml@main';
    expect(messages).toEqual([
      `unknown-input: ${uses} has no input "service"`,
      `missing-input: ${uses} requires input "aws-region"`,
      `missing-input: ${uses} requires input "role-to-assume"`,
      `missing-input: ${uses} requires input "services"`,
    ]);
  });
});
