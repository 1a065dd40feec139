/**
 * Loads a workflow with GitHub's own parser and converter (`@actions/workflow-parser`): schema
 * validation, `if:` defaults, reusable-workflow calls and their inputs/secrets checked against the
 * called file. Calls to `./.github/workflows/x.yml` and to
 * `<owner>/<repo>/.github/workflows/x.yml@<ref>` resolve to this repository's reusable workflows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  isMapping,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import { StringToken } from '@actions/workflow-parser/templates/tokens/index';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { TokenRange } from '@actions/workflow-parser/templates/tokens/token-range';
import { YamlObjectReader } from '@actions/workflow-parser/workflows/yaml-object-reader';

export interface LoadedWorkflow {
  file: string;
  template: WorkflowTemplate;
  /** The raw job mappings by id (for keys the converted model leaves out: defaults, with, shell). */
  rawJobs: Map<string, MappingToken>;
  /** Raw job mappings of every reusable workflow file this one calls, by file path. */
  calledRawJobs: Map<string, Map<string, MappingToken>>;
}

export class WorkflowError extends Error {}

/**
 * The parser splits a multi-line block scalar holding `${{ }}` into format() segments from the
 * scalar's YAML *source* (kept for editor positions), so the literal text keeps the block's
 * indentation: `|\n  A=${{ x }}` evaluates to '  A=...'. GitHub's runner evaluates the scalar's
 * value. Dropping the source of block scalars makes the parser split the value, as the runner does.
 */
type ReadLiteral = (fileId: number, range: TokenRange | undefined, token: unknown) => TemplateToken;
const reader = YamlObjectReader as unknown as { getLiteralToken: ReadLiteral };
const readLiteral = reader.getLiteralToken.bind(YamlObjectReader);
reader.getLiteralToken = (fileId, range, token) => {
  const literal = readLiteral(fileId, range, token);
  if (
    literal instanceof StringToken &&
    literal.source !== undefined &&
    literal.value.includes('\n')
  )
    return new StringToken(
      fileId,
      range,
      literal.value,
      undefined,
      undefined,
      literal.blockScalarHeader,
    );
  return literal;
};

function rawJobsOf(root: TemplateToken | undefined): Map<string, MappingToken> {
  const jobs = new Map<string, MappingToken>();
  if (!root || !isMapping(root)) return jobs;
  const jobsToken = root.find('jobs');
  if (!jobsToken || !isMapping(jobsToken)) return jobs;
  for (const pair of jobsToken)
    if (isMapping(pair.value)) jobs.set(pair.key.toString(), pair.value);
  return jobs;
}

/**
 * The file a `uses:` of a reusable workflow points at: `./.github/workflows/x.yml` in the calling
 * workflow's own repository (`repoRoot`), `<owner>/<repo>/.github/workflows/x.yml@<ref>` in this
 * repository (the pack).
 */
export function reusablePath(ref: string, packRoot: string, repoRoot = packRoot): string {
  const local = /^\.\/(\.github\/workflows\/[^@]+\.ya?ml)$/.exec(ref);
  if (local) return path.join(repoRoot, local[1]!);
  const remote = /^[^/]+\/[^/]+\/(\.github\/workflows\/[^@]+\.ya?ml)@.+$/.exec(ref);
  if (remote) return path.join(packRoot, remote[1]!);
  throw new WorkflowError(`cannot resolve reusable workflow "${ref}"`);
}

export async function loadWorkflow(file: string, packRoot: string): Promise<LoadedWorkflow> {
  const content = readFileSync(file, 'utf8');
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  if (!parsed.value) throw new WorkflowError(`${file}: not a workflow`);
  const calledRawJobs = new Map<string, Map<string, MappingToken>>();
  const marker = `${path.sep}.github${path.sep}workflows${path.sep}`;
  const repoRoot = file.includes(marker) ? file.slice(0, file.lastIndexOf(marker)) : packRoot;
  const provider = {
    getFileContent: async (ref: {
      path: string;
      owner?: string;
      repository?: string;
      version?: string;
    }) => {
      const reference =
        'owner' in ref && ref.owner
          ? `${ref.owner}/${ref.repository}/${ref.path}@${ref.version}`
          : `./${ref.path}`;
      const called = reusablePath(reference, packRoot, repoRoot);
      const text = readFileSync(called, 'utf8');
      const again = parseWorkflow({ name: called, content: text }, new NoOperationTraceWriter());
      calledRawJobs.set(reference, rawJobsOf(again.value));
      return { name: called, content: text };
    },
  };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, provider, {
    fetchReusableWorkflowDepth: 1,
  });
  if (template.errors?.length)
    throw new WorkflowError(
      `${path.relative(packRoot, file)}: ${template.errors.map((e) => e.Message).join('; ')}`,
    );
  return { file, template, rawJobs: rawJobsOf(parsed.value), calledRawJobs };
}
