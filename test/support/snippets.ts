/**
 * The YAML snippets users copy: ```yaml blocks of README.md, docs/**, actions/*\/README.md and
 * examples/**\/*.md, and the usage example in each reusable workflow's header comment. Each one is
 * made into a workflow file the same checks can read:
 * - a snippet with `jobs:` is a workflow as it is (a missing `on:` / `permissions: {}` is added);
 *   jobs it names in `needs:` but does not define become stubs with the outputs it reads, so a
 *   snippet that reads `needs.build.outputs` without `needs: build` still fails actionlint;
 * - a list of steps (or one step) is wrapped in one job with the permissions its steps need,
 *   with stub jobs for the `needs.<job>.outputs` and stub steps for the `steps.<id>.outputs` it
 *   reads from outside the snippet;
 * - anything else (an AppSpec, a task definition) is not a workflow and is reported as such.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  ROOT,
  WORKFLOW_DIR,
  calledPackWorkflow,
  neededPermissions,
  type Job,
  type Step,
  type Workflow,
} from './workflows.js';

export interface Snippet {
  /** file:line of the snippet's first line. */
  where: string;
  text: string;
}

export type Shaped =
  | { kind: 'workflow' | 'steps'; snippet: Snippet; doc: Workflow; yaml: string }
  | { kind: 'other'; snippet: Snippet; doc: unknown }
  | { kind: 'invalid'; snippet: Snippet; error: string };

function markdownFiles(): string[] {
  const out: string[] = [join(ROOT, 'README.md')];
  const walk = (dir: string, deep: boolean): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory() && deep) walk(full, true);
      else if (e.isFile() && e.name.endsWith('.md')) out.push(full);
    }
  };
  walk(join(ROOT, 'docs'), true);
  walk(join(ROOT, 'examples'), true);
  for (const name of readdirSync(join(ROOT, 'actions'))) {
    out.push(join(ROOT, 'actions', name, 'README.md'));
  }
  return out.filter((f) => !f.endsWith(join('docs', 'SPEC.md'))).sort();
}

/** Every ```yaml / ```yml block of a Markdown text, with the line it starts on. */
export function markdownSnippets(rel: string, text: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```ya?ml\s*$/.test(lines[i]!)) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j]!)) body.push(lines[j++]!);
    out.push({ where: `${rel}:${i + 2}`, text: body.join('\n') });
    i = j;
  }
  return out;
}

/**
 * The usage example of a workflow header: from the first `#   jobs:` (or `#   on:`) line, the
 * comment lines indented by at least three spaces after `#`, up to the end of that block.
 */
export function headerSnippet(rel: string, text: string): Snippet | undefined {
  const lines = text.split('\n');
  const body: string[] = [];
  let first = -1;
  for (let i = 0; i < lines.length && lines[i]!.startsWith('#'); i++) {
    const m = /^# {3}(.*)$/.exec(lines[i]!);
    if (first < 0) {
      if (m && /^(jobs|on):/.test(m[1]!)) {
        first = i;
        body.push(m[1]!);
      }
    } else if (m) body.push(m[1]!);
    else if (lines[i]!.trim() !== '#') break;
  }
  return first < 0 ? undefined : { where: `${rel}:${first + 1}`, text: body.join('\n') };
}

export function allSnippets(): Snippet[] {
  const out: Snippet[] = [];
  for (const file of markdownFiles()) {
    out.push(...markdownSnippets(relative(ROOT, file), readFileSync(file, 'utf8')));
  }
  for (const name of readdirSync(WORKFLOW_DIR).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const rel = relative(ROOT, join(WORKFLOW_DIR, name));
    const header = headerSnippet(rel, readFileSync(join(WORKFLOW_DIR, name), 'utf8'));
    if (header) out.push(header);
  }
  return out;
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(n)).join('\n');
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStep(v: unknown): v is Step {
  return isMap(v) && (typeof v.uses === 'string' || typeof v.run === 'string');
}

/** `needs.<job>.outputs.<name>` and `steps.<id>.outputs.<name>` read anywhere in a value. */
function references(value: unknown, kind: 'needs' | 'steps'): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  const re = new RegExp(`${kind}\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)`, 'g');
  for (const m of JSON.stringify(value).matchAll(re)) {
    if (!refs.has(m[1]!)) refs.set(m[1]!, new Set());
    refs.get(m[1]!)!.add(m[2]!);
  }
  return refs;
}

/** The value a stub job or step gives an output the snippet reads: `(job or step id, output)`. */
export type StubValue = (id: string, output: string) => string;

const stubLine = (id: string, output: string, value: StubValue): string => {
  const v = value(id, output);
  if (/['\n]/.test(v)) throw new Error(`stub value of ${id}.${output} holds a quote or newline`);
  return `echo '${output}=${v}' >> "$GITHUB_OUTPUT"`;
};

function stubJob(id: string, outputs: Iterable<string>, value: StubValue): Job {
  const names = [...outputs];
  return {
    'runs-on': 'ubuntu-24.04',
    'timeout-minutes': 5,
    permissions: {},
    outputs: Object.fromEntries(names.map((n) => [n, `\${{ steps.stub.outputs.${n} }}`])),
    steps: [
      {
        id: 'stub',
        run: names.map((n) => stubLine(id, n, value)).join('\n') || 'true',
      },
    ],
  };
}

function needsOf(job: Job): string[] {
  const needs = job.needs;
  if (typeof needs === 'string') return [needs];
  return Array.isArray(needs) ? needs.map(String) : [];
}

/** Stub jobs for jobs named in `needs:` but not defined, with the outputs the snippet reads. */
function addNeededStubs(doc: Workflow, value: StubValue): void {
  const jobs = doc.jobs ?? {};
  const read = references(jobs, 'needs');
  const wanted = new Set(Object.values(jobs).flatMap(needsOf));
  for (const id of wanted) {
    if (!(id in jobs)) jobs[id] = stubJob(id, read.get(id) ?? [], value);
  }
}

function wrapSteps(steps: Step[], value: StubValue): Workflow {
  const stepIds = new Set(
    steps.map((s) => s.id).filter((id): id is string => typeof id === 'string'),
  );
  const external = [...references(steps, 'steps')].filter(([id]) => !stepIds.has(id));
  const stubSteps: Step[] = external.map(([id, outputs]) => ({
    id,
    run: [...outputs].map((n) => stubLine(id, n, value)).join('\n'),
  }));
  const job: Job = {
    'runs-on': 'ubuntu-24.04',
    'timeout-minutes': 30,
    steps: [...stubSteps, ...steps],
  };
  job.permissions = neededPermissions(job);
  const needs = [...references(steps, 'needs').keys()];
  if (needs.length > 0) job.needs = needs;
  const doc: Workflow = { on: 'workflow_dispatch', permissions: {}, jobs: { snippet: job } };
  addNeededStubs(doc, value);
  return doc;
}

export function shapeSnippet(snippet: Snippet, value: StubValue = () => 'stub'): Shaped {
  let doc: unknown;
  try {
    doc = parse(dedent(snippet.text));
  } catch (err) {
    return { kind: 'invalid', snippet, error: (err as Error).message.split('\n')[0]! };
  }
  let workflow: Workflow;
  let kind: 'workflow' | 'steps';
  if (isMap(doc) && isMap(doc.jobs)) {
    kind = 'workflow';
    workflow = { on: doc.on ?? 'workflow_dispatch', permissions: doc.permissions ?? {}, ...doc };
    if (doc.permissions === undefined) workflow.permissions = {};
    addNeededStubs(workflow, value);
  } else if (isMap(doc) && typeof doc.uses === 'string' && calledPackWorkflow(doc.uses)) {
    // One job that calls a reusable workflow.
    kind = 'workflow';
    workflow = { on: 'workflow_dispatch', permissions: {}, jobs: { snippet: doc as Job } };
    addNeededStubs(workflow, value);
  } else if (Array.isArray(doc) && doc.length > 0 && doc.every(isStep)) {
    kind = 'steps';
    workflow = wrapSteps(doc, value);
  } else if (isStep(doc)) {
    kind = 'steps';
    workflow = wrapSteps([doc], value);
  } else {
    return { kind: 'other', snippet, doc };
  }
  return { kind, snippet, doc: workflow, yaml: stringify(workflow, { lineWidth: 0 }) };
}

/** The pack's actions that call AWS: a step list using one runs only after configure-aws-credentials. */
const AWS_ACTIONS = new Set(['ecs-deploy', 'run-migration', 's3-sync', 'cloudfront-invalidate']);

export type Completeness = { complete: true } | { complete: false; reason: string };

/**
 * Whether a snippet is something a user runs as it is: a workflow or a job (`jobs:`, or one call
 * of a reusable workflow), or a list of steps that is a whole job once wrapped (it shows every
 * step it reads from, and assumes AWS credentials itself before any step that calls AWS). The
 * rest are fragments of a larger job, with the reason.
 */
export function completeness(shaped: Shaped): Completeness {
  if (shaped.kind === 'invalid') return { complete: false, reason: `not YAML: ${shaped.error}` };
  if (shaped.kind === 'other')
    return { complete: false, reason: 'not a workflow (a file the workflow reads)' };
  if (shaped.kind === 'workflow') return { complete: true };
  const text = shaped.snippet.text;
  if (/^\s*#\s*\.\.\./m.test(text))
    return { complete: false, reason: 'leaves out steps and jobs between its steps (`# ...`)' };
  const parsed = parse(dedent(text)) as unknown;
  const steps = (Array.isArray(parsed) ? parsed : [parsed]) as Step[];
  const ids = new Set(steps.map((s) => s.id).filter((id) => typeof id === 'string'));
  const outside = [...references(steps, 'steps').keys()].filter((id) => !ids.has(id));
  if (outside.length > 0)
    return {
      complete: false,
      reason: `reads the outputs of step ${outside.join(', ')}, which it does not show`,
    };
  let credentials = false;
  for (const step of steps) {
    const uses = typeof step.uses === 'string' ? step.uses : '';
    if (uses.startsWith('aws-actions/configure-aws-credentials@')) credentials = true;
    const action = /\/actions\/([a-z0-9-]+)@/.exec(uses)?.[1];
    if (action && AWS_ACTIONS.has(action) && !credentials)
      return {
        complete: false,
        reason: `calls AWS (${action}) without assuming a role first: one step of a job`,
      };
  }
  return { complete: true };
}
