/**
 * The runner's file commands and log commands: GITHUB_OUTPUT / GITHUB_ENV (`k=v` and heredoc
 * `k<<DELIM`), GITHUB_PATH (one directory a line), and `::add-mask::` / `::error::` in a log.
 */
import { parseOutputFile } from '../sandbox/run-action.js';

export { parseOutputFile };

export function parsePathFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Masks every registered secret in a line, as the runner does (`***`). */
export class Masker {
  private readonly values = new Set<string>();

  add(value: string): void {
    for (const line of value.split(/\r?\n/)) if (line.trim().length > 0) this.values.add(line);
  }

  mask(text: string): string {
    let masked = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length))
      masked = masked.split(value).join('***');
    return masked;
  }

  holds(text: string): boolean {
    return [...this.values].some((value) => text.includes(value));
  }
}

export interface LogCommands {
  errors: string[];
}

/** Reads the workflow commands of one log line; registers masks. Returns the printable line. */
export function readLogLine(line: string, masker: Masker, commands: LogCommands): string {
  const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
  if (!command) return masker.mask(line);
  const [, name, raw = ''] = command;
  const data = raw.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
  if (name === 'add-mask') {
    masker.add(data);
    return '';
  }
  if (name === 'error') commands.errors.push(masker.mask(data));
  if (name === 'error' || name === 'warning' || name === 'notice')
    return `${name}: ${masker.mask(data)}`;
  if (name === 'group') return `> ${masker.mask(data)}`;
  if (name === 'endgroup') return '';
  return masker.mask(line);
}
