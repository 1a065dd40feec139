import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, lintFiles, prepareLintTree } from '../support/workflows.js';

describe('actionlint', () => {
  it('passes on every workflow and example (pack references resolved locally)', () => {
    const { root, files } = prepareLintTree();
    try {
      expect(files.size).toBeGreaterThan(6);
      const results = lintFiles(files);
      expect(
        results.map((r) => `${r.file}:${r.line}:${r.column} [${r.kind}] ${r.message}`),
      ).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('checks the inputs passed to local actions and flags the broken fixture', () => {
    const fixture = join(ROOT, 'test', 'workflows', 'fixtures', 'broken.yml');
    const { root, files } = prepareLintTree([fixture]);
    try {
      const only = new Map([...files].filter(([, rel]) => rel.endsWith('fixtures/broken.yml')));
      const messages = lintFiles(only).map((r) => r.message);
      const expected = [
        /input "service" is not defined in action "ECS deploy \(judged\)"/,
        /missing input "cluster" which is required/,
        /"github\.event\.pull_request\.title" is potentially untrusted/,
        /property "task-definition-revision" is not defined/,
      ];
      for (const re of expected) expect(messages.some((m) => re.test(m))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
