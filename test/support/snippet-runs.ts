/**
 * The complete snippets (test/support/snippets.ts) as workflow files of a throwaway repository
 * inside this checkout, so `npm run pipeline` runs them as a user's repository would run them:
 * - the repository is `<root>/.tmp-snippets-<pid>/` (ignored by git) and its settings folder
 *   `pipeline/repositories/.tmp-snippets-<pid>/`, a copy of `pipeline/repositories/snippets/`
 *   (variables, secrets, the hosts the snippets name, the frontend checkout lays out) with the
 *   health-surveillance example's Python service (its Dockerfile, package and unit tests);
 * - `your-org/ecs-delivery-pack/.github/workflows/x.yml@<ref>` and `…/actions/x@<ref>` resolve to
 *   this checkout's reusable workflows and dist/ bundles, as the runner resolves every pack call;
 * - a job a snippet needs but does not show (`needs: build`) is a stub whose outputs are what that
 *   job would give: a digest-pinned image URI per name, one digest per snippet.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../sandbox/run-action.js';
import type { RepoSettings } from '../../pipeline/types.js';
import { shapeSnippet, type Snippet, type StubValue } from './snippets.js';
import type { Workflow } from './workflows.js';

const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const EXAMPLE_APP = path.join(
  REPO_ROOT,
  'pipeline',
  'repositories',
  'examples',
  'health-surveillance',
  'app',
);
const SERVICE_FROM_EXAMPLE = ['Dockerfile', 'pyproject.toml', 'cbi', 'tests/unit'];

export interface SnippetRun {
  where: string;
  /** The workflow file, relative to this checkout (what `npm run pipeline` is given). */
  file: string;
  /** `npm run pipeline` arguments after the file: the event and its inputs. */
  args: string[];
  /** The clusters, buckets, distributions and bots the snippet changes: runs sharing one wait. */
  resources: string[];
  /** The snippet's own job ids (a reusable call's jobs report as `<id> / <job>`). */
  jobs: string[];
  /** It calls rollback.yml (the revision it goes back to must exist). */
  rollsBack: boolean;
  /** The digests of the images the snippet deploys (written in it, or handed over by a stub job). */
  digests: string[];
}

const digestOf = (snippet: Snippet) =>
  `sha256:${createHash('sha256').update(snippet.where).digest('hex')}`;

/** The outputs of the jobs a snippet names in `needs:` without showing them. */
export function stubValues(snippet: Snippet): StubValue {
  const digest = digestOf(snippet);
  const names = new Set<string>();
  for (const m of snippet.text.matchAll(
    /fromJSON\(needs\.[\w-]+\.outputs\.image-uris\)(?:\.([\w-]+)|\['([\w-]+)'\])/g,
  ))
    names.add(m[1] ?? m[2]!);
  return (id, output) => {
    if (output === 'image') return `${REGISTRY}/cbi@${digest}`;
    if (output === 'image-uris')
      return JSON.stringify(
        Object.fromEntries([...names].map((n) => [n, `${REGISTRY}/cbi@${digest}`])),
      );
    throw new Error(`${snippet.where}: no stub value for ${id}.outputs.${output}`);
  };
}

function withValues(doc: unknown, found: (key: string, value: string) => void): void {
  if (Array.isArray(doc)) for (const v of doc) withValues(v, found);
  else if (doc && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) {
      if (typeof v === 'string') found(k, v);
      else withValues(v, found);
    }
}

/** What a workflow changes on the sandbox, its `${{ vars.X }}` read from the settings. */
export function resourcesOf(doc: Workflow, vars: Record<string, string>): string[] {
  const out = new Set<string>();
  withValues(doc.jobs, (key, raw) => {
    const value = raw.replace(
      /\$\{\{\s*vars\.(\w+)\s*\}\}/g,
      (_, name: string) => vars[name] ?? '',
    );
    if (key === 'cluster') out.add(`cluster ${value}`);
    if (key === 'bucket') out.add(`bucket ${value}`);
    if (key === 'distribution-id')
      for (const id of value.split(/[\s,]+/).filter(Boolean)) out.add(`distribution ${id}`);
    if (key === 'provider' && value === 'telegram') out.add('telegram bot');
  });
  return [...out].sort();
}

/** The event a workflow runs on here, with a value for every dispatch input without a default. */
export function eventArgs(doc: Workflow): string[] {
  const on = doc.on as unknown;
  const events =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on ?? {});
  if (events.includes('push')) return ['--event', 'push'];
  if (!events.includes('workflow_dispatch'))
    throw new Error(`runs on ${events.join(', ')}: neither push nor workflow_dispatch`);
  const inputs = ((on as Record<string, { inputs?: Record<string, Record<string, unknown>> }>)
    ?.workflow_dispatch?.inputs ?? {}) as Record<string, Record<string, unknown>>;
  const args = ['--event', 'workflow_dispatch'];
  for (const [name, spec] of Object.entries(inputs)) {
    if (spec.default !== undefined) continue;
    const options = spec.options as unknown[] | undefined;
    if (!options?.length) throw new Error(`dispatch input ${name} has no default and no options`);
    args.push('--input', `${name}=${String(options[0])}`);
  }
  return args;
}

export interface SnippetRepository {
  root: string;
  settings: RepoSettings;
  runs: SnippetRun[];
  remove(): void;
}

/**
 * Writes the throwaway repository: one workflow file per snippet, the settings with `vars`
 * added (values only known at run time, such as a URL of the sandbox).
 */
export function snippetRepository(
  snippets: Snippet[],
  extraVars: Record<string, string> = {},
): SnippetRepository {
  const name = `.tmp-snippets-${process.pid}`;
  const root = path.join(REPO_ROOT, name);
  const settingsDir = path.join(REPO_ROOT, 'pipeline', 'repositories', name);
  const remove = () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(settingsDir, { recursive: true, force: true });
  };
  remove();
  cpSync(path.join(REPO_ROOT, 'pipeline', 'repositories', 'snippets'), settingsDir, {
    recursive: true,
  });
  // The Python service the snippets test and build is the health-surveillance example's.
  for (const part of SERVICE_FROM_EXAMPLE)
    cpSync(path.join(EXAMPLE_APP, part), path.join(settingsDir, 'app', part), { recursive: true });
  const settingsFile = path.join(settingsDir, 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as RepoSettings;
  settings.vars = { ...settings.vars, ...extraVars };
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
  mkdirSync(path.join(root, '.github', 'workflows'), { recursive: true });
  const runs = snippets.map((snippet): SnippetRun => {
    const shaped = shapeSnippet(snippet, stubValues(snippet));
    if (!('yaml' in shaped)) throw new Error(`${snippet.where}: not a workflow`);
    const slug = snippet.where.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = path.join(name, '.github', 'workflows', `${slug}.yml`);
    writeFileSync(path.join(REPO_ROOT, file), shaped.yaml);
    return {
      where: snippet.where,
      file,
      args: eventArgs(shaped.doc),
      resources: resourcesOf(shaped.doc, settings.vars),
      jobs: Object.keys(shaped.doc.jobs ?? {}),
      rollsBack: Object.values(shaped.doc.jobs ?? {}).some((j) =>
        /\/\.github\/workflows\/rollback\.yml@/.test(String(j.uses ?? '')),
      ),
      digests: [...new Set(shaped.yaml.match(/sha256:[0-9a-f]{64}/g) ?? [])],
    };
  });
  return { root, settings, runs, remove };
}

/**
 * Runs tasks as soon as no earlier task holding one of their resources is still running (tasks on
 * different clusters at the same time, tasks on one cluster in the order given), at most `limit`
 * at once.
 */
export function byResource<T>(
  items: { resources: string[]; start: () => Promise<T> }[],
  limit = 3,
): Promise<T>[] {
  const last = new Map<string, Promise<unknown>>();
  let running = 0;
  const queue: (() => void)[] = [];
  const slot = async <R>(start: () => Promise<R>): Promise<R> => {
    if (running >= limit) await new Promise<void>((resolve) => queue.push(resolve));
    running += 1;
    try {
      return await start();
    } finally {
      running -= 1;
      queue.shift()?.();
    }
  };
  return items.map(({ resources, start }) => {
    const before = resources.map((r) => last.get(r) ?? Promise.resolve());
    const run = Promise.allSettled(before).then(() => slot(start));
    for (const r of resources)
      last.set(
        r,
        run.catch(() => undefined),
      );
    return run;
  });
}
