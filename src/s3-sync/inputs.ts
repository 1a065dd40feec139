/** Every input of s3-sync, read and validated before the first AWS call. */
import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { inputError } from '../lib/errors.js';
import {
  booleanInput,
  choiceInput,
  multilineInput,
  numberInput,
  optionalInput,
  requiredInput,
} from '../lib/inputs.js';
import { parseCacheRules, type CacheRule } from './cache-control.js';
import type { OutsideLinks } from './local-files.js';

export interface Inputs {
  source: string;
  bucket: string;
  /** Normalised: no leading `/`, ends with `/` unless empty. */
  prefix: string;
  'cache-control': CacheRule[];
  delete: boolean;
  concurrency: number;
  'dry-run': boolean;
  /** Symbolic links whose target is outside `source`: refused, or skipped with a warning. */
  symlinks: OutsideLinks;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseBucket(raw: string): string {
  if (!BUCKET.test(raw) || raw.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(raw)) {
    throw inputError(
      'bucket',
      `'${raw}' is not a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens; give the name, not s3:// or an ARN).`,
    );
  }
  return raw;
}

export function parsePrefix(raw: string): string {
  const trimmed = raw.trim().replace(/^\/+/, '');
  if (trimmed === '') return '';
  if (trimmed.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw inputError('prefix', `'${raw}' must not contain '.' or '..' segments.`);
  }
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/**
 * The source folder, resolved through symbolic links. With a workspace (GITHUB_WORKSPACE, set by
 * the runner) it must lie inside it unless `allowOutside`: a `source` that climbs out
 * (`../..`, an absolute path, a link) would publish files the workflow never built.
 */
export function resolveSource(
  raw: string,
  workspace: string | undefined,
  allowOutside: boolean,
): string {
  const given = resolve(workspace ?? process.cwd(), raw);
  let real: string;
  try {
    real = realpathSync(given);
  } catch {
    throw inputError('source', `'${raw}' does not exist (build the site before this step).`);
  }
  if (!statSync(real).isDirectory()) throw inputError('source', `'${raw}' is not a folder.`);
  if (workspace && !allowOutside) {
    let root: string;
    try {
      root = realpathSync(workspace);
    } catch {
      root = resolve(workspace);
    }
    const within = real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
    if (!within)
      throw inputError(
        'source',
        `'${raw}' resolves to ${real}, outside the workspace ${root}; publish a folder the workflow built in its workspace, or set 'allow-source-outside-workspace: true'.`,
      );
  }
  return real;
}

export function readInputs(): Inputs {
  const source = resolveSource(
    requiredInput('source'),
    process.env.GITHUB_WORKSPACE || undefined,
    booleanInput('allow-source-outside-workspace', false),
  );
  return {
    source,
    bucket: parseBucket(requiredInput('bucket')),
    prefix: parsePrefix(optionalInput('prefix') ?? ''),
    'cache-control': parseCacheRules('cache-control', multilineInput('cache-control')),
    delete: booleanInput('delete', false),
    concurrency: numberInput('concurrency', 16, { min: 1, max: 256, integer: true }),
    'dry-run': booleanInput('dry-run', false),
    symlinks: choiceInput('symlinks', ['refuse', 'skip'] as const, 'refuse'),
  };
}
