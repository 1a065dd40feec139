/**
 * s3-sync stays inside `source`: a symbolic link to a file outside it is refused (or, with
 * `symlinks: skip`, left out with a warning) and its target is never opened; a `source` outside
 * the workspace is an input error unless allowed; a file name with a control character is
 * refused; a big file swapped for such a link between the walk and its upload is refused there.
 * Every open() of the bundle is recorded (test/support/fs-read-probe.mjs), so "never
 * read" is checked, not assumed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { isWorkflowCommand } from '../../../src/lib/log.js';
import { runBundle } from '../../support/run-bundle.js';
import { writeSite } from './site.js';

const BUCKET = 'cbi-dashboard-prod';
const PROBE = resolve('test/support/fs-read-probe.mjs');
let sandbox: Sandbox;
let temp: string;
let outside: string;
const SECRET = 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

beforeAll(async () => {
  sandbox = await startSandbox('frontend-publish', { timeScale: 0.01 });
  temp = mkdtempSync(join(tmpdir(), 's3-outside-'));
  outside = join(temp, 'home', '.aws');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'credentials'), SECRET);
});
afterAll(async () => {
  await sandbox.close();
  rmSync(temp, { recursive: true, force: true });
});

/** A workspace in `temp` holding a built site; returns the site folder. */
function workspaceSite(name: string, extra: (site: string) => void = () => undefined): string {
  const site = join(temp, 'workspace', name);
  writeSite(undefined, (mkdirSync(site, { recursive: true }), site));
  extra(site);
  return site;
}

async function sync(
  site: string,
  inputs: Record<string, string> = {},
  workspace = join(temp, 'workspace'),
) {
  const probeLog = join(temp, `opened-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(probeLog, '');
  sandbox.calls.clear();
  const result = await runBundle(
    's3-sync',
    { source: site, bucket: BUCKET, prefix: `t-${Math.random().toString(36).slice(2)}`, ...inputs },
    {
      env: {
        ...sandbox.env(),
        GITHUB_WORKSPACE: workspace,
        NODE_OPTIONS: `--import ${PROBE}`,
        PACK_FS_PROBE_LOG: probeLog,
      },
    },
  );
  const opened = readFileSync(probeLog, 'utf8').split('\n').filter(Boolean);
  return { result, opened };
}

const errors = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error'));
const warnings = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning'));
const uploadedKeys = () =>
  sandbox.calls
    .of('PutObject')
    .map((c) =>
      String((c.input as { key?: string; Key?: string }).key ?? (c.input as { Key?: string }).Key),
    );

describe('symbolic links that leave source', () => {
  it('are refused by default, naming the link, before any upload; the target is never opened', async () => {
    const site = workspaceSite('refuse', (s) =>
      symlinkSync(join(outside, 'credentials'), join(s, 'assets', 'config.txt')),
    );
    const { result, opened } = await sync(site);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(errors(result.stdout).join('\n')).toContain('"assets/config.txt"');
    expect(errors(result.stdout).join('\n')).toContain('outside the source folder');
    expect(sandbox.calls.count('PutObject')).toBe(0);
    expect(opened.filter((p) => p.startsWith(outside))).toEqual([]);
    // Refused while listing: not even the site's own files were opened.
    expect(opened.filter((p) => p.startsWith(site))).toEqual([]);
    expect(result.stdout + result.stderr + result.summary).not.toContain('wJalrXUtnFEMI');
  });

  it("with 'symlinks: skip', are left out with a warning; the rest is published", async () => {
    const site = workspaceSite('skip', (s) =>
      symlinkSync(join(outside, 'credentials'), join(s, 'leak.txt')),
    );
    const { result, opened } = await sync(site, { symlinks: 'skip' });
    expect(result.exitCode).toBe(0);
    expect(warnings(result.stdout).join('\n')).toContain('Skipped "leak.txt"');
    expect(uploadedKeys().some((k) => k.endsWith('leak.txt'))).toBe(false);
    expect(uploadedKeys().some((k) => k.endsWith('index.html'))).toBe(true);
    expect(opened.some((p) => p.startsWith(site))).toBe(true); // the probe sees the reads
    expect(opened.filter((p) => p.startsWith(outside))).toEqual([]);
  });

  it('a broken link is refused too', async () => {
    const site = workspaceSite('broken', (s) =>
      symlinkSync(join(s, 'nowhere'), join(s, 'gone.js')),
    );
    const { result } = await sync(site);
    expect(result.exitCode).toBe(1);
    expect(errors(result.stdout).join('\n')).toContain(
      '"gone.js", which is a broken symbolic link',
    );
    expect(sandbox.calls.count('PutObject')).toBe(0);
  });

  it('a link that stays inside source publishes the file it points to', async () => {
    const site = workspaceSite('inside', (s) =>
      symlinkSync(join(s, 'index.html'), join(s, 'home.html')),
    );
    const { result } = await sync(site);
    expect(result.exitCode).toBe(0);
    expect(uploadedKeys().some((k) => k.endsWith('home.html'))).toBe(true);
  });
});

describe('a file swapped for a link after the walk', () => {
  it('over 8 MB (streamed at upload): refused at upload, naming it; the target is never opened', async () => {
    // The big file is an HTML entry point, so it goes up after every asset: it is swapped for a
    // link to the credentials when the first asset upload arrives (the walk and hashing are over).
    const site = workspaceSite('swapped', (s) =>
      writeFileSync(join(s, 'report.html'), Buffer.alloc(9 * 1024 * 1024, 'a')),
    );
    const big = join(site, 'report.html');
    let swapped = false;
    sandbox.calls.onCall((entry) => {
      if (swapped || entry.operation !== 'PutObject') return;
      swapped = true;
      rmSync(big);
      symlinkSync(join(outside, 'credentials'), big);
    });
    const { result, opened } = await sync(site);
    expect(swapped).toBe(true);
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    expect(errors(result.stdout).join('\n')).toContain(
      `Refused to read "report.html" from 'source': it was replaced by a symbolic link after the folder was read.`,
    );
    // The assets went up; the swapped file did not, and its link's target was never opened.
    expect(uploadedKeys().some((k) => k.endsWith('.js'))).toBe(true);
    expect(uploadedKeys().some((k) => k.endsWith('report.html'))).toBe(false);
    expect(opened.filter((p) => p.startsWith(outside))).toEqual([]);
    expect(result.stdout + result.stderr + result.summary).not.toContain('wJalrXUtnFEMI');
  });
});

describe('source and file names', () => {
  it('a source outside the workspace is an input error, with no request to S3', async () => {
    const site = join(temp, 'elsewhere');
    writeSite(undefined, (mkdirSync(site, { recursive: true }), site));
    const { result } = await sync(site);
    expect(result.exitCode).toBe(1);
    expect(errors(result.stdout).join('\n')).toContain("Input 'source'");
    expect(errors(result.stdout).join('\n')).toContain('outside the workspace');
    expect(sandbox.calls.all()).toHaveLength(0);
  });

  it('a source that climbs out with .. is refused; allow-source-outside-workspace permits it', async () => {
    const site = join(temp, 'climbed');
    writeSite(undefined, (mkdirSync(site, { recursive: true }), site));
    const climbing = join(temp, 'workspace', '..', 'climbed');
    expect((await sync(climbing)).result.exitCode).toBe(1);
    const allowed = await sync(climbing, { 'allow-source-outside-workspace': 'true' });
    expect(allowed.result.exitCode).toBe(0);
    expect(allowed.result.outputs.status).toBe('synced');
  });

  it('a file name with a newline is refused, shown escaped, and prints no workflow command', async () => {
    const site = workspaceSite('newline', (s) =>
      writeFileSync(join(s, 'evil\n::add-mask::x\n.js'), 'x'),
    );
    const { result } = await sync(site);
    expect(result.exitCode).toBe(1);
    expect(errors(result.stdout).join('\n')).toContain('evil\\n::add-mask::x\\n.js');
    expect(sandbox.calls.count('PutObject')).toBe(0);
    const commands = result.stdout
      .split('\n')
      .filter((l) => isWorkflowCommand(l) && !/^::(error|warning|group|endgroup)/.test(l));
    expect(commands).toEqual([]);
  });
});
