/**
 * package.json's `engines` is what `npm install` checks against: every locked package must accept
 * the lowest version of each Node line the pack supports, or installing on it prints EBADENGINE
 * (as content-type@3.1.1, Node 22+ only, once did on Node 20).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import semver from 'semver';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

/** The lowest version of each line the range admits: ^20.19.0 || ^22.13.0 || >=24 -> 20.19.0, 22.13.0, 24.0.0. */
function floors(range: string): string[] {
  return new semver.Range(range).set.map((comparators) => {
    const lower = comparators.find((c) => c.operator === '>=' || c.operator === '');
    return lower!.semver.version;
  });
}

describe('engines', () => {
  it('package.json names the supported Node lines, the runner’s 24 among them', () => {
    expect(floors(pkg.engines.node)).toEqual(['20.19.0', '22.13.0', '24.0.0']);
  });

  it.each(floors(pkg.engines.node))('every locked package installs on Node %s', (version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([name]) => name !== '')
      .map(([name, meta]) => [name, Array.isArray(meta.engines) ? undefined : meta.engines?.node])
      .filter(([, range]) => range !== undefined && !semver.satisfies(version, range))
      .map(([name, range]) => `${name} requires node ${range}`);
    expect(refusing).toEqual([]);
  });
});
