/**
 * Reads action inputs from the runner (INPUT_* variables) and parses them with `parse.ts`.
 * Every function throws a ConfigurationError naming the input, so an action can read and
 * validate all of its inputs before its first AWS call.
 */
import * as core from '@actions/core';
import { inputError } from './errors.js';
import {
  assertNoControlCharacters,
  parseBoolean,
  parseChoice,
  parseCommand,
  parseContainerImages,
  parseDurationMs,
  parseKeyValueLines,
  parseList,
  parseNumber,
  type NumberRule,
} from './parse.js';

/**
 * An input as given, refused when it holds a control character other than a line break or a
 * tab (a lone CR, ESC, NUL, U+2028...): no input means one, and such text could rewrite the log.
 */
function raw(name: string): string {
  const value = core.getInput(name, { trimWhitespace: false });
  assertNoControlCharacters(name, value, true);
  return value;
}

/** A multi-line input (paths, rules), checked like every other. */
export const multilineInput = (name: string): string => raw(name);

/**
 * Inputs that hold one value (a name, URL, path, prefix, reference, token): a line break or a tab
 * inside one is an input error too. Inputs read with requiredInput / optionalInput that are not
 * listed may span lines (a list an action splits itself).
 */
export const SINGLE_VALUE_INPUTS: ReadonlySet<string> = new Set([
  'appspec',
  'assign-public-ip',
  'bucket',
  'caller-reference',
  'cluster',
  'codedeploy-application',
  'codedeploy-deployment-config',
  'codedeploy-deployment-group',
  'container',
  'hmac-header',
  'hmac-prefix',
  'migration-name',
  'paths-file',
  'platform-version',
  'prefix',
  'provider',
  'service',
  'source',
  'task-definition',
  'task-definition-arn',
  'telegram-api-url',
  'telegram-bot-token',
  'url',
]);

function single(name: string): string {
  const value = raw(name).trim();
  if (SINGLE_VALUE_INPUTS.has(name)) assertNoControlCharacters(name, value, false);
  return value;
}

export function requiredInput(name: string): string {
  const value = single(name);
  if (value === '') throw inputError(name, 'is required but was not given.');
  return value;
}

export function optionalInput(name: string): string | undefined {
  const value = single(name);
  return value === '' ? undefined : value;
}

export const booleanInput = (name: string, fallback: boolean): boolean =>
  parseBoolean(name, raw(name), fallback);

export const numberInput = (name: string, fallback: number, rule?: NumberRule): number =>
  parseNumber(name, raw(name), fallback, rule);

export const listInput = (name: string): string[] => parseList(raw(name));

export function requiredListInput(name: string): string[] {
  const items = parseList(raw(name));
  if (items.length === 0) throw inputError(name, 'is required but was not given.');
  return items;
}

export const keyValueInput = (name: string): Map<string, string> =>
  parseKeyValueLines(name, raw(name));

export const containerImagesInput = (name: string): Map<string, string> =>
  parseContainerImages(name, raw(name));

export const commandInput = (name: string): string[] | undefined => parseCommand(name, raw(name));

export const choiceInput = <T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T,
): T => parseChoice(name, raw(name), choices, fallback);

/** `*-seconds` input in milliseconds. */
export const secondsInput = (name: string, fallbackSeconds: number, max?: number): number =>
  parseDurationMs(name, raw(name), fallbackSeconds, 'seconds', max);

/** `*-minutes` input in milliseconds. */
export const minutesInput = (name: string, fallbackMinutes: number, max?: number): number =>
  parseDurationMs(name, raw(name), fallbackMinutes, 'minutes', max);

/** Fails when two inputs that exclude each other are both given. */
export function assertExclusive(first: string, second: string): void {
  if (optionalInput(first) !== undefined && optionalInput(second) !== undefined) {
    throw inputError(first, `cannot be combined with '${second}'; give one of them.`);
  }
}
