#!/usr/bin/env node
// Writes docs/iam/roles.md from scripts/iam/roles.template.md and the policies in docs/iam/*.json.
// `--stdout` prints it instead (the test compares that with the committed file).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const iamDir = join(root, 'docs', 'iam');
const index = JSON.parse(readFileSync(join(iamDir, 'index.json'), 'utf8')).roles;

function policy(file) {
  const text = readFileSync(join(iamDir, file), 'utf8').trimEnd();
  JSON.parse(text);
  return `[${file}](${file}):\n\n\`\`\`json\n${text}\n\`\`\``;
}

function actionsOf(file) {
  const doc = JSON.parse(readFileSync(join(iamDir, file), 'utf8'));
  return [...new Set(doc.Statement.flatMap((s) => [s.Action].flat()))];
}

function rolesTable() {
  const rows = index.map((r) => {
    const files = r.policies.map((f) => `[${f}](${f})`).join(', ');
    const checked = r.action ? `\`actions/${r.action}\`` : 'third-party actions (not checked)';
    const count = new Set(r.policies.flatMap(actionsOf)).size;
    return `| ${r.title} | ${r.workflows.map((w) => `\`${w}\``).join(', ')} | ${files} | ${checked} | ${count} |`;
  });
  return [
    '| role | workflows | policies | checked against | IAM actions |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function render() {
  const template = readFileSync(join(root, 'scripts', 'iam', 'roles.template.md'), 'utf8');
  return template
    .replace('{{roles}}', rolesTable())
    .replace(/\{\{policy ([a-z0-9-]+\.json)\}\}/g, (_m, file) => policy(file));
}

if (process.argv.includes('--stdout')) process.stdout.write(render());
else writeFileSync(join(iamDir, 'roles.md'), render());
