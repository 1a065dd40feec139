/**
 * botocore's API models (python3's botocore ships them) as an oracle for the sandbox: load a
 * service's model and check a wire answer (JSON 1.1) against an operation's output shape: every
 * member exists, with the model's type and, for enums, one of its values.
 */
import { spawnSync } from 'node:child_process';

interface ShapeRef {
  shape: string;
}
export interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  document?: boolean;
}
export interface ApiModel {
  operations: Record<string, { input?: ShapeRef; output?: ShapeRef; errors?: ShapeRef[] }>;
  shapes: Record<string, Shape>;
}

const LOADER = `
import botocore, gzip, os, sys
path = os.path.join(os.path.dirname(botocore.__file__), 'data', sys.argv[1], sys.argv[2], 'service-2.json.gz')
sys.stdout.write(gzip.open(path).read().decode())
`;

/** The model, or why it could not be loaded (no python3, no botocore). */
export function loadBotocoreModel(
  service: string,
  version: string,
): { model: ApiModel } | { missing: string } {
  const out = spawnSync('python3', ['-c', LOADER, service, version], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 30_000,
  });
  if (out.error) return { missing: `python3 is not available (${out.error.message})` };
  if (out.status !== 0)
    return { missing: `botocore's ${service} model is not available: ${out.stderr.trim()}` };
  return { model: JSON.parse(out.stdout) as ApiModel };
}

/**
 * Every place where `value` departs from `shapeName` in `model`, as `path: problem` lines.
 * `seen` collects `Shape.member` names met on the way, so a test can prove what it walked.
 */
export function checkShape(
  model: ApiModel,
  shapeName: string,
  value: unknown,
  path = shapeName,
  seen: Set<string> = new Set(),
): string[] {
  const shape = model.shapes[shapeName];
  if (!shape) return [`${path}: shape ${shapeName} is not in the model`];
  const problems: string[] = [];
  const wrong = (what: string) => problems.push(`${path}: ${what} (${shapeName}, ${shape.type})`);
  switch (shape.type) {
    case 'structure': {
      if (shape.document) break;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        wrong(`expected an object, got ${JSON.stringify(value)}`);
        break;
      }
      for (const [key, member] of Object.entries(value)) {
        const ref = shape.members?.[key];
        if (!ref) {
          wrong(`member ${key} is not in the model`);
          continue;
        }
        seen.add(`${shapeName}.${key}`);
        problems.push(...checkShape(model, ref.shape, member, `${path}.${key}`, seen));
      }
      break;
    }
    case 'list':
      if (!Array.isArray(value)) wrong(`expected a list, got ${JSON.stringify(value)}`);
      else
        value.forEach((item, i) =>
          problems.push(...checkShape(model, shape.member!.shape, item, `${path}[${i}]`, seen)),
        );
      break;
    case 'map':
      if (typeof value !== 'object' || value === null) wrong('expected a map');
      else
        for (const [k, v] of Object.entries(value))
          problems.push(...checkShape(model, shape.value!.shape, v, `${path}.${k}`, seen));
      break;
    case 'string':
      if (typeof value !== 'string') wrong(`expected a string, got ${JSON.stringify(value)}`);
      else if (shape.enum && !shape.enum.includes(value))
        wrong(`${value} is not one of ${shape.enum.join(', ')}`);
      break;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) wrong(`expected an integer, got ${JSON.stringify(value)}`);
      break;
    case 'double':
    case 'float':
      if (typeof value !== 'number') wrong(`expected a number, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') wrong(`expected a boolean, got ${JSON.stringify(value)}`);
      break;
    case 'timestamp':
      // JSON 1.1 sends epoch seconds.
      if (typeof value !== 'number') wrong(`expected epoch seconds, got ${JSON.stringify(value)}`);
      break;
    default:
      wrong(`type ${shape.type} is not checked`);
  }
  return problems;
}
