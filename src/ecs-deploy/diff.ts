/**
 * A readable diff between two task definitions for `dry-run`: one line per changed leaf, with
 * containers, environment variables and secrets addressed by name rather than by position, after
 * the same normalisation the registry uses (so ECS-filled defaults are not reported as changes).
 */
import { canonicalTaskDefinition } from '../lib/task-definition.js';

const NAMED_ARRAYS = new Set([
  'containerDefinitions',
  'environment',
  'secrets',
  'volumes',
  'ulimits',
  'systemControls',
]);

function flatten(value: unknown, path: string, out: Map<string, string>, key = ''): void {
  if (Array.isArray(value)) {
    const named =
      NAMED_ARRAYS.has(key) && value.every((v) => v && typeof v === 'object' && 'name' in v);
    if (!named) {
      if (value.every((v) => v === null || typeof v !== 'object')) {
        out.set(path, JSON.stringify(value));
        return;
      }
      value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
      return;
    }
    for (const item of value as Record<string, unknown>[]) {
      const { name, ...rest } = item;
      const itemPath = `${path}[${String(name)}]`;
      if (key === 'environment' || key === 'secrets') {
        out.set(itemPath, JSON.stringify(rest.value ?? rest.valueFrom ?? null));
      } else {
        flatten(rest, itemPath, out);
      }
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      flatten(v, path ? `${path}.${k}` : k, out, k);
    }
    return;
  }
  out.set(path, JSON.stringify(value));
}

export function flattenDefinition(def: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  flatten(JSON.parse(canonicalTaskDefinition(def)), '', out);
  return out;
}

/** `~ path: old -> new`, `+ path: value`, `- path: value`, sorted by path; [] when equal. */
export function diffDefinitions(
  live: Record<string, unknown>,
  rendered: Record<string, unknown>,
): string[] {
  const a = flattenDefinition(live);
  const b = flattenDefinition(rendered);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const lines: string[] = [];
  for (const path of paths) {
    const before = a.get(path);
    const after = b.get(path);
    if (before === after) continue;
    if (before === undefined) lines.push(`+ ${path}: ${after}`);
    else if (after === undefined) lines.push(`- ${path}: ${before}`);
    else lines.push(`~ ${path}: ${before} -> ${after}`);
  }
  return lines;
}
