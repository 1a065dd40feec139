/**
 * `npm run demo`: starts the sandbox with the `demo` scenario and runs the pipeline in
 * demo/steps.ts with the bundled actions, as the runner runs them, printing each step's log and
 * job summary. Steps whose action or sandbox support is not built yet are shown as such. Exits 0
 * when every step that ran behaved as the scenario expects.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/index.js';
import { plugins } from '../sandbox/plugins.js';
import { REPO_ROOT, bundlePath, runActionBundle, type RunResult } from '../sandbox/run-action.js';
import { renderSummary } from './render.js';
import { steps, type DemoStep } from './steps.js';

type Verdict = 'as expected' | 'UNEXPECTED' | 'not built yet';

const out = (text = '') => process.stdout.write(`${text}\n`);
const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((l) => (l ? by + l : by.trimEnd()))
    .join('\n');

/** Prints a bundle's log as the runner shows it: groups, annotations, masked values hidden. */
class LogPrinter {
  private buffer = '';
  private readonly masks: string[] = [];

  constructor(private readonly write: (line: string) => void) {}

  push(text: string): void {
    this.buffer += text;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      this.line(this.buffer.slice(0, newline));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
  }

  flush(): void {
    if (this.buffer) this.line(this.buffer);
    this.buffer = '';
  }

  mask(text: string): string {
    return this.masks.reduce((t, secret) => t.split(secret).join('***'), text);
  }

  private line(raw: string): void {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(raw);
    if (!command) return this.write(this.mask(raw));
    const [, name, data] = command;
    const text = this.mask(
      (data ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '').replace(/%25/g, '%'),
    );
    if (name === 'add-mask') {
      if (data) this.masks.push(data);
    } else if (name === 'group') this.write(`▾ ${text}`);
    else if (name === 'error') this.write(`✖ error: ${text}`);
    else if (name === 'warning') this.write(`⚠ warning: ${text}`);
    else if (name === 'notice') this.write(`ℹ notice: ${text}`);
  }
}

function resolveInputs(
  step: DemoStep,
  context: { sandbox: Sandbox; temp: string; results: Map<string, RunResult> },
): Record<string, string> | string {
  const resolved: Record<string, string> = {};
  for (const [name, value] of Object.entries(step.inputs)) {
    let missing: string | undefined;
    resolved[name] = value
      .replace(/\{sandbox\}/g, context.sandbox.url)
      .replace(/\{repo\}/g, REPO_ROOT)
      .replace(/\{temp\}/g, context.temp)
      .replace(/\{step:([\w-]+)\.([\w-]+)\}/g, (_, id: string, output: string) => {
        const value = context.results.get(id)?.outputs[output];
        if (value === undefined) missing = `${id}.${output}`;
        return value ?? '';
      });
    if (missing) return missing;
  }
  return resolved;
}

function verdictOf(step: DemoStep, result: RunResult): Verdict {
  if (
    result.exitCode !== 0 &&
    result.annotations.some((a) => /not implemented yet/.test(a.message))
  )
    return 'not built yet';
  const succeeded = result.exitCode === 0;
  if (succeeded !== (step.expect === 'success')) return 'UNEXPECTED';
  if (step.status && !step.status.includes(result.outputs.status ?? '')) return 'UNEXPECTED';
  return 'as expected';
}

function callCounts(sandbox: Sandbox, from: number): string {
  const counts = new Map<string, number>();
  for (const call of sandbox.calls.all().slice(from))
    counts.set(call.operation, (counts.get(call.operation) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${op} ${n}`).join(', ');
}

async function runStep(
  step: DemoStep,
  context: {
    sandbox: Sandbox;
    temp: string;
    results: Map<string, RunResult>;
    available: Set<string>;
  },
): Promise<{ verdict: Verdict; detail: string }> {
  const missingPlugins = (step.requires ?? []).filter((p) => !context.available.has(p));
  if (missingPlugins.length > 0)
    return {
      verdict: 'not built yet',
      detail: `sandbox support missing: ${missingPlugins.join(', ')}`,
    };
  if (!existsSync(bundlePath(step.action)))
    return { verdict: 'not built yet', detail: `no bundle at dist/${step.action}/index.js` };
  const inputs = resolveInputs(step, context);
  if (typeof inputs === 'string')
    return { verdict: 'not built yet', detail: `needs output ${inputs}` };
  const printer = new LogPrinter((line) => out(indent(line, '  │ ')));
  const firstCall = context.sandbox.calls.all().length;
  const result = await runActionBundle(step.action, inputs, {
    env: { ...context.sandbox.env(), RUNNER_TEMP: context.temp, NODE_NO_WARNINGS: '1' },
    timeoutMs: 180_000,
    onOutput: (text) => printer.push(text),
  });
  printer.flush();
  context.results.set(step.id, result);
  const verdict = verdictOf(step, result);
  if (verdict !== 'not built yet' && result.summary.trim()) {
    out();
    out('  Job summary');
    out(indent(printer.mask(renderSummary(result.summary)), '  ┃ '));
  }
  const status = result.outputs.status ? `status ${result.outputs.status}, ` : '';
  return {
    verdict,
    detail: `${status}exit ${result.exitCode ?? result.signal}; calls: ${callCounts(context.sandbox, firstCall) || 'none'}`,
  };
}

async function main(): Promise<number> {
  const sandbox = await startSandbox('demo');
  const temp = await mkdtemp(path.join(os.tmpdir(), 'pack-demo-'));
  const available = new Set(plugins().map((p) => p.name));
  const results = new Map<string, RunResult>();
  const rows: [string, string, string, Verdict, string][] = [];
  out(`ECS delivery pack demo: CBI health surveillance on cluster cbi-production`);
  out(`Sandbox ${sandbox.url} (timelines ${1 / sandbox.clock.timeScale}x faster than real)`);
  try {
    for (const [index, step] of steps.entries()) {
      out();
      out(`━━ ${index + 1}/${steps.length} ${step.title} [${step.action}]`);
      if (step.note) out(`   ${step.note}`);
      const { verdict, detail } = await runStep(step, { sandbox, temp, results, available });
      out(
        `   => ${verdict === 'not built yet' ? 'not built yet' : `${step.expect === 'success' ? 'expected success' : 'expected failure'}: ${verdict}`} (${detail})`,
      );
      rows.push([step.id, step.action, step.expect, verdict, detail]);
    }
  } finally {
    await sandbox.close();
    await rm(temp, { recursive: true, force: true });
  }
  out();
  out('Pipeline');
  out(
    renderSummary(
      [
        '| step | action | expected | result |',
        '| --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r.slice(0, 4).join(' | ')} |`),
      ].join('\n'),
    ),
  );
  const unexpected = rows.filter((r) => r[3] === 'UNEXPECTED');
  out();
  out(
    unexpected.length === 0
      ? `Every built step behaved as expected (${rows.filter((r) => r[3] === 'not built yet').length} not built yet).`
      : `${unexpected.length} step(s) did not behave as expected: ${unexpected.map((r) => r[0]).join(', ')}`,
  );
  return unexpected.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
