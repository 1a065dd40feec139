/** Runs one process of a step: bounded by a timeout, log read line by line through the masker. */
import { spawn } from 'node:child_process';
import { Masker, readLogLine, type LogCommands } from './command-files.js';

export interface ProcessResult {
  exitCode: number | null;
  timedOut: boolean;
  log: string[];
  errors: string[];
}

export async function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number; masker: Masker },
): Promise<ProcessResult> {
  const log: string[] = [];
  const commands: LogCommands = { errors: [] };
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const buffers = { stdout: '', stderr: '' };
  const read = (stream: 'stdout' | 'stderr', text: string) => {
    buffers[stream] += text;
    let newline = buffers[stream].indexOf('\n');
    while (newline >= 0) {
      const line = readLogLine(buffers[stream].slice(0, newline), options.masker, commands);
      if (line) log.push(line);
      buffers[stream] = buffers[stream].slice(newline + 1);
      newline = buffers[stream].indexOf('\n');
    }
  };
  child.stdout.setEncoding('utf8').on('data', (t: string) => read('stdout', t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => read('stderr', t));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      log.push(`could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code) => resolve(code));
  });
  clearTimeout(timer);
  for (const stream of ['stdout', 'stderr'] as const)
    if (buffers[stream]) {
      const line = readLogLine(buffers[stream], options.masker, commands);
      if (line) log.push(line);
    }
  return { exitCode: timedOut ? null : exitCode, timedOut, log, errors: commands.errors };
}
