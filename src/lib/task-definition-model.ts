/**
 * A task definition file checked against the ECS model the SDK ships (the schema of
 * RegisterTaskDefinitionRequest, so the member list is never written by hand), before any call:
 * - a member that is a near-miss of a modelled one (`memoryReservaton`) is an input error naming
 *   the member it resembles; a member the model does not know at all passes with a warning, so a
 *   field newer than this SDK still reaches ECS;
 * - scalars are coerced where nothing is lost (`256` -> "256" for a string member, "8080" -> 8080
 *   for a number, "true" -> true), anything else is an input error with the path;
 * - explicit nulls are dropped (ECS would otherwise be sent them back);
 * - the members only ECS writes (those of TaskDefinition that the request lacks: revision,
 *   status, registeredAt, deleteRequestedAt…) are stripped, so a describe-task-definition output
 *   registers as it is.
 * Pure: the caller prints the warnings and adds the file and line to the problems.
 */
import {
  RegisterTaskDefinitionRequest$,
  RunTaskRequest$,
  TaskDefinition$,
} from '@aws-sdk/client-ecs';
import { NormalizedSchema } from '@smithy/core/schema';

const REQUEST = NormalizedSchema.of(RegisterTaskDefinitionRequest$);
const REQUEST_MEMBERS = new Set([...REQUEST.structIterator()].map(([name]) => name));

/** Members of a registered TaskDefinition that RegisterTaskDefinition does not take. */
export const OUTPUT_ONLY_MEMBERS: readonly string[] = [
  ...NormalizedSchema.of(TaskDefinition$).structIterator(),
]
  .map(([name]) => name)
  .filter((name) => !REQUEST_MEMBERS.has(name));

/** A place in the document: keys and array indexes from the root. */
export type DocPath = readonly (string | number)[];

export function formatPath(path: DocPath): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  }
  return out === '' ? '(top level)' : out;
}

export interface ModelProblem {
  path: DocPath;
  message: string;
}

export interface ModelCheck {
  /** The definition as it will be sent: coerced, nulls and output-only members removed. */
  definition: Record<string, unknown>;
  /** Members unknown to the model, passed through. */
  warnings: ModelProblem[];
  /** The output-only members that were left out (a describe-task-definition output has them). */
  stripped: string[];
  /** Near-misses and values that cannot be coerced: each is an input error. */
  errors: ModelProblem[];
}

const squash = (name: string): string => name.toLowerCase().replace(/[-_]/g, '');

/** Optimal string alignment distance (a transposition counts as one edit). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The modelled member `name` is most likely a misspelling of, or undefined. Same letters in
 * another case or with - / _ count; otherwise one edit for names up to 8 letters, two beyond.
 */
export function nearMiss(name: string, known: Iterable<string>): string | undefined {
  let best: { member: string; distance: number } | undefined;
  for (const member of known) {
    if (squash(member) === squash(name)) return member;
    // A longer name built on a known one (restartPolicyV2) reads as a new field, not a typo.
    if (name.startsWith(member) && name.length - member.length >= 2) continue;
    const allowed = member.length <= 3 ? 0 : member.length <= 8 ? 1 : 2;
    const distance = editDistance(squash(name), squash(member));
    if (distance <= allowed && (!best || distance < best.distance)) best = { member, distance };
  }
  return best?.member;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : isRecord(value) ? 'an object' : JSON.stringify(value);

const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

interface Walk {
  warnings: ModelProblem[];
  errors: ModelProblem[];
}

/** The value as the schema wants it, or `undefined` to drop it (after recording why). */
function conform(value: unknown, schema: NormalizedSchema, path: DocPath, walk: Walk): unknown {
  if (value === null || value === undefined) return undefined;
  const wrong = (want: string): undefined => {
    walk.errors.push({ path, message: `must be ${want}, got ${describe(value)}` });
    return undefined;
  };
  if (schema.isDocumentSchema()) return value;
  if (schema.isStructSchema()) {
    return isRecord(value) ? conformStruct(value, schema, path, walk) : wrong('an object');
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) return wrong('a list');
    const item = schema.getValueSchema();
    return value.map((v, i) => conform(v, item, [...path, i], walk)).filter((v) => v !== undefined);
  }
  if (schema.isMapSchema()) {
    if (!isRecord(value)) return wrong('an object (a map)');
    const item = schema.getValueSchema();
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = conform(v, item, [...path, k], walk);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  if (schema.isStringSchema()) {
    if (typeof value === 'string') return value;
    // A YAML `cpu: 256` is the string "256" ECS wants; nothing is lost.
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return wrong('a string');
  }
  if (schema.isNumericSchema()) {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value.trim());
    return wrong('a number');
  }
  if (schema.isBooleanSchema()) {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    return wrong('true or false');
  }
  return value;
}

function conformStruct(
  value: Record<string, unknown>,
  schema: NormalizedSchema,
  path: DocPath,
  walk: Walk,
): Record<string, unknown> {
  const members = schema.getMemberSchemas();
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (raw === null || raw === undefined) continue;
    const here = [...path, key];
    const member = members[key];
    if (member) {
      const c = conform(raw, member, here, walk);
      if (c !== undefined) out[key] = c;
      continue;
    }
    const resembles = nearMiss(key, Object.keys(members));
    if (resembles) {
      walk.errors.push({
        path: here,
        message: `is not a member of ${schema.getName() ?? 'this object'} (did you mean '${resembles}'?)`,
      });
      continue;
    }
    walk.warnings.push({
      path: here,
      message: `is not in the ECS model this pack was built with; it is sent as it is (a field newer than the pack works, a typo is ignored by ECS)`,
    });
    out[key] = raw;
  }
  return out;
}

/** Checks a bare task definition document (not the `{ taskDefinition, tags }` wrapper). */
export function checkTaskDefinitionDoc(doc: Record<string, unknown>): ModelCheck {
  const walk: Walk = { warnings: [], errors: [] };
  const stripped = Object.keys(doc).filter(
    (key) => OUTPUT_ONLY_MEMBERS.includes(key) && doc[key] !== null,
  );
  const definition = conformStruct(withoutOutputOnly(doc), REQUEST, [], walk);
  return { definition, warnings: walk.warnings, errors: walk.errors, stripped };
}

/** Strips the output-only members (and nulls at the top level) of a definition ECS returned. */
export function withoutOutputOnly(def: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(def)) {
    if (value === null || OUTPUT_ONLY_MEMBERS.includes(key)) continue;
    copy[key] = value;
  }
  return copy;
}

/**
 * RunTask's `volumeConfigurations` (EBS volumes configured at launch) checked by the same rules
 * as a task definition file.
 */
export function checkVolumeConfigurations(value: unknown): {
  value: unknown;
  warnings: ModelProblem[];
  errors: ModelProblem[];
} {
  const walk: Walk = { warnings: [], errors: [] };
  const schema = NormalizedSchema.of(RunTaskRequest$).getMemberSchema('volumeConfigurations');
  return { value: conform(value, schema, [], walk), ...walk };
}
