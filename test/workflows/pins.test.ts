import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, workflowPaths } from '../support/workflows.js';
import { allSnippets } from '../support/snippets.js';

interface Pin {
  action: string;
  tag: string;
  sha: string;
  runtime: string;
  from: string;
  changes: string;
}

const table = JSON.parse(readFileSync(join(ROOT, 'docs', 'pinned-actions.json'), 'utf8')) as {
  actions: Pin[];
};
const USES = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(#.*)?$/;

/** Third-party `uses:`: not local, not the pack's own (`$/`, `<owner>/ecs-delivery-pack/...`). */
function thirdParty(uses: string): boolean {
  return !/^(\.\/|\$\/|docker:\/\/)/.test(uses) && !/^[^/]+\/ecs-delivery-pack\//.test(uses);
}

interface Use {
  where: string;
  uses: string;
  comment: string;
}

function usesIn(where: string, text: string): Use[] {
  return text.split('\n').flatMap((line, i) => {
    const m = USES.exec(line);
    return m && thirdParty(m[2]!)
      ? [{ where: `${where}:${i + 1}`, uses: m[2]!, comment: (m[3] ?? '').trim() }]
      : [];
  });
}

const uses: Use[] = [
  ...workflowPaths().flatMap((p) => usesIn(p.slice(ROOT.length + 1), readFileSync(p, 'utf8'))),
  ...allSnippets().flatMap((s) => usesIn(s.where, s.text)),
];

/** What is wrong with one `uses:`, or nothing. */
function checkPin(use: Use, pins: Pin[]): string | undefined {
  const m = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(\/[^@]*)?@([0-9a-f]{40})$/.exec(use.uses);
  if (!m) return `${use.where}: ${use.uses} is not pinned to a full 40-hex commit SHA`;
  const tag = /^#\s*(v\d+\.\d+\.\d+)$/.exec(use.comment)?.[1];
  if (!tag) return `${use.where}: ${use.uses} needs a "# vX.Y.Z" comment (got "${use.comment}")`;
  const pin = pins.find((p) => p.action === m[1]);
  if (!pin) return `${use.where}: ${m[1]} is not in docs/pinned-actions.json`;
  if (pin.sha !== m[3] || pin.tag !== tag) {
    return `${use.where}: ${m[1]}@${m[3]} # ${tag}, but the verified pin is ${pin.sha} # ${pin.tag}`;
  }
  return undefined;
}

describe('third-party action pins', () => {
  it('finds the third-party uses of the workflows, examples and snippets', () => {
    expect(uses.length).toBeGreaterThan(20);
    expect(uses.some((u) => u.where.startsWith('actions/'))).toBe(true);
  });

  it('pins every one to the verified SHA of its release tag, with the tag as comment', () => {
    expect(uses.map((u) => checkPin(u, table.actions)).filter(Boolean)).toEqual([]);
  });

  it('lists only node24 releases, each with its full SHA, and every one in use', () => {
    for (const pin of table.actions) {
      expect([pin.action, pin.runtime]).toEqual([pin.action, 'node24']);
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.tag).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(pin.changes.length).toBeGreaterThan(20);
      expect([pin.action, uses.some((u) => u.uses.startsWith(`${pin.action}@`))]).toEqual([
        pin.action,
        true,
      ]);
    }
    expect(new Set(table.actions.map((p) => p.action)).size).toBe(table.actions.length);
  });

  it('rejects a tag, a short SHA, a missing comment and a SHA that is not the verified one', () => {
    const pin = table.actions[0]!;
    const at = (u: string, comment = `# ${pin.tag}`): string | undefined =>
      checkPin({ where: 'x.yml:1', uses: u, comment }, table.actions);
    expect(at(`${pin.action}@${pin.sha}`)).toBeUndefined();
    expect(at(`${pin.action}@v7`)).toMatch(/not pinned/);
    expect(at(`${pin.action}@${pin.sha.slice(0, 12)}`)).toMatch(/not pinned/);
    expect(at(`${pin.action}@${pin.sha}`, '')).toMatch(/needs a "# vX.Y.Z" comment/);
    expect(at(`${pin.action}@${pin.sha}`, '# v4')).toMatch(/needs a/);
    expect(at(`${pin.action}@${'0'.repeat(40)}`)).toMatch(/the verified pin is/);
    expect(at(`${pin.action}@${pin.sha}`, '# v0.0.1')).toMatch(/the verified pin is/);
    expect(at(`someone/else@${pin.sha}`)).toMatch(/not in docs\/pinned-actions.json/);
  });

  it('docs/pinned-actions.md is the one scripts/pins-docs.mjs generates', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'pins-docs.mjs'), '--stdout'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(0);
    expect(readFileSync(join(ROOT, 'docs', 'pinned-actions.md'), 'utf8')).toBe(res.stdout);
  });

  it('has Dependabot keep the github-actions pins current in every workflow folder', () => {
    const config = parse(readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; directories?: string[]; directory?: string }[];
    };
    const actions = config.updates.find((u) => u['package-ecosystem'] === 'github-actions');
    const dirs = actions?.directories ?? [actions?.directory];
    const globToRe = (g: string): RegExp =>
      new RegExp(`^${g.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]+')}$`);
    for (const path of workflowPaths()) {
      const dir = `/${path.slice(ROOT.length + 1).replace(/\/[^/]+$/, '')}`;
      expect([dir, dirs.some((d) => d && globToRe(d).test(dir))]).toEqual([dir, true]);
    }
  });
});
