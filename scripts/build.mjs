#!/usr/bin/env node
// Bundles every action under actions/ into dist/: one shared ncc bundle (dist/pack/, code-split
// so each action loads only the AWS clients it uses) and a small entry per action
// (dist/<action>/index.js) that action.yml points at. Users download the whole repository for
// `uses: owner/repo/actions/x@v1`, so the total size of dist/ is what every user pays.
//
//   node scripts/build.mjs                     build into dist/ (replaced atomically)
//   node scripts/build.mjs --out DIR           build into DIR (used by scripts/check-dist.mjs)
//   node scripts/build.mjs --report FILE       also write, per action, the files it can load
//
// dist/pack/build-info.json records the hash of the build's inputs (scripts/dist-inputs.mjs)
// and, per action, the files it can load and their total size, for the fast test.
//
// Three things keep the bundle small (dist/ went from 3.3 MB to 1.3 MB):
// - minified chunks: ncc minifies only the entry file, so every file, chunks and entry, goes
//   through terser here (the largest saving, about 60 %).
// - the AWS SDK's ES module builds: webpack resolves package "exports" with the conditions
//   import/node, and the SDK lists its CommonJS build under "node" first. That build is one file
//   per package or submodule, so webpack must keep all of it (CBOR, event streams, XML, every
//   credential provider). Its ES build lets webpack drop what no client uses and load the
//   credential providers other than the environment's only when a run needs them (a rolling
//   deploy loads 0.38 MB instead of 0.66 MB).
// - no undici (0.43 MB minified; see build/undici-not-bundled).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionNames as listActions, distInputsHash } from './dist-inputs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Scopes whose packages publish node-ready ES modules under the "module" export condition. */
const ES_MODULE_SCOPES = ['@aws', '@aws-sdk', '@smithy'];

const actionNames = () => listActions(root);

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? resolve(process.argv[i + 1]) : undefined;
}

/** Names of packages installed anywhere below a package (a second copy, maybe another version). */
function nestedPackageNames(dir, found = new Set()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    const path = join(dir, entry.name);
    const packageDirs = entry.name.startsWith('@')
      ? readdirSync(path, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => join(path, d.name))
      : [path];
    for (const packageDir of packageDirs) {
      const nested = join(packageDir, 'node_modules');
      if (!existsSync(nested)) continue;
      for (const inner of readdirSync(nested, { withFileTypes: true })) {
        if (!inner.isDirectory() || inner.name === '.bin') continue;
        if (inner.name.startsWith('@')) {
          for (const d of readdirSync(join(nested, inner.name))) found.add(`${inner.name}/${d}`);
        } else found.add(inner.name);
      }
      nestedPackageNames(nested, found);
    }
  }
  return found;
}

/**
 * tsconfig "paths" that send every import of an SDK package's export to its "module" (ES) file.
 * A package with a second, nested copy is left alone: a path maps one name to one file.
 */
function esModulePaths(modulesDir = join(root, 'node_modules')) {
  const nested = nestedPackageNames(modulesDir);
  const paths = {};
  for (const scope of ES_MODULE_SCOPES) {
    if (!existsSync(join(modulesDir, scope))) continue;
    for (const name of readdirSync(join(modulesDir, scope)).map((n) => `${scope}/${n}`)) {
      if (nested.has(name)) continue;
      const manifest = JSON.parse(readFileSync(join(modulesDir, name, 'package.json'), 'utf8'));
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        if (typeof target !== 'object' || typeof target?.module !== 'string') continue;
        if (subpath === './package.json') continue;
        paths[name + subpath.slice(1)] = [join(modulesDir, name, target.module)];
      }
    }
  }
  return paths;
}

/**
 * For each action, the files under pack/ it can load: the entry, its own chunk group and every
 * group it may import lazily (blue/green's CodeDeploy client, credential providers, ...).
 */
function reachableFiles(compilation, actions) {
  const entry = [...compilation.entrypoints.values()].flatMap((g) => g.chunks);
  const report = {};
  for (const action of actions) {
    const start = compilation.namedChunkGroups.get(action);
    if (!start) throw new Error(`no chunk group named '${action}' (see src/pack.ts)`);
    const groups = new Set([start]);
    for (const group of groups) for (const child of group.getChildren()) groups.add(child);
    const chunks = [...entry, ...[...groups].flatMap((g) => g.chunks)];
    report[action] = [...new Set(chunks.flatMap((c) => [...c.files]))]
      .map((f) => `pack/${f}`)
      .sort();
  }
  return report;
}

async function minifyChunks(dir) {
  const { minify } = await import('terser');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const path = join(dir, file);
    const result = await minify(readFileSync(path, 'utf8'), {
      module: true,
      ecma: 2022,
      // Error classes and functions keep their names: they appear in stack traces and messages.
      keep_classnames: true,
      keep_fnames: true,
    });
    writeFileSync(path, result.code);
  }
}

async function bundle(outDir) {
  const tsconfig = join(outDir, 'tsconfig.bundle.json');
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { paths: esModulePaths() } }));
  // ncc's resolver reads tsconfig paths through tsconfig-paths, which honours TS_NODE_PROJECT;
  // type-checking still uses src/tsconfig.json.
  process.env.TS_NODE_PROJECT = tsconfig;
  const ncc = require('@vercel/ncc');
  const { code, assets, stats } = await ncc(join(root, 'src/pack.ts'), {
    minify: false, // minifyChunks does every file, the entry included
    target: 'es2022',
    license: 'licenses.txt',
    mainFields: ['module', 'main'],
    quiet: true,
  });
  rmSync(tsconfig);
  const commonJs = [...stats.compilation.modules]
    .map((m) => m.resource ?? '')
    .filter((path) => /node_modules\/@(aws|aws-sdk|smithy)\/[^/]+\/dist-cjs\//.test(path));
  if (commonJs.length > 0) {
    throw new Error(`the AWS SDK's CommonJS build was bundled: ${relative(root, commonJs[0])} ...`);
  }
  const pack = join(outDir, 'pack');
  mkdirSync(pack, { recursive: true });
  writeFileSync(join(pack, 'index.js'), code);
  for (const [name, asset] of Object.entries(assets)) {
    mkdirSync(dirname(join(pack, name)), { recursive: true });
    writeFileSync(join(pack, name), asset.source);
  }
  await minifyChunks(pack);
  return stats.compilation;
}

const finalDir = option('--out') ?? join(root, 'dist');
const reportFile = option('--report');
const work = `${finalDir}.building-${process.pid}`;

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  const inputs = distInputsHash(root);
  const compilation = await bundle(work);
  writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
  const actions = actionNames();
  for (const name of actions) {
    mkdirSync(join(work, name));
    writeFileSync(
      join(work, name, 'index.js'),
      `// Generated by scripts/build.mjs: the runner starts here; the code is in ../pack/.\n` +
        `import { runPackAction } from '../pack/index.js';\n\nawait runPackAction('${name}');\n`,
    );
  }
  const reachable = reachableFiles(compilation, actions);
  const report = Object.fromEntries(
    actions.map((name) => {
      const files = [`${name}/index.js`, ...reachable[name]];
      const bytes = files.reduce((n, f) => n + statSync(join(work, f)).size, 0);
      return [name, { bytes, files }];
    }),
  );
  writeFileSync(
    join(work, 'pack', 'build-info.json'),
    `${JSON.stringify({ inputs, actions: report }, null, 2)}\n`,
  );
  const old = `${finalDir}.old-${process.pid}`;
  if (existsSync(finalDir)) renameSync(finalDir, old);
  renameSync(work, finalDir);
  rmSync(old, { recursive: true, force: true });
  if (reportFile) writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  for (const [name, { bytes }] of Object.entries(report)) {
    console.log(`${name.padEnd(22)} ${(bytes / 1e6).toFixed(2)} MB`);
  }
} catch (error) {
  rmSync(work, { recursive: true, force: true });
  console.error(`build failed: ${error.message}`);
  process.exit(1);
}
