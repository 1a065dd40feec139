/**
 * Runs the benchmarks: `npm run bench` runs them all, `npm run bench -- ecs-deploy` one of them
 * (further arguments go to the benchmark: `npm run bench -- ecs-deploy-fleet 10`).
 * Each bench/<name>.bench.ts exports `run(): Promise<string>` returning its markdown section;
 * the sections are written to bench/RESULTS.md in name order, each replacing its previous text.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'RESULTS.md');
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
// Bench names pick benchmarks; any other argument is passed to each (e.g. `ecs-deploy-fleet 10 25`).
const wanted = process.argv.slice(2).filter((a) => all.includes(a));
const args = process.argv.slice(2).filter((a) => !all.includes(a));
const benches = all.filter((name) => wanted.length === 0 || wanted.includes(name)).sort();

if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}.`);
  process.exit(1);
}

const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
const sections = new Map<string, string>();
for (const match of previous.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) {
  sections.set(match[1]!, match[2]!);
}

for (const name of benches) {
  console.log(`== ${name}`);
  const mod = (await import(join(here, `${name}.bench.ts`))) as {
    run: (args: string[]) => Promise<string>;
  };
  const text = (await mod.run(args)).trim() + '\n';
  console.log(text);
  sections.set(name, text);
}

const header =
  '# Benchmark results\n\nMeasured on the development machine (2 cores) against the local sandbox.\n' +
  'Reproduce all with `npm run bench`, or one with `npm run bench -- <name>`.\n';
const body = [...sections.keys()]
  .sort()
  .map((name) => `<!-- bench:${name} -->\n${sections.get(name)}<!-- /bench:${name} -->`)
  .join('\n\n');
writeFileSync(resultsFile, `${header}\n${body}\n`);
console.log(`Wrote ${resultsFile}`);
process.exit(0);
