/**
 * What each action calls in AWS, read from its source: the files reachable from
 * src/<action>/index.ts through relative imports, and the SDK commands and paginators those files
 * import from `@aws-sdk/client-*`. Each operation is mapped to the IAM action that authorises it,
 * plus the actions AWS checks as a side effect (iam:PassRole for a task definition's roles, tag
 * on create, KMS for SSE-KMS objects). docs/iam/index.json says which policies belong to which
 * action; the IAM test compares the two.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './workflows.js';

export const IAM_DIR = join(ROOT, 'docs', 'iam');

/** IAM service prefix of each SDK client package. */
const PREFIX: Record<string, string> = {
  ecs: 'ecs',
  codedeploy: 'codedeploy',
  s3: 's3',
  cloudfront: 'cloudfront',
  'cloudwatch-logs': 'logs',
};

/** Operations whose IAM action is not `<prefix>:<operation>`. */
const RENAMED: Record<string, string> = {
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjects': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:DeleteObjects': 's3:DeleteObject',
  's3:CreateMultipartUpload': 's3:PutObject',
  's3:UploadPart': 's3:PutObject',
  's3:CompleteMultipartUpload': 's3:PutObject',
  's3:HeadBucket': 's3:ListBucket',
};

/** Actions AWS authorises as part of another call. */
export const IMPLIED: Record<string, { actions: string[]; why: string }> = {
  'ecs:RegisterTaskDefinition': {
    actions: ['iam:PassRole', 'ecs:TagResource'],
    why: 'a definition names its task and execution roles (PassRole) and keeps its tags (tag on create)',
  },
  'ecs:RunTask': { actions: ['ecs:TagResource'], why: 'the task is tagged when it is started' },
  's3:PutObject': { actions: ['kms:GenerateDataKey'], why: 'writing to an SSE-KMS bucket' },
  's3:GetObject': { actions: ['kms:Decrypt'], why: 'reading SSE-KMS objects' },
};

export interface PolicyIndexEntry {
  /** The pack's action whose code the policies are checked against, or none (third-party actions). */
  action?: string;
  /** The workflows whose role needs these policies. */
  workflows: string[];
  title: string;
  /** Policy files in docs/iam, the first the base and the rest additions. */
  policies: string[];
}

export function policyIndex(): PolicyIndexEntry[] {
  return JSON.parse(readFileSync(join(IAM_DIR, 'index.json'), 'utf8')).roles as PolicyIndexEntry[];
}

interface Statement {
  Effect: string;
  Action: string | string[];
}

export function policyActions(file: string): string[] {
  const doc = JSON.parse(readFileSync(join(IAM_DIR, file), 'utf8')) as { Statement: Statement[] };
  return [
    ...new Set(doc.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat())),
  ].sort();
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Files reachable from an action's entry (src/<action>/index.ts or run.ts, or a given .ts path) through
 * relative (static or dynamic) imports.
 */
export function sourceFiles(action: string): string[] {
  const entry = action.endsWith('.ts')
    ? action
    : ['index.ts', 'run.ts'].map((f) => join(ROOT, 'src', action, f)).find((f) => existsSync(f));
  if (!entry) throw new Error(`no src/${action}/index.ts or run.ts`);
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const target = resolveImport(file, m[1]!);
      if (target) queue.push(target);
    }
  }
  return [...seen].sort();
}

/**
 * `<client>:<Operation>` of every command or paginator a file imports from an SDK client (named
 * imports, `Name.XCommand` through a namespace import, or any command a file names that imports the
 * client dynamically). A reference in any other form (a re-export, a require) throws: the analysis
 * would miss its calls.
 */
export function sdkOperations(files: string[]): string[] {
  const ops = new Set<string>();
  const add = (client: string, name: string): void => {
    const op =
      /^([A-Z][A-Za-z0-9]+)Command$/.exec(name)?.[1] ??
      /^paginate([A-Z][A-Za-z0-9]+)$/.exec(name)?.[1];
    if (op) ops.add(`${client}:${op}`);
  };
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    let understood = 0;
    for (const m of text.matchAll(
      /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/client-([a-z0-9-]+)'/g,
    )) {
      understood++;
      if (m[1]) continue;
      for (const raw of m[2]!.split(',')) {
        const spec = raw.trim();
        if (spec === '' || spec.startsWith('type ')) continue;
        add(m[3]!, spec.split(/\s+as\s+/)[0]!);
      }
    }
    for (const m of text.matchAll(
      /import\s+\*\s+as\s+(\w+)\s+from\s+'@aws-sdk\/client-([a-z0-9-]+)'/g,
    )) {
      understood++;
      for (const use of text.matchAll(new RegExp(`\\b${m[1]}\\.(\\w+)`, 'g'))) add(m[2]!, use[1]!);
    }
    // A dynamic import of a client: every command or paginator the file names is counted as its.
    for (const m of text.matchAll(/import\(\s*'@aws-sdk\/client-([a-z0-9-]+)'\s*\)/g)) {
      understood++;
      for (const use of text.matchAll(/\b(\w+Command|paginate\w+)\b/g)) add(m[1]!, use[1]!);
    }
    const mentions = text.match(/'@aws-sdk\/client-[a-z0-9-]+'/g)?.length ?? 0;
    if (mentions !== understood) {
      throw new Error(
        `${file}: an @aws-sdk/client-* reference in a form the IAM analysis cannot read`,
      );
    }
  }
  return [...ops].sort();
}

/** The IAM actions an action's code needs, with the operation each comes from. */
export function neededActions(action: string): Map<string, string> {
  const need = new Map<string, string>();
  for (const op of sdkOperations(sourceFiles(action))) {
    const [client, operation] = op.split(':') as [string, string];
    const prefix = PREFIX[client];
    if (!prefix) throw new Error(`no IAM prefix known for @aws-sdk/client-${client}`);
    const iam = RENAMED[`${prefix}:${operation}`] ?? `${prefix}:${operation}`;
    if (!need.has(iam)) need.set(iam, `${operation} (${client})`);
    for (const implied of IMPLIED[iam]?.actions ?? []) {
      if (!need.has(implied)) need.set(implied, `implied by ${iam}: ${IMPLIED[iam]!.why}`);
    }
  }
  return need;
}

export function iamFiles(): string[] {
  return readdirSync(IAM_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'index.json')
    .sort();
}
