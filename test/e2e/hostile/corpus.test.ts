/**
 * Hostile values through every input of every action (read from each actions/x/action.yml) and
 * through the file names an action reads (s3-sync's site, cloudfront-invalidate's paths-file
 * lines, ecs-deploy's task-definition path), running the real bundles against the sandbox. No
 * run may print a line the runner would obey, write an undeclared output or anything to
 * GITHUB_ENV / GITHUB_STATE / GITHUB_PATH, or end without `status`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { rollingDeploy } from '../../../sandbox/scenarios/rolling-deploy.js';
import { WEBHOOK_BOT_TOKEN, WEBHOOK_SECRET } from '../../../sandbox/scenarios/webhook-common.js';
import { actionNames } from '../../support/action-metadata.js';
import { runBundle, type RunResult } from '../../support/run-bundle.js';
import { writeSite } from '../s3-sync/site.js';
import { CORPUS, defaults, expectSafe, inputNames, inTurn, MARK } from './corpus.js';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
let temp: string;
beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'hostile-'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Setup {
  sandbox: Sandbox;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  cwd?: string;
}

/** A sandbox and inputs with which each action succeeds, so a hostile value travels far. */
const SETUPS: Record<string, () => Promise<Setup>> = {
  'cloudfront-invalidate': async () => ({
    sandbox: await startSandbox('frontend-publish', { timeScale: 0.005 }),
    inputs: {
      'distribution-id': 'E2CBIDASHBOARD',
      paths: '/index.html',
      'poll-interval-seconds': '0.05',
    },
  }),
  'ecs-deploy': async () => ({
    sandbox: await startSandbox(rollingDeploy, { timeScale: 0.02 }),
    inputs: {
      cluster: 'cbi-production',
      services: 'cbi-api',
      images: `api=${REGISTRY}/cbi:42c3e4a`,
      'poll-interval-seconds': '0.1',
    },
  }),
  'run-migration': async () => ({
    sandbox: await startSandbox('one-off-tasks', { timeScale: 0.05 }),
    inputs: {
      cluster: 'cbi-production',
      'task-definition': 'cbi-migrate',
      subnets: 'subnet-0a1b2c3d4e5f60718',
      'security-groups': 'sg-0cbi0migrate',
      command: 'alembic upgrade head',
      'poll-interval-seconds': '0.05',
    },
  }),
  's3-sync': async () => {
    const site = writeSite();
    return {
      sandbox: await startSandbox('frontend-publish', { timeScale: 0.01 }),
      inputs: { source: site, bucket: 'cbi-dashboard-prod' },
      env: { GITHUB_WORKSPACE: dirname(site) },
    };
  },
  'verify-webhook': async () => {
    const sandbox = await startSandbox('webhook-telegram');
    return {
      sandbox,
      inputs: {
        provider: 'telegram',
        url: `${sandbox.url}/hooks/telegram`,
        secret: WEBHOOK_SECRET,
        'telegram-bot-token': WEBHOOK_BOT_TOKEN,
        'telegram-api-url': sandbox.url,
        'timeout-seconds': '3',
      },
    };
  },
};

async function run(
  action: string,
  setup: Setup,
  inputs: Record<string, string>,
): Promise<RunResult> {
  return runBundle(
    action,
    { ...defaults(action), ...setup.inputs, ...inputs },
    {
      env: { ...setup.sandbox.env(), ...setup.env },
      timeoutMs: 90_000,
      ...(setup.cwd ? { cwd: setup.cwd } : {}),
    },
  );
}

describe.each(actionNames())('%s', (action) => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await SETUPS[action]!();
  });
  afterAll(() => setup.sandbox.close());

  it('runs clean with the baseline inputs (the corpus starts from a success)', async () => {
    const result = await run(action, setup, {});
    expectSafe(action, 'baseline', result);
    expect({
      exitCode: result.exitCode,
      errors: result.annotations.filter((a) => a.level === 'error'),
    }).toEqual({
      exitCode: 0,
      errors: [],
    });
  });

  it('every input, every hostile value', async () => {
    const cases = inputNames(action).flatMap((input) =>
      Object.entries(CORPUS).map(([kind, value]) => ({ input, kind, value })),
    );
    await inTurn(
      cases.map(({ input, kind, value }) => async () => {
        const result = await run(action, setup, { [input]: value });
        expectSafe(action, `${input} = <${kind}>`, result);
      }),
    );
  });
});

describe('hostile file names', () => {
  it('s3-sync: names that are runner commands are published and printed harmlessly; control characters are refused', async () => {
    const sandbox = await startSandbox('frontend-publish', { timeScale: 0.01 });
    try {
      const names = [
        `::add-mask::${MARK}.html`,
        `##[error]${MARK}.js`,
        `::stop-commands::${MARK}/x.css`,
      ];
      const site = writeSite(
        Object.fromEntries([['index.html', '<p>hi</p>'], ...names.map((n) => [n, 'x'])]),
        (mkdirSync(join(temp, 'ws', 'plain'), { recursive: true }), join(temp, 'ws', 'plain')),
      );
      const env = { ...sandbox.env(), GITHUB_WORKSPACE: join(temp, 'ws') };
      const published = await runBundle(
        's3-sync',
        { source: site, bucket: 'cbi-dashboard-prod' },
        { env },
      );
      expectSafe('s3-sync', 'plain hostile names', published);
      expect(published.exitCode).toBe(0);
      expect(published.outputs.uploaded).toBe('4');
      for (const [i, bad] of [
        'a\n::error::PWN7.js',
        'b\r::add-mask::PWN7.js',
        'c\u2028.js',
        'd\u001b[2J.js',
      ].entries()) {
        const dir = join(temp, 'ws', `bad${i}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'index.html'), 'x');
        writeFileSync(join(dir, bad), 'x');
        const refused = await runBundle(
          's3-sync',
          { source: dir, bucket: 'cbi-dashboard-prod' },
          { env },
        );
        expectSafe('s3-sync', `file name ${JSON.stringify(bad)}`, refused);
        expect(refused.exitCode).toBe(1);
        expect(refused.outputs.uploaded ?? '0').toBe('0');
      }
    } finally {
      await sandbox.close();
    }
  });

  it('cloudfront-invalidate: paths-file lines', async () => {
    const sandbox = await startSandbox('frontend-publish', { timeScale: 0.005 });
    try {
      const inputs = {
        ...defaults('cloudfront-invalidate'),
        'distribution-id': 'E2CBIDASHBOARD',
        'poll-interval-seconds': '0.05',
      };
      const files: [string, string][] = [
        [
          'commands',
          `/ok.html\n/::add-mask::${MARK}\n/##[error]${MARK}\n::stop-commands::${MARK}\n`,
        ],
        ['lone CR', `/a.html\r::set-output name=status::${MARK}\n`],
        ['ESC and U+2028', `/a\u001b[31m.html\n/b\u2028::error::${MARK}\n`],
        ['NUL', `/a\u0000::error::${MARK}.html\n`],
      ];
      for (const [label, text] of files) {
        const file = join(temp, `paths-${label.replace(/\W/g, '')}.txt`);
        writeFileSync(file, text);
        const result = await runBundle(
          'cloudfront-invalidate',
          { ...inputs, 'paths-file': file },
          { env: sandbox.env() },
        );
        expectSafe('cloudfront-invalidate', `paths-file ${label}`, result);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('ecs-deploy and run-migration: a task-definition path or name that is a runner command', async () => {
    const sandbox = await startSandbox(rollingDeploy, { timeScale: 0.02 });
    try {
      const dir = join(temp, 'repo');
      mkdirSync(join(dir, `::stop-commands::${MARK}`), { recursive: true });
      const file = `::stop-commands::${MARK}/##[error]${MARK}.json`;
      writeFileSync(
        join(dir, file),
        JSON.stringify({
          family: 'cbi-api',
          containerDefinitions: [{ name: 'api', image: `${REGISTRY}/cbi:1`, memory: 256 }],
        }),
      );
      for (const path of [file, `missing\n::error::${MARK}.json`, `::add-mask::${MARK}.json`]) {
        const result = await runBundle(
          'ecs-deploy',
          {
            ...defaults('ecs-deploy'),
            cluster: 'cbi-production',
            services: 'cbi-api',
            'task-definition': path,
            'poll-interval-seconds': '0.1',
          },
          { env: sandbox.env(), cwd: dir, timeoutMs: 90_000 },
        );
        expectSafe('ecs-deploy', `task-definition ${JSON.stringify(path)}`, result);
      }
    } finally {
      await sandbox.close();
    }
  });
});
