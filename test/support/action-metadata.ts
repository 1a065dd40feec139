import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
  branding?: { icon?: string; color?: string };
}

export function actionNames(root = '.'): string[] {
  return readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readActionMetadata(action: string, root = '.'): ActionMetadata {
  return parse(readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8')) as ActionMetadata;
}
