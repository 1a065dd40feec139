/**
 * Task definitions as plain JSON objects, so fields this SDK version does not model survive a
 * render and a register. Rendering replaces images; comparison tells whether a rendered
 * definition equals a registered revision (so a re-run registers nothing).
 */
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { ConfigurationError, inputError, messageOf } from './errors.js';
import { info } from './log.js';
import {
  ParseError,
  decodeUtf8,
  parseStructuredText,
  replacementCharacterAt,
  type ParsedText,
} from './source-text.js';
import {
  OUTPUT_ONLY_MEMBERS,
  checkTaskDefinitionDoc,
  formatPath,
  withoutOutputOnly,
  type DocPath,
} from './task-definition-model.js';

export type TaskDefinitionDoc = Record<string, unknown> & {
  family?: string;
  containerDefinitions?: ContainerDoc[];
};
export type ContainerDoc = Record<string, unknown> & {
  name?: string;
  image?: string;
  essential?: boolean;
};

/**
 * Members ECS returns on a registered revision that RegisterTaskDefinition does not accept,
 * from the SDK's model (deleteRequestedAt among them).
 */
export const READ_ONLY_FIELDS = OUTPUT_ONLY_MEMBERS;

export function stripReadOnly(def: Record<string, unknown>): TaskDefinitionDoc {
  return withoutOutputOnly(def) as TaskDefinitionDoc;
}

export interface TaskDefinitionFile {
  definition: TaskDefinitionDoc;
  tags?: { key: string; value: string }[];
}

/** Where a problem in the file is: `file td.json, containerDefinitions[0].cpu (line 7)`. */
const at = (path: string, parsed: ParsedText, docPath: DocPath, offset: DocPath): string => {
  const line = parsed.lineOf([...offset, ...docPath]);
  return `${path}, ${formatPath(docPath)}${line === undefined ? '' : ` (line ${line})`}`;
};

/**
 * Parses a task definition file (JSON or YAML; bytes are decoded as strict UTF-8) and checks it
 * against the ECS model (task-definition-model.ts). Accepts the bare definition or the shape
 * `aws ecs describe-task-definition` prints (`{ taskDefinition, tags }`). Members the model does
 * not know are warned about and kept.
 */
export function parseTaskDefinitionFile(
  input: string,
  path: string,
  content: string | Uint8Array,
): TaskDefinitionFile {
  let text: string;
  if (typeof content === 'string') {
    const lossy = replacementCharacterAt(content);
    if (lossy) {
      throw inputError(
        input,
        `file ${path} holds a byte that is not UTF-8 (read as U+FFFD) at line ${lossy.line}, column ${lossy.column}: save it as UTF-8.`,
      );
    }
    text = content;
  } else {
    try {
      text = decodeUtf8(content);
    } catch (error) {
      throw inputError(input, `file ${path} ${messageOf(error)}.`);
    }
  }
  let parsed: ParsedText;
  try {
    parsed = parseStructuredText(text, path.endsWith('.json') ? 'JSON' : 'YAML');
  } catch (error) {
    if (error instanceof ParseError) throw inputError(input, `file ${path} ${error.message}.`);
    throw error;
  }
  const doc = parsed.value;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw inputError(input, `file ${path} must hold a task definition object.`);
  }
  let record = doc as Record<string, unknown>;
  let offset: DocPath = [];
  let tags: { key: string; value: string }[] | undefined;
  if (typeof record.taskDefinition === 'object' && record.taskDefinition !== null) {
    tags = Array.isArray(record.tags)
      ? (record.tags as { key: string; value: string }[])
      : undefined;
    record = record.taskDefinition as Record<string, unknown>;
    offset = ['taskDefinition'];
  }
  const check = checkTaskDefinitionDoc(record);
  if (check.errors.length > 0) {
    const shown = check.errors
      .slice(0, 5)
      .map(
        (e) =>
          `${at(path, parsed, e.path, offset)}: '${String(e.path[e.path.length - 1])}' ${e.message}`,
      );
    const more = check.errors.length > 5 ? ` (and ${check.errors.length - 5} more)` : '';
    throw inputError(
      input,
      `names a task definition that does not match the ECS model: ${shown.join('; ')}${more}. Fix the file; nothing was registered.`,
    );
  }
  for (const w of check.warnings) {
    core.warning(
      `Task definition ${at(path, parsed, w.path, offset)}: '${String(w.path[w.path.length - 1])}' ${w.message}.`,
    );
  }
  if (check.stripped.length > 0) {
    info(
      `Task definition ${path}: left out ${check.stripped.join(', ')} (set by ECS on a registered revision, not accepted by RegisterTaskDefinition).`,
    );
  }
  const definition = check.definition as TaskDefinitionDoc;
  if (typeof definition.family !== 'string' || definition.family === '') {
    throw inputError(input, `file ${path} has no 'family'.`);
  }
  if (
    !Array.isArray(definition.containerDefinitions) ||
    definition.containerDefinitions.length === 0
  ) {
    throw inputError(input, `file ${path} has no 'containerDefinitions'.`);
  }
  return tags ? { definition, tags } : { definition };
}

/** Reads and parses a task definition file, its bytes checked as UTF-8. */
export async function readTaskDefinitionFile(
  input: string,
  path: string,
): Promise<TaskDefinitionFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      input,
      code === 'ENOENT'
        ? `names ${path}, which does not exist (paths are relative to the workspace).`
        : `names ${path}, which cannot be read (${code ?? 'error'}).`,
    );
  }
  return parseTaskDefinitionFile(input, path, bytes);
}

/**
 * A file whose family is not the service's would move the service to another family (and its
 * revision history) without anyone asking: an input error unless `allowInput` is set.
 */
export function assertSameFamily(args: {
  input: string;
  path: string;
  fileFamily: string;
  service: string;
  serviceFamily: string;
  allowed: boolean;
  allowInput: string;
}): void {
  if (args.allowed || args.fileFamily === args.serviceFamily) return;
  throw inputError(
    args.input,
    `file ${args.path} is of family '${args.fileFamily}', but service '${args.service}' runs family '${args.serviceFamily}'. Deploying it would move the service to another family: fix the file's 'family', or set '${args.allowInput}: true' if the move is intended.`,
  );
}

export function containerNames(def: TaskDefinitionDoc): string[] {
  return (def.containerDefinitions ?? []).map((c) => String(c.name ?? ''));
}

/** Returns a copy with the images replaced; a container that does not exist is the user's error. */
export function applyImages(
  def: TaskDefinitionDoc,
  images: ReadonlyMap<string, string>,
  input = 'images',
): TaskDefinitionDoc {
  const names = containerNames(def);
  for (const container of images.keys()) {
    if (!names.includes(container)) {
      throw inputError(
        input,
        `names container '${container}', which is not in task definition '${def.family}' (containers: ${names.join(', ')}).`,
      );
    }
  }
  return {
    ...def,
    containerDefinitions: (def.containerDefinitions ?? []).map((c) =>
      images.has(String(c.name)) ? { ...c, image: images.get(String(c.name)) } : { ...c },
    ),
  };
}

/** The container a one-off command targets: the named one, or the only essential container. */
export function pickContainer(
  def: TaskDefinitionDoc,
  requested: string | undefined,
  input = 'container',
): ContainerDoc {
  const containers = def.containerDefinitions ?? [];
  if (requested) {
    const found = containers.find((c) => c.name === requested);
    if (!found) {
      throw inputError(
        input,
        `names '${requested}', which is not in task definition '${def.family}' (containers: ${containerNames(def).join(', ')}).`,
      );
    }
    return found;
  }
  const essential = containers.filter((c) => c.essential !== false);
  if (essential.length === 1) return essential[0]!;
  throw new ConfigurationError(
    `Task definition '${def.family}' has ${essential.length} essential containers (${essential.map((c) => c.name).join(', ')}); set input 'container' to choose one.`,
  );
}

// ----- comparison -------------------------------------------------------------------------

const UNORDERED_BY_NAME = new Set([
  'environment',
  'secrets',
  'environmentFiles',
  'ulimits',
  'systemControls',
]);

/** Normalises what ECS fills in or reorders, so equal definitions compare equal. */
function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    let items = value.map((v) => normalise(v)).filter((v) => v !== undefined);
    if (UNORDERED_BY_NAME.has(key))
      items = [...items].sort((a, b) => stableStringify(a).localeCompare(stableStringify(b)));
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const n = normalise(v, k);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (value === null || value === undefined || value === '') return undefined;
  return value;
}

function normaliseContainer(c: ContainerDoc, networkMode: unknown): ContainerDoc {
  const copy: ContainerDoc = { essential: true, ...c };
  if (copy.cpu === 0) delete copy.cpu;
  if (Array.isArray(copy.portMappings)) {
    copy.portMappings = (copy.portMappings as Record<string, unknown>[]).map((p) => {
      const m: Record<string, unknown> = { protocol: 'tcp', ...p };
      if (networkMode === 'awsvpc' && m.hostPort === undefined) m.hostPort = m.containerPort;
      return m;
    });
  }
  return copy;
}

export function canonicalTaskDefinition(def: Record<string, unknown>): string {
  const stripped = stripReadOnly(def);
  const networkMode = stripped.networkMode;
  const withDefaults: Record<string, unknown> = {
    ...stripped,
    containerDefinitions: (stripped.containerDefinitions ?? []).map((c) =>
      normaliseContainer(c, networkMode),
    ),
  };
  return stableStringify(normalise(withDefaults) ?? {});
}

export function sameTaskDefinition(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): boolean {
  return canonicalTaskDefinition(a) === canonicalTaskDefinition(b);
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
