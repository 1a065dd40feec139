/**
 * Bad inputs, dry-run and strategy checks: each fails (or previews) with one clear line and
 * makes no mutating call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/index.js';
import { REGISTRY, deploy, sandbox } from './helpers.js';

let sb: Sandbox;
const dir = mkdtempSync(join(tmpdir(), 'ecs-deploy-inputs-'));
const broken = join(dir, 'broken.json');
const noFamily = join(dir, 'no-family.yaml');
writeFileSync(broken, '{ "family": "cbi-api", ');
writeFileSync(noFamily, 'containerDefinitions:\n  - name: api\n    image: cbi:1\n');

beforeAll(async () => {
  sb = await sandbox();
});
afterAll(async () => {
  await sb.close();
});

const ok = { services: 'cbi-api', images: `api=${REGISTRY}/cbi:42c3e4a` };

const BAD: [string, Record<string, string>, RegExp][] = [
  ['missing cluster', { ...ok, cluster: '' }, /^Input 'cluster' is required/],
  ['missing services', { services: '' }, /^Input 'services' is required/],
  [
    'a service listed twice',
    { ...ok, services: 'cbi-api, cbi-api' },
    /^Input 'services' lists 'cbi-api' twice/,
  ],
  ['a malformed service name', { ...ok, services: 'cbi api' }, /^Input 'services' names 'cbi api'/],
  [
    'an unknown service',
    { ...ok, services: 'cbi-apii' },
    /^Input 'services' names a service .*'cbi-apii' \(MISSING\)/,
  ],
  [
    'both task-definition and task-definition-arn',
    { ...ok, images: '', 'task-definition': broken, 'task-definition-arn': 'cbi-api:1' },
    /^Input 'task-definition' cannot be combined with 'task-definition-arn'/,
  ],
  [
    'images with task-definition-arn',
    { ...ok, 'task-definition-arn': 'cbi-api:1' },
    /^Input 'images' cannot be combined with 'task-definition-arn'/,
  ],
  [
    'a malformed task-definition-arn',
    { ...ok, images: '', 'task-definition-arn': 'cbi-api:latest' },
    /^Input 'task-definition-arn' must be family:revision/,
  ],
  [
    'a task-definition-arn ECS does not know',
    { ...ok, images: '', 'task-definition-arn': 'cbi-api:99' },
    /^Input 'task-definition-arn' names cbi-api:99, which ECS cannot describe/,
  ],
  [
    'an images line without =',
    { ...ok, images: `${REGISTRY}/cbi:42` },
    /^Input 'images' line 1 must be container=image/,
  ],
  [
    'an image for a container the definition lacks',
    { ...ok, images: `web=${REGISTRY}/cbi:42` },
    /^Input 'images' names container 'web', which is not in task definition 'cbi-api' \(containers: api\)/,
  ],
  [
    'with several services, an image for a container none of them has',
    { services: 'cbi-api\ncbi-worker', images: `api=${REGISTRY}/cbi:42\nzzz=${REGISTRY}/cbi:42` },
    /^Input 'images' names container 'zzz', which none of the services' task definitions has \(containers: api, worker\)/,
  ],
  [
    'a task-definition file that does not exist',
    { ...ok, 'task-definition': 'deploy/missing.json' },
    /^Input 'task-definition' names deploy\/missing.json, which does not exist/,
  ],
  [
    'a task-definition file that is not JSON',
    { ...ok, 'task-definition': broken },
    /^Input 'task-definition' file .*broken.json is not valid JSON/,
  ],
  [
    'a task-definition file without family',
    { ...ok, 'task-definition': noFamily },
    /^Input 'task-definition' file .*no-family.yaml has no 'family'/,
  ],
  [
    'an unknown strategy',
    { ...ok, strategy: 'blue/green' },
    /^Input 'strategy' must be one of auto, rolling, blue-green, linear, canary, got 'blue\/green'/,
  ],
  [
    'canary on a rolling service',
    { ...ok, strategy: 'canary' },
    /^Input 'strategy' is 'canary', but service 'cbi-api' uses the ECS deployment controller and is deployed with rolling updates/,
  ],
  [
    'an appspec for a service that is not on CodeDeploy',
    { ...ok, appspec: 'appspec.yaml' },
    /^Input 'appspec' applies to CodeDeploy blue\/green only, but service 'cbi-api'/,
  ],
  [
    'hook-action without service-deployment-arns',
    { services: 'cbi-api', 'hook-action': 'continue' },
    /^Input 'service-deployment-arns' is required with 'hook-action'/,
  ],
  [
    'hook-action with images',
    { ...ok, 'hook-action': 'continue' },
    /^Input 'images' cannot be combined with 'hook-action'/,
  ],
  [
    'blue-green on an ECS-controller service',
    { ...ok, strategy: 'blue-green' },
    /^Input 'strategy' is 'blue-green', but service 'cbi-api' uses the ECS deployment controller/,
  ],
  [
    'rolling on a CODE_DEPLOY service',
    { ...ok, services: 'cbi-api-bluegreen', strategy: 'rolling' },
    /^Input 'strategy' is 'rolling', but service 'cbi-api-bluegreen' uses the CODE_DEPLOY deployment controller/,
  ],
  ['a non-boolean wait', { ...ok, wait: 'sometimes' }, /^Input 'wait' must be true or false/],
  [
    'a zero timeout',
    { ...ok, 'timeout-minutes': '0' },
    /^Input 'timeout-minutes' must be greater than 0/,
  ],
  [
    'a non-numeric poll interval',
    { ...ok, 'poll-interval-seconds': '5s' },
    /^Input 'poll-interval-seconds' must be a number/,
  ],
  [
    'a fractional desired-count',
    { ...ok, 'desired-count': '1.5' },
    /^Input 'desired-count' must be a whole number/,
  ],
  [
    'a negative desired-count',
    { ...ok, 'desired-count': '-1' },
    /^Input 'desired-count' must be at least 0/,
  ],
  [
    'a non-boolean rollback-on-failure',
    { ...ok, 'rollback-on-failure': 'maybe' },
    /^Input 'rollback-on-failure' must be true or false/,
  ],
  [
    'a non-boolean dry-run',
    { ...ok, 'dry-run': 'yes please' },
    /^Input 'dry-run' must be true or false/,
  ],
];

describe('ecs-deploy bad inputs', () => {
  it.each(BAD)('rejects %s with one line and no mutating call', async (_name, inputs, message) => {
    const before = sb.calls.mutating().length;
    const run = await deploy(sb, inputs);
    expect(run.exitCode).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(message);
    expect(run.errors[0]).not.toContain('\n');
    expect(run.log).not.toMatch(/\n\s+at /); // no stack trace
    expect(sb.calls.mutating().length).toBe(before);
  });
});

describe('ecs-deploy dry-run', () => {
  it('prints the diff against the live definition and makes no mutating call', async () => {
    const before = sb.calls.mutating().length;
    const run = await deploy(sb, { ...ok, 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('dry-run');
    expect(sb.calls.mutating().length).toBe(before);
    const change = `~ containerDefinitions[api].image: "${REGISTRY}/cbi:41b2d3f" -> "${REGISTRY}/cbi:42c3e4a"`;
    expect(run.stdout).toContain(change);
    expect(run.summary).toContain(change);
    expect(run.stdout).toContain('would register a new revision of cbi-api');
    expect(run.summary).toContain('cbi-api:2 → a new revision');
    // The table comes first, then each service's diff.
    expect(run.summary.indexOf('| service |')).toBeGreaterThanOrEqual(0);
    expect(run.summary.indexOf('| service |')).toBeLessThan(run.summary.indexOf(change));
  });

  it('says when nothing would change', async () => {
    const run = await deploy(sb, { services: 'cbi-worker', 'dry-run': 'true' });
    expect(run.outputs.status).toBe('dry-run');
    expect(run.stdout).toContain('would deploy cbi-worker:1');
    expect(run.stdout).toContain('no change to the task definition');
  });
});
