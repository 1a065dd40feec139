/**
 * Process measurements shared by the benchmarks: the peak memory (maxRSS) of a command run
 * under /usr/bin/time, and a Node `--import` hook that writes a Node process's own maxRSS when
 * it exits (for bundles run through `runActionBundle` or `runOfficialAction`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TIME = '/usr/bin/time';

/** Runs `cmd` under /usr/bin/time; resolves with the exit code and the maxRSS in KB. */
export function timed(
  cmd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; rssKb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const out = join(dir, 'rss');
  return new Promise((done, fail) => {
    const child = spawn(TIME, ['-f', '%M', '-o', out, cmd, ...args], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      const rssKb = Number(readFileSync(out, 'utf8').trim().split('\n').at(-1));
      rmSync(dir, { recursive: true, force: true });
      done({ code: code ?? 1, rssKb });
    });
  });
}

/** `NODE_OPTIONS` that make a Node process write its maxRSS (KB) to `file` when it exits. */
export function rssHookOptions(file: string): string {
  const hook = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs';
     process.on('exit', () => writeFileSync(${JSON.stringify(file)}, String(process.resourceUsage().maxRSS)));`,
  )}`;
  return `--import=${hook}`;
}

/** `v24.1.0` for the Node binary at `bin`. */
export function nodeVersion(bin: string): string {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
}
