// What dist/ is built from, hashed: the build writes this hash into dist/pack/build-info.json,
// and the fast test (test/build/dist.test.ts) recomputes it, so a source edited without
// `npm run build` fails `npm test` in milliseconds. The full check (rebuild and compare every
// byte) is scripts/check-dist.mjs, a step of its own in .ci/run.
//
// Inputs: every file under src/ and build/, scripts/build.mjs and this file, tsconfig.json, the
// action names (one entry per actions/<name>/action.yml), and from package-lock.json the
// packages that can reach dist/: every non-dev package (what is bundled), the root's
// dependencies and overrides, and the build tools whose version changes the output (ncc, terser,
// TypeScript). A devDependency added for the tests does not call for a rebuild.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function walk(root, dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(join(root, f)).isFile());
}

/** Paths (relative, `/`-separated, sorted) of the files dist/ is built from. */
export function distInputFiles(root) {
  const files = [
    ...walk(root, 'src'),
    ...walk(root, 'build'),
    join('scripts', 'build.mjs'),
    join('scripts', 'dist-inputs.mjs'),
    'tsconfig.json',
  ];
  return [...new Set(files.map((f) => relative(root, join(root, f)).split(sep).join('/')))].sort();
}

export function actionNames(root) {
  return readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'action.yml')))
    .map((d) => d.name)
    .sort();
}

const BUILD_TOOLS = ['node_modules/@vercel/ncc', 'node_modules/terser', 'node_modules/typescript'];

/** The lock file's entries that can change dist/, as canonical JSON. */
export function bundledPackages(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const packages = lock.packages ?? {};
  const rootEntry = packages[''] ?? {};
  const picked = {
    '': { dependencies: rootEntry.dependencies ?? {}, overrides: rootEntry.overrides ?? {} },
  };
  for (const key of Object.keys(packages).sort()) {
    if (key === '') continue;
    const entry = packages[key];
    if (!entry.dev || BUILD_TOOLS.includes(key)) {
      picked[key] = {
        version: entry.version,
        resolved: entry.resolved,
        integrity: entry.integrity,
      };
    }
  }
  return JSON.stringify(picked);
}

/** SHA-256 over every input file's path and bytes, the bundled packages, and the action names. */
export function distInputsHash(root) {
  const hash = createHash('sha256');
  hash.update(`packages\0${bundledPackages(root)}\0`);
  for (const file of distInputFiles(root)) {
    const bytes = readFileSync(join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  hash.update(`actions\0${actionNames(root).join('\0')}`);
  return hash.digest('hex');
}
