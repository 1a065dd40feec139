/**
 * Splits a command line the way a POSIX shell splits words, without running a shell:
 * single quotes are literal, double quotes allow \" \\ \$ \` escapes, a backslash outside
 * quotes escapes the next character. No expansion of variables, globs or substitutions.
 * Returns an error (for the caller to attach to an input name) when the quoting is unbalanced.
 */
export function splitShellWords(line: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
        const next = line[++i]!;
        if (next !== '\n') word += next;
      } else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { error: 'ends with a lone backslash' };
      const next = line[++i]!;
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `has an unclosed ${quote === "'" ? 'single' : 'double'} quote` };
  if (inWord) words.push(word);
  return { words };
}
