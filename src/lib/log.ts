/**
 * The one path by which the pack writes lines to the job log.
 *
 * The runner reads a step's stdout line by line (it breaks lines at `\n` and at a lone `\r`) and
 * obeys any line that, leading white space trimmed, starts with `::` (`::add-mask::`,
 * `::stop-commands::`, `::error::` ...), and the older `##[command]` form anywhere in a line.
 * Everything printed here may carry text that is not the pack's own (input values, file names,
 * AWS messages, container logs, Bot API errors), so every message is neutralised before it is
 * written: control characters become visible escapes (one message is one line), a leading `::`
 * and every `##[` are broken by a zero-width space.
 *
 * `core.warning`, `core.error`, `core.notice` and `core.startGroup` escape their own data, so they
 * are safe as they are; `core.info` is not, and the lint forbids it outside this file.
 */
import * as core from '@actions/core';

const ZWSP = '\u200b';

// C0 controls but tab, DEL, C1 controls, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

function escapeControl(ch: string): string {
  return ESCAPES[ch] ?? `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** One printable line that the runner cannot read as a workflow command. */
export function safeLine(message: string): string {
  let line = String(message).replace(CONTROL, escapeControl).replaceAll('##[', `#${ZWSP}#[`);
  const start = line.length - line.trimStart().length;
  if (line.startsWith('::', start)) line = `${line.slice(0, start)}${ZWSP}${line.slice(start)}`;
  return line;
}

/**
 * Text for `core.error` / `core.warning` / `core.setFailed`: core escapes line breaks in their
 * data, but not `##[`, which the runner obeys anywhere in a line; this breaks it, and shows the
 * Unicode line separators as escapes.
 */
export function safeAnnotation(message: string): string {
  return String(message)
    .replaceAll('##[', `#${ZWSP}#[`)
    .replace(/[\u2028\u2029]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** Whether a line, as the runner reads it, would be a workflow command (for tests and checks). */
export function isWorkflowCommand(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[');
}

/** Writes one neutralised line to the log. */
export function info(message: string): void {
  // eslint-disable-next-line no-restricted-syntax -- the one sanctioned use
  core.info(safeLine(message));
}

/** Writes each line of a block (the pack's own multi-line text, or a remote text's lines). */
export function lines(block: string): void {
  for (const line of block.split(/\r\n|\r|\n/)) info(line);
}
