/**
 * Pure parsers for action inputs. Each takes the input's name (for the error) and its raw text,
 * and throws a ConfigurationError that names the input. `inputs.ts` feeds them from the runner.
 */
import { inputError } from './errors.js';
import { splitShellWords } from './shell-words.js';

// C0 controls but tab and line feed, DEL, C1 controls, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_VALUE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function controlError(name: string, value: string, index: number, oneLine: boolean) {
  const code = value.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
  const line = value.slice(0, index).split('\n').length;
  return inputError(
    name,
    `contains a control character (U+${code}) at ${oneLine ? `character ${index + 1}` : `line ${line}`}; ${oneLine ? 'it is one value and takes no line breaks, tabs or escape codes' : 'only line breaks and tabs are allowed'}.`,
  );
}

/**
 * Rejects control characters where none can be meant. `multiline` text (lists, `KEY=VALUE`
 * lines, a command) may hold line feeds (CRLF too) and tabs; a single value (a URL, a name, a
 * prefix, a path, a caller reference) holds none. The value itself is never quoted (it may be
 * a secret); the message gives the character and where it is.
 */
export function assertNoControlCharacters(name: string, value: string, multiline: boolean): void {
  const text = multiline ? value.replace(/\r\n/g, '\n') : value;
  const match = (multiline ? CONTROL_IN_TEXT : CONTROL_IN_VALUE).exec(text);
  if (match) throw controlError(name, text, match.index, !multiline);
}

const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'off', '0']);

export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw inputError(name, `must be true or false, got '${value}'.`);
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function parseNumber(
  name: string,
  raw: string,
  fallback: number,
  rule: NumberRule = {},
): number {
  const value = raw.trim();
  if (value === '') return fallback;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
    throw inputError(name, `must be a number, got '${value}'.`);
  }
  const n = Number(value);
  if (rule.integer && !Number.isInteger(n))
    throw inputError(name, `must be a whole number, got '${value}'.`);
  if (rule.min !== undefined && n < rule.min)
    throw inputError(name, `must be at least ${rule.min}, got ${value}.`);
  if (rule.max !== undefined && n > rule.max)
    throw inputError(name, `must be at most ${rule.max}, got ${value}.`);
  return n;
}

/** Newline- or comma-separated values, trimmed, empty entries and `#` comment lines dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * `KEY=VALUE` pairs, one per line (the value may contain `=` and commas). Blank lines and
 * `#` comments are skipped; a duplicate key is an error because it is almost always a mistake.
 */
export function parseKeyValueLines(
  name: string,
  raw: string,
  options: { what?: string } = {},
): Map<string, string> {
  const what = options.what ?? 'KEY=VALUE';
  const result = new Map<string, string>();
  raw.split(/\r?\n/).forEach((line, index) => {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    const eq = text.indexOf('=');
    if (eq <= 0) throw inputError(name, `line ${index + 1} must be ${what}, got '${text}'.`);
    const key = text.slice(0, eq).trim();
    const value = text.slice(eq + 1).trim();
    if (result.has(key)) throw inputError(name, `sets '${key}' twice.`);
    result.set(key, value);
  });
  return result;
}

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
// registry/repo[:tag][@sha256:digest]; deliberately permissive about the registry part.
const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/i;

/** `container=image` lines (or comma-separated pairs), each container named once. */
export function parseContainerImages(name: string, raw: string): Map<string, string> {
  const lines = raw.includes('\n') ? raw : raw.split(',').join('\n');
  const pairs = parseKeyValueLines(name, lines, { what: 'container=image' });
  for (const [container, image] of pairs) {
    if (!CONTAINER_NAME.test(container)) {
      throw inputError(
        name,
        `names container '${container}', which is not a valid container name.`,
      );
    }
    if (image === '') throw inputError(name, `gives no image for container '${container}'.`);
    if (/\s/.test(image) || !IMAGE_REF.test(image)) {
      throw inputError(
        name,
        `gives '${image}' for container '${container}', which is not an image reference.`,
      );
    }
  }
  return pairs;
}

/** A command as a JSON array of strings, or a shell-like string (quotes honoured, no shell). */
export function parseCommand(name: string, raw: string): string[] | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw inputError(name, 'starts with [ but is not a valid JSON array.');
    }
    if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string')) {
      throw inputError(name, 'must be a JSON array of strings.');
    }
    if (parsed.length === 0) throw inputError(name, 'is an empty array.');
    return parsed as string[];
  }
  const split = splitShellWords(text);
  if ('error' in split) throw inputError(name, `${split.error}.`);
  return split.words;
}

export function parseChoice<T extends string>(
  name: string,
  raw: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = raw.trim();
  if (value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw inputError(name, `must be one of ${choices.join(', ')}, got '${value}'.`);
}

/** Seconds or minutes (decimals allowed, greater than zero) converted to milliseconds. */
export function parseDurationMs(
  name: string,
  raw: string,
  fallback: number,
  unit: 'seconds' | 'minutes',
  max?: number,
): number {
  const n = parseNumber(name, raw, fallback, max === undefined ? {} : { max });
  if (!(n > 0)) throw inputError(name, `must be greater than 0, got ${raw.trim()}.`);
  return Math.round(n * (unit === 'minutes' ? 60_000 : 1000));
}
