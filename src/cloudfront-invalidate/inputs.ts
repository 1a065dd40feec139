/** Every input of cloudfront-invalidate, read and validated before the first AWS call. */
import { readFileSync, statSync } from 'node:fs';
import { inputError } from '../lib/errors.js';
import { assertNoControlCharacters } from '../lib/parse.js';
import {
  booleanInput,
  minutesInput,
  multilineInput,
  numberInput,
  optionalInput,
  requiredListInput,
  secondsInput,
} from '../lib/inputs.js';

export interface Inputs {
  'distribution-id': string[];
  /** Raw path lines, from `paths-file` when given, else from `paths`. */
  pathLines: string[];
  pathsSource: 'paths' | 'paths-file';
  'paths-file'?: string;
  'max-paths': number;
  wait: boolean;
  'timeout-minutes': number;
  'poll-interval-seconds': number;
  'caller-reference'?: string;
}

const DISTRIBUTION_ID = /^[A-Z0-9]{1,64}$/;

/** `paths` is a list of lines: a comma is a legal URL character, so lines are not split on it. */
function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

export function readInputs(): Inputs {
  const distributions = requiredListInput('distribution-id');
  for (const id of distributions) {
    if (!DISTRIBUTION_ID.test(id)) {
      throw inputError(
        'distribution-id',
        `has '${id}', which is not a CloudFront distribution ID (like E2QWRUHAPOMQZL).`,
      );
    }
  }
  if (new Set(distributions).size !== distributions.length) {
    throw inputError('distribution-id', 'lists a distribution twice.');
  }
  const pathsFile = optionalInput('paths-file');
  let pathLines: string[];
  if (pathsFile !== undefined) {
    let isFile = false;
    try {
      isFile = statSync(pathsFile).isFile();
    } catch {
      throw inputError('paths-file', `names '${pathsFile}', which does not exist.`);
    }
    if (!isFile) throw inputError('paths-file', `names '${pathsFile}', which is not a file.`);
    const text = readFileSync(pathsFile, 'utf8');
    assertNoControlCharacters('paths-file', text, true);
    pathLines = lines(text);
  } else {
    pathLines = lines(multilineInput('paths') || '/*');
  }
  for (const line of pathLines) {
    if (line.length > 4000)
      throw inputError(
        pathsFile ? 'paths-file' : 'paths',
        `has a path longer than 4,000 characters.`,
      );
  }
  const callerReference = optionalInput('caller-reference');
  if (callerReference !== undefined && callerReference.length > 100) {
    throw inputError('caller-reference', 'must be at most 100 characters.');
  }
  return {
    'distribution-id': distributions,
    pathLines,
    pathsSource: pathsFile !== undefined ? 'paths-file' : 'paths',
    ...(pathsFile !== undefined ? { 'paths-file': pathsFile } : {}),
    'max-paths': numberInput('max-paths', 1000, { min: 1, max: 100_000, integer: true }),
    wait: booleanInput('wait', true),
    'timeout-minutes': minutesInput('timeout-minutes', 20, 360),
    'poll-interval-seconds': secondsInput('poll-interval-seconds', 10, 600),
    ...(callerReference !== undefined ? { 'caller-reference': callerReference } : {}),
  };
}
