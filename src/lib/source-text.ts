/**
 * Text files for people: bytes decoded as strict UTF-8 (a Latin-1 `é` is an error, not a U+FFFD
 * that would then be sent to AWS), JSON and YAML parse errors with line and column, and the line
 * of a key path in the file, so a problem found later still points at the line to edit.
 */
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import type { DocPath } from './task-definition-model.js';

export interface Position {
  line: number;
  column: number;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

export class Utf8Error extends Error {
  constructor(
    readonly position: Position,
    readonly byte: number,
  ) {
    super(
      `holds a byte that is not UTF-8 (0x${byte.toString(16).toUpperCase().padStart(2, '0')}) at line ${position.line}, column ${position.column}: save it as UTF-8 (it looks like Latin-1 or Windows-1252)`,
    );
  }
}

/** Decodes strict UTF-8; throws a Utf8Error naming the line of the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    throw new Utf8Error(positionAt(prefix, prefix.length), bytes[at] ?? 0);
  }
}

/** Offset of the byte where strict UTF-8 decoding first fails (a streaming decoder, byte by byte). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return sequenceStart(bytes, i);
    }
  }
  return sequenceStart(bytes, bytes.length);
}

/** The lead byte of the unfinished sequence a failure at `at` belongs to (or `at` itself). */
function sequenceStart(bytes: Uint8Array, at: number): number {
  for (let k = at - 1; k >= Math.max(0, at - 3); k--) {
    const byte = bytes[k]!;
    if (byte >= 0xc0) return k;
    if (byte < 0x80) break;
  }
  return at;
}

/** A text that came through a lossy decode (the runner's environment, a `utf8` read). */
export function replacementCharacterAt(text: string): Position | undefined {
  const at = text.indexOf('\uFFFD');
  return at < 0 ? undefined : positionAt(text, at);
}

export interface ParsedText {
  value: unknown;
  /** Line of a key path in the source, when it can be found. */
  lineOf(path: DocPath): number | undefined;
}

export class ParseError extends Error {
  constructor(
    readonly format: 'JSON' | 'YAML',
    readonly position: Position | undefined,
    readonly reason: string,
  ) {
    super(
      `is not valid ${format}${position ? ` at line ${position.line}, column ${position.column}` : ''}: ${reason}`,
    );
  }
}

/** JSON.parse's error as line and column (Node 20 gives a position, newer ones a line too). */
function jsonError(text: string, error: Error): ParseError {
  const message = error.message.split('\n')[0] ?? '';
  const line = /line (\d+) column (\d+)/.exec(message);
  const position = /position (\d+)/.exec(message);
  const at = line
    ? { line: Number(line[1]), column: Number(line[2]) }
    : position
      ? positionAt(text, Number(position[1]))
      : text.trim() === ''
        ? positionAt(text, text.length)
        : undefined;
  const reason = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/, "[\s\S]*" is not valid JSON$/, '');
  return new ParseError('JSON', at, reason || 'unexpected end');
}

/**
 * Parses JSON (for `.json` files) or YAML. The value is JSON.parse's for JSON; the locator reads
 * the same text as YAML (a superset of JSON) only to find lines.
 */
export function parseStructuredText(text: string, format: 'JSON' | 'YAML'): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  let value: unknown;
  if (format === 'JSON') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw jsonError(text, error as Error);
    }
  } else {
    const first = doc.errors[0];
    if (first) {
      const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
      throw new ParseError(
        'YAML',
        { line: pos.line, column: pos.col },
        first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
      );
    }
    value = doc.toJS();
  }
  return {
    value,
    lineOf(path) {
      if (doc.errors.length > 0 || path.length === 0) return undefined;
      const key = path[path.length - 1]!;
      const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
      // A member's line is where its key is written; an item's is where the item starts.
      let node: unknown;
      if (isMap(parent)) {
        node = parent.items.find(
          (pair) => isScalar(pair.key) && String(pair.key.value) === String(key),
        )?.key;
      } else if (isSeq(parent) && typeof key === 'number') {
        node = parent.items[key];
      }
      const range = isNode(node) ? node.range : undefined;
      return range ? lineCounter.linePos(range[0]).line : undefined;
    },
  };
}
