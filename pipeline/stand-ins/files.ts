/**
 * actions/checkout, actions/upload-artifact, actions/download-artifact, actions/setup-node and
 * actions/setup-python, as their READMEs describe them, on this machine: checkout copies the
 * workflow's repository (and the example's sample application) into the workspace, artifacts go
 * through a folder of the run, setup-* check the requested version and put the host's on PATH.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { bool, type StandIn } from './types.js';

function copyRepository(from: string, to: string, packRoot: string): void {
  if (path.resolve(from) === path.resolve(packRoot)) {
    // This repository: its tracked files, as a clone would have them.
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: from, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    for (const file of files)
      if (existsSync(path.join(from, file)))
        cpSync(path.join(from, file), path.join(to, file), { recursive: true });
  } else cpSync(from, to, { recursive: true });
}

export const checkout: StandIn = async ({ config, job, with: input }) => {
  const repository = input.repository || config.settings.repository;
  if (repository !== config.settings.repository)
    throw new Error(
      `checkout of another repository (${repository}) is not available on this machine`,
    );
  const target = path.resolve(job.workspace, input.path || '.');
  if (!target.startsWith(job.workspace))
    throw new Error(`path ${input.path} is outside the workspace`);
  await mkdir(target, { recursive: true });
  if (bool(input.clean, true))
    for (const entry of readdirSync(target))
      await rm(path.join(target, entry), { recursive: true, force: true });
  copyRepository(config.repoRoot, target, config.packRoot);
  if (config.appRoot) cpSync(config.appRoot, target, { recursive: true });
  const sha = String((job.contexts.github as Record<string, unknown>).sha);
  job.log.push(
    `sandbox: checked out ${repository}@${sha.slice(0, 7)} into ${path.relative(job.workspace, target) || '.'}`,
  );
  return { ref: String((job.contexts.github as Record<string, unknown>).ref), commit: sha };
};

function artifactDir(config: { artifacts: string }, name: string): string {
  if (!/^[^"<>:|*?\\/\r\n]+$/.test(name))
    throw new Error(`The artifact name is not valid: ${name}`);
  return path.join(config.artifacts, name);
}

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  if (statSync(root).isFile()) return [root];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

let artifactCount = 0;

export const uploadArtifact: StandIn = async ({ config, job, with: input }) => {
  const name = input.name || 'artifact';
  const dir = artifactDir(config, name);
  const hidden = bool(input['include-hidden-files'], false);
  const roots = (input.path ?? '')
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => path.resolve(job.workspace, p));
  if (roots.length === 0) throw new Error('Input required and not supplied: path');
  const files = roots
    .flatMap((root) => filesUnder(root).map((file) => ({ root, file })))
    .filter(
      ({ root, file }) =>
        hidden ||
        !path
          .relative(root, file)
          .split(path.sep)
          .some((part) => part.startsWith('.')),
    );
  if (files.length === 0) {
    const policy = input['if-no-files-found'] || 'warn';
    const message = `No files were found with the provided path: ${input.path}. No artifacts will be uploaded.`;
    if (policy === 'error') throw new Error(message);
    if (policy === 'warn') job.log.push(`warning: ${message}`);
    return {} as Record<string, string>;
  }
  if (existsSync(dir)) {
    if (!bool(input.overwrite, false))
      throw new Error(
        `Failed to CreateArtifact: an artifact with this name already exists on the workflow run: ${name}`,
      );
    await rm(dir, { recursive: true, force: true });
  }
  for (const { root, file } of files) {
    const base = statSync(root).isFile() ? path.dirname(root) : root;
    cpSync(file, path.join(dir, path.relative(base, file)));
  }
  job.log.push(`sandbox: uploaded artifact ${name} (${files.length} file(s))`);
  const digest = createHash('sha256');
  for (const { file } of files.sort((a, b) => a.file.localeCompare(b.file)))
    digest.update(readFileSync(file));
  artifactCount += 1;
  return {
    'artifact-id': String(artifactCount),
    'artifact-url': `file://${dir}`,
    'artifact-digest': digest.digest('hex'),
  };
};

export const downloadArtifact: StandIn = async ({ config, job, with: input }) => {
  const root = config.artifacts;
  const target = path.resolve(job.workspace, input.path || '.');
  const all = existsSync(root) ? readdirSync(root) : [];
  let names: string[];
  if (input.name) {
    if (!all.includes(input.name))
      throw new Error(`Unable to download artifact(s): Artifact not found for name: ${input.name}`);
    names = [input.name];
  } else names = input.pattern ? all.filter((n) => picomatch(input.pattern!)(n)) : all;
  const merge = bool(input['merge-multiple'], false) || Boolean(input.name);
  for (const name of names)
    cpSync(path.join(root, name), merge ? target : path.join(target, name), { recursive: true });
  job.log.push(
    `sandbox: downloaded ${names.length} artifact(s) into ${path.relative(job.workspace, target) || '.'}`,
  );
  return { 'download-path': target };
};

const VERSION = /^(\d+)(\.(\d+|x))?(\.(\d+|x))?$|^lts\/[\w*-]+$|^(node|latest|current)$/;

function requireLockFile(
  job: { workspace: string },
  pattern: string | undefined,
  defaults: string[],
  tool: string,
): void {
  const patterns = (pattern || defaults.join('\n'))
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const files = readdirSync(job.workspace, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('node_modules'))
    .map((e) => path.relative(job.workspace, path.join(e.parentPath, e.name)));
  const match = picomatch(patterns);
  if (!files.some((f) => match(f)))
    throw new Error(
      `${tool} cache: no file in ${job.workspace} matched ${patterns.join(', ')}; dependencies lock file is not found`,
    );
}

export const setupNode: StandIn = async ({ job, with: input }) => {
  const wanted = (input['node-version'] ?? '').trim();
  if (wanted && !VERSION.test(wanted)) throw new Error(`Unable to find Node version '${wanted}'`);
  if (input.cache) {
    const locks = {
      npm: '**/package-lock.json',
      yarn: '**/yarn.lock',
      pnpm: '**/pnpm-lock.yaml',
    } as Record<string, string>;
    if (!locks[input.cache]) throw new Error(`Caching for '${input.cache}' is not supported`);
    requireLockFile(job, input['cache-dependency-path'], [locks[input.cache]!], 'setup-node');
  }
  const host = process.version.slice(1);
  job.log.push(
    `sandbox: node-version ${wanted || '(default)'} requested; the host's Node ${host} is on PATH`,
  );
  return { 'node-version': `v${host}`, 'cache-hit': 'false' };
};

export const setupPython: StandIn = async ({ job, with: input }) => {
  const wanted = (input['python-version'] ?? '').trim();
  if (wanted && !/^(3|pypy3?)(\.\d+)?(\.\d+)?(-dev)?$/.test(wanted))
    throw new Error(`Version ${wanted} with arch x64 not found`);
  if (input.cache) {
    if (!['pip', 'pipenv', 'poetry'].includes(input.cache))
      throw new Error(`Caching for '${input.cache}' is not supported`);
    requireLockFile(
      job,
      input['cache-dependency-path'],
      ['**/requirements.txt', '**/pyproject.toml'],
      'setup-python',
    );
  }
  const host = execFileSync(
    'python3',
    ['-c', 'import sys;print("%d.%d.%d" % sys.version_info[:3])'],
    { encoding: 'utf8' },
  ).trim();
  job.log.push(
    `sandbox: python-version ${wanted || '(default)'} requested; the host's Python ${host} is on PATH`,
  );
  return {
    'python-version': host,
    'cache-hit': 'false',
    'python-path': execFileSync('which', ['python3'], { encoding: 'utf8' }).trim(),
  };
};
