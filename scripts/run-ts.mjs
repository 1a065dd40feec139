#!/usr/bin/env node
// `node scripts/run-ts.mjs <file.ts> [args...]`: runs a TypeScript entry point of this repository
// (the pipeline runner, the sandbox, the demo, the bench) in this process, as one ES module that
// esbuild bundles from it and its imports, with the packages left to Node. The bundle is kept in
// node_modules/.cache/run-ts/ and used again until one of its source files changes.
//
// Why not a loader per module (tsx): the pipeline runner starts about 35 times in `npm test`, and
// a start through tsx cost 0.85 s of CPU on Node 20 (a second process, and a hook per module on
// a thread of its own), against 0.25 s for a bundle from the cache (bench/RESULTS.md).
//
// What changes for the code: nothing it can see. `import.meta.url` is each source file's own URL
// (a plugin writes it in), stack traces name the .ts files and lines (inline source map), and
// `process.argv[1]` is the .ts entry, as with node or tsx.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// RUN_TS_CACHE: another folder for the cache (the tests use their own).
const cacheDir = process.env.RUN_TS_CACHE
  ? resolve(process.env.RUN_TS_CACHE)
  : join(root, 'node_modules', '.cache', 'run-ts');
const HEADER = '// run-ts inputs: ';

/** The size and modification time of a file, or undefined when it is gone. */
function stamp(file) {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Whether the cached bundle exists and every input it was built from is unchanged. */
function fresh(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (!text.startsWith(HEADER)) return false;
  try {
    const inputs = JSON.parse(text.slice(HEADER.length, text.indexOf('\n')));
    return Object.entries(inputs).every(([input, was]) => stamp(input) === was);
  } catch {
    return false;
  }
}

/** Each TypeScript file's `import.meta.url` is its own file's URL, not the bundle's. */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(on) {
    on.onLoad({ filter: /\.[cm]?ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8').replace(
        /\bimport\.meta\.url\b/g,
        JSON.stringify(pathToFileURL(path).href),
      ),
      loader: 'ts',
    }));
  },
};

/**
 * Packages stay in node_modules and Node loads them, as it would without a bundle, except those
 * Node cannot load as published: @actions/workflow-parser's ES build imports its schema JSON
 * without an import attribute (`with { type: 'json' }`), which Node refuses and bundlers accept.
 */
const BUNDLED_PACKAGES = ['@actions/workflow-parser'];
const packagesFromNodeModules = {
  name: 'packages-from-node-modules',
  setup(on) {
    on.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      BUNDLED_PACKAGES.some((name) => path === name || path.startsWith(`${name}/`))
        ? undefined
        : { path, external: true },
    );
  },
};

/**
 * Builds the entry into content-named files in the cache (`main-<hash>.mjs` and the chunks its
 * dynamic imports load, each with the packages it imports, so a lazy import stays lazy) and
 * writes `file`: the stamps of every input and one import of the main file.
 */
async function bundle(entry, file) {
  const result = await build({
    entryPoints: { main: entry },
    absWorkingDir: root,
    outdir: cacheDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    metafile: true,
    write: false,
    logLevel: 'error',
    plugins: [ownImportMetaUrl, packagesFromNodeModules],
  });
  // The stamps are read after the build: a file edited during it is stamped newer than the
  // bundle holds, and the next run builds again (never the other way round).
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((input) => {
      const path = resolve(root, input);
      return [path, stamp(path)];
    }),
  );
  mkdirSync(cacheDir, { recursive: true });
  // Every file is written aside and renamed into place: a run started meanwhile reads a whole
  // file or none, and a running one still finds the chunks it loads later (content-named, so
  // a rebuild never replaces one with other code).
  const place = (target, text) => {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  };
  let main;
  for (const output of result.outputFiles) {
    place(output.path, output.contents);
    if (basename(output.path).startsWith('main-')) main = basename(output.path);
  }
  place(file, `${HEADER}${JSON.stringify(inputs)}\nimport './${main}';\n`);
}

const [entryArg, ...args] = process.argv.slice(2);
if (!entryArg) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
const entry = resolve(entryArg);
const self = readFileSync(fileURLToPath(import.meta.url));
const key = createHash('sha256').update(`${entry}\0${esbuildVersion}\0`).update(self).digest('hex');
const file = join(cacheDir, `${key.slice(0, 24)}.mjs`);
try {
  if (!fresh(file)) await bundle(entry, file);
} catch (error) {
  // esbuild has printed what it could not compile.
  if (!error?.errors) throw error;
  process.exit(1);
}
process.argv = [process.argv[0], entry, ...args];
process.setSourceMapsEnabled(true);
await import(pathToFileURL(file).href);
