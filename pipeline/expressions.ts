/**
 * GitHub's expression language, evaluated with GitHub's own `@actions/expressions` over the tokens
 * `@actions/workflow-parser` produced: contexts in, plain JSON out. The status functions
 * (success(), failure(), always(), cancelled()) and hashFiles() are the runner's, as on GitHub.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/index';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

export interface Scope {
  contexts: Record<string, Json>;
  /** Job status for step conditions, needs status for job conditions (default: success). */
  status?: Status;
  hashFiles?: (patterns: string[]) => string;
}

const STATUS_FUNCTIONS = ['success', 'failure', 'always', 'cancelled'] as const;

function toData(value: Json): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData): Json {
  return JSON.parse(JSON.stringify(value, data.replacer) ?? 'null') as Json;
}

/** Evaluates one expression (without `${{ }}`). Throws with the expression named on error. */
export function evaluate(expression: string, scope: Scope): Json {
  const status = scope.status ?? { success: true, failure: false, cancelled: false };
  const functions = new Map<
    string,
    {
      name: string;
      minArgs: number;
      maxArgs: number;
      call: (...a: data.ExpressionData[]) => data.ExpressionData;
    }
  >();
  const bool = (v: boolean) => () => new data.BooleanData(v);
  functions.set('success', { name: 'success', minArgs: 0, maxArgs: 0, call: bool(status.success) });
  functions.set('failure', { name: 'failure', minArgs: 0, maxArgs: 0, call: bool(status.failure) });
  functions.set('cancelled', {
    name: 'cancelled',
    minArgs: 0,
    maxArgs: 0,
    call: bool(status.cancelled),
  });
  functions.set('always', { name: 'always', minArgs: 0, maxArgs: 0, call: bool(true) });
  functions.set('hashfiles', {
    name: 'hashFiles',
    minArgs: 1,
    maxArgs: 255,
    call: (...args) =>
      new data.StringData(scope.hashFiles?.(args.map((a) => a.coerceString())) ?? ''),
  });
  try {
    const lexed = new Lexer(expression).lex();
    const parser = new Parser(
      lexed.tokens,
      Object.keys(scope.contexts),
      [...functions.values()].filter((f) => !STATUS_FUNCTIONS.includes(f.name as never) || true),
    );
    const tree = parser.parse();
    const contexts = new data.Dictionary(
      ...Object.entries(scope.contexts).map(([key, value]) => ({ key, value: toData(value) })),
    );
    return fromData(new Evaluator(tree, contexts, functions).evaluate());
  } catch (error) {
    throw new Error(
      `expression \${{ ${expression} }}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** GitHub's truthiness: false, 0, -0, '', null and NaN are false. */
export function truthy(value: Json): boolean {
  if (value === null || value === false || value === '') return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return true;
}

/** Evaluates a token tree (mappings, sequences, literals, expressions) to JSON. */
export function evaluateToken(token: TemplateToken | undefined, scope: Scope): Json {
  if (!token) return null;
  if (isBasicExpression(token)) return evaluate(token.expression, scope);
  if (isString(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isSequence(token)) return [...token].map((item) => evaluateToken(item, scope));
  if (isMapping(token)) {
    const result: Record<string, Json> = {};
    for (const pair of token)
      result[asText(evaluateToken(pair.key, scope))] = evaluateToken(pair.value, scope);
    return result;
  }
  return null;
}

/** A value as the runner passes it to a string field: JSON for objects, '' for null. */
export function asText(value: Json): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A mapping of strings (env, with:, outputs): every value evaluated and turned into text. */
export function evaluateStrings(
  token: TemplateToken | undefined,
  scope: Scope,
): Record<string, string> {
  const value = evaluateToken(token, scope);
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`expected a mapping, got ${asText(value)}`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
}
