/** Every input of s3-sync, read and validated before the first AWS call. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError } from '../lib/errors.js';
import {
  booleanInput,
  numberInput,
  optionalInput,
  requiredInput,
  textInput,
} from '../lib/inputs.js';
import { parseCacheRules, type CacheRule } from './cache-control.js';

export interface Inputs {
  source: string;
  bucket: string;
  /** Normalised: no leading `/`, ends with `/` unless empty. */
  prefix: string;
  'cache-control': CacheRule[];
  delete: boolean;
  concurrency: number;
  'dry-run': boolean;
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

export function readInputs(): Inputs {
  const source = resolve(requiredInput('source'));
  let isDir = false;
  try {
    isDir = statSync(source).isDirectory();
  } catch {
    throw inputError(
      'source',
      `'${textInput('source')}' does not exist (build the site before this step).`,
    );
  }
  if (!isDir) throw inputError('source', `'${textInput('source')}' is not a folder.`);
  return {
    source,
    bucket: parseBucket(requiredInput('bucket')),
    prefix: parsePrefix(optionalInput('prefix') ?? ''),
    'cache-control': parseCacheRules('cache-control', textInput('cache-control')),
    delete: booleanInput('delete', false),
    concurrency: numberInput('concurrency', 16, { min: 1, max: 256, integer: true }),
    'dry-run': booleanInput('dry-run', false),
  };
}
