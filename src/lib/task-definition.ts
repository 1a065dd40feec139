/**
 * Task definitions as plain JSON objects, so fields this SDK version does not model survive a
 * render and a register. Rendering replaces images; comparison tells whether a rendered
 * definition equals a registered revision (so a re-run registers nothing).
 */
import { parse as parseYaml } from 'yaml';
import { ConfigurationError, inputError } from './errors.js';

export type TaskDefinitionDoc = Record<string, unknown> & {
  family?: string;
  containerDefinitions?: ContainerDoc[];
};
export type ContainerDoc = Record<string, unknown> & {
  name?: string;
  image?: string;
  essential?: boolean;
};

/** Fields ECS returns on a registered revision that RegisterTaskDefinition does not accept. */
export const READ_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequested',
] as const;

export function stripReadOnly(def: Record<string, unknown>): TaskDefinitionDoc {
  const copy: Record<string, unknown> = { ...def };
  for (const field of READ_ONLY_FIELDS) delete copy[field];
  return copy as TaskDefinitionDoc;
}

/**
 * Parses a task definition file (JSON or YAML). Accepts the bare definition or the shape
 * `aws ecs describe-task-definition` prints (`{ taskDefinition, tags }`).
 */
export function parseTaskDefinitionFile(
  input: string,
  path: string,
  text: string,
): { definition: TaskDefinitionDoc; tags?: { key: string; value: string }[] } {
  let doc: unknown;
  try {
    doc = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw inputError(
      input,
      `file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML/JSON'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw inputError(input, `file ${path} must hold a task definition object.`);
  }
  let record = doc as Record<string, unknown>;
  let tags: { key: string; value: string }[] | undefined;
  if (typeof record.taskDefinition === 'object' && record.taskDefinition !== null) {
    tags = Array.isArray(record.tags)
      ? (record.tags as { key: string; value: string }[])
      : undefined;
    record = record.taskDefinition as Record<string, unknown>;
  }
  const definition = stripReadOnly(record);
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
