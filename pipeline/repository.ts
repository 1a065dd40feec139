/**
 * The repository a workflow file belongs to (the folder above its `.github/workflows/`) and that
 * repository's settings on GitHub, kept in pipeline/repositories/<path>/settings.json: variables,
 * secrets, protected environments and the hosts the workflow names that the sandbox stands for.
 * Its `app/` folder, when present, is the sample application checkout lays over the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RepoSettings } from './types.js';

export interface Repository {
  root: string;
  appRoot?: string;
  settings: RepoSettings;
}

export function repositoryOf(file: string, packRoot: string): Repository {
  const marker = `${path.sep}.github${path.sep}workflows${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) throw new Error(`${file} is not in a .github/workflows folder`);
  const root = file.slice(0, at);
  const relative = path.relative(packRoot, root);
  if (relative.startsWith('..')) throw new Error(`${file} is outside this repository`);
  const folder = path.join(packRoot, 'pipeline', 'repositories', relative || 'pack');
  const settingsFile = path.join(folder, 'settings.json');
  const stored = existsSync(settingsFile)
    ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Partial<RepoSettings>)
    : {};
  const settings: RepoSettings = {
    repository: stored.repository ?? 'your-org/ecs-delivery-pack',
    vars: stored.vars ?? {},
    secrets: stored.secrets ?? {},
    protectedEnvironments: stored.protectedEnvironments ?? ['production'],
    network: stored.network ?? {},
  };
  const app = path.join(folder, 'app');
  return { root, appRoot: existsSync(app) ? app : undefined, settings };
}
