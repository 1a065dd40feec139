import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/workflows.js';
import { actionNames } from '../support/action-metadata.js';
import {
  IAM_DIR,
  iamFiles,
  neededActions,
  policyActions,
  policyIndex,
  sdkOperations,
  sourceFiles,
} from '../support/iam.js';

const index = policyIndex();

describe('IAM policies (docs/iam) against the calls each action makes', () => {
  it('assigns every policy file to exactly one role', () => {
    const assigned = index.flatMap((r) => r.policies).sort();
    expect(assigned).toEqual(iamFiles());
  });

  it('has a role for every action that calls AWS, and none for one that does not', () => {
    for (const action of actionNames(ROOT)) {
      const calls = neededActions(action).size > 0;
      const entries = index.filter((r) => r.action === action);
      expect([action, entries.length]).toEqual([action, calls ? 1 : 0]);
    }
  });

  it.each(index.filter((r) => r.action).map((r) => [r.action!, r] as const))(
    '%s: the policies grant exactly what its code calls',
    (action, role) => {
      const need = neededActions(action);
      const granted = new Set(role.policies.flatMap(policyActions));
      const ungranted = [...need]
        .filter(([iam]) => !granted.has(iam))
        .map(
          ([iam, from]) =>
            `code calls ${iam} (${from}), which no policy of ${role.policies.join(', ')} grants`,
        );
      const unused = [...granted]
        .filter((iam) => !need.has(iam))
        .map(
          (iam) =>
            `${role.policies.join(', ')} grants ${iam}, which the code of actions/${action} never calls`,
        );
      expect([...ungranted, ...unused]).toEqual([]);
    },
  );

  it('reads the commands and paginators a source imports, and follows dynamic imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-probe-'));
    try {
      writeFileSync(
        join(dir, 'index.ts'),
        [
          "import { ECSClient, StopServiceDeploymentCommand, type Service } from '@aws-sdk/client-ecs';",
          "import type { ContinueServiceDeploymentCommand } from '@aws-sdk/client-ecs';",
          "export const later = () => import('./later.js');",
        ].join('\n'),
      );
      writeFileSync(
        join(dir, 'later.ts'),
        "import {\n  paginateListObjectsV2,\n  DeleteObjectsCommand as Delete,\n} from '@aws-sdk/client-s3';\n",
      );
      const entry = join(dir, 'index.ts');
      const files = sourceFiles(entry);
      expect(files).toHaveLength(2);
      expect(sdkOperations(files)).toEqual([
        'ecs:StopServiceDeployment',
        's3:DeleteObjects',
        's3:ListObjectsV2',
      ]);
      expect([...neededActions(entry).keys()].sort()).toEqual([
        'ecs:StopServiceDeployment',
        's3:DeleteObject',
        's3:ListBucket',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads namespace imports and refuses SDK references it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-probe-'));
    try {
      const ns = join(dir, 'ns.ts');
      writeFileSync(
        ns,
        "import * as cf from '@aws-sdk/client-cloudfront';\nexport const c = new cf.CreateInvalidationCommand({} as never);\n",
      );
      expect(sdkOperations([ns])).toEqual(['cloudfront:CreateInvalidation']);
      const dynamic = join(dir, 'dynamic.ts');
      writeFileSync(
        dynamic,
        "export const load = async () => {\n  const { ECSClient, StopTaskCommand } = await import('@aws-sdk/client-ecs');\n  return [ECSClient, StopTaskCommand];\n};\n",
      );
      expect(sdkOperations([dynamic])).toEqual(['ecs:StopTask']);
      const reexport = join(dir, 'reexport.ts');
      writeFileSync(reexport, "export * from '@aws-sdk/client-ecs';\n");
      expect(() => sdkOperations([reexport])).toThrow(/cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('docs/iam/roles.md is the one scripts/iam-docs.mjs generates', () => {
    const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'iam-docs.mjs'), '--stdout'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(0);
    expect(readFileSync(join(IAM_DIR, 'roles.md'), 'utf8')).toBe(res.stdout);
  });

  it('shows every policy file in roles.md', () => {
    const roles = readFileSync(join(IAM_DIR, 'roles.md'), 'utf8');
    for (const file of iamFiles()) {
      const text = readFileSync(join(IAM_DIR, file), 'utf8').trimEnd();
      expect([file, roles.includes(text)]).toEqual([file, true]);
    }
  });
});
