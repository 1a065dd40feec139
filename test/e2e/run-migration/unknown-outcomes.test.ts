/**
 * Writes whose answer is lost, interruptions and inputs checked before RunTask, with the real
 * bundle against the sandbox: one revision and one task whatever happens to the answers.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { errorsOf, migrate, TIME_SCALE } from './helpers.js';

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox('one-off-tasks', { timeScale: TIME_SCALE });
});
afterEach(async () => sandbox.close());

const taskCount = (): number => sandbox.state.ecs.tasks.size;
const revisions = (family: string): number =>
  (sandbox.state.ecs.taskDefinitions.get(family) ?? []).length;
const IMAGE = 'migrate=123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:7d1e0aa';

describe('answers lost after the write was applied', () => {
  it.each(['drop-after-apply', 'error-after-apply'] as const)(
    'RunTask %s: one task, reconciled by its client token and followed, not "refused"',
    async (kind) => {
      sandbox.faults.add({ operation: 'RunTask', kind });
      const result = await migrate(sandbox, { command: 'alembic upgrade head' });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.status).toBe('succeeded');
      expect(taskCount()).toBe(1);
      // The lost answer is settled by looking for the task, not by resending RunTask.
      expect(sandbox.calls.of('RunTask')).toHaveLength(1);
      expect(result.stdout).toContain("carries this step's client token");
      expect(result.stdout + errorsOf(result).join('\n')).not.toContain('refused');
    },
  );

  it.each(['drop-after-apply', 'error-after-apply'] as const)(
    'RegisterTaskDefinition %s: one new revision, and the task runs it',
    async (kind) => {
      const before = revisions('cbi-migrate');
      sandbox.faults.add({ operation: 'RegisterTaskDefinition', kind });
      const result = await migrate(sandbox, { command: 'alembic upgrade head', images: IMAGE });
      expect(result.exitCode).toBe(0);
      expect(revisions('cbi-migrate')).toBe(before + 1);
      expect(sandbox.calls.of('RegisterTaskDefinition')).toHaveLength(1);
      expect(result.outputs['task-definition-arn']).toMatch(
        new RegExp(`cbi-migrate:${before + 1}$`),
      );
      expect(taskCount()).toBe(1);
    },
  );

  it('a RunTask that never gets an answer fails as unknown, naming how to look for the task', async () => {
    sandbox.faults.add({ operation: 'RunTask', kind: 'drop-before-apply', times: Infinity });
    const result = await migrate(sandbox, { command: 'alembic upgrade head' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.status).toBe('failed');
    const errors = errorsOf(result).join('\n');
    expect(errors).toContain(
      'The migration task may not have started: RunTask got no definite answer in 5 attempts',
    );
    expect(errors).toContain(
      'aws ecs list-tasks --cluster cbi-production --started-by migrate/cbi-migrate',
    );
    expect(errors).not.toContain('refused');
    expect(taskCount()).toBe(0);
    expect(result.summary).toContain('Migration cbi-migrate: failed');
  });
});

describe('interruptions', () => {
  it('an interrupted migration whose container exits 0 fails', async () => {
    const result = await migrate(sandbox, { command: 'spot' });
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ status: 'failed', 'exit-code': '0' });
    expect(errorsOf(result).join('\n')).toContain('was interrupted (stop code SpotInterruption');
    expect(result.summary).toContain('SpotInterruption');
  });
});

describe('inputs checked before RunTask', () => {
  it.each([
    ['subnets', { subnets: 'subnet-xyz' }, "Input 'subnets' holds 'subnet-xyz'"],
    ['security-groups', { 'security-groups': 'sg-web' }, "Input 'security-groups' holds 'sg-web'"],
    [
      'platform-version',
      { 'platform-version': 'latest-ish' },
      "Input 'platform-version' must be LATEST",
    ],
    [
      'a 9000-character command',
      { command: `echo ${'x'.repeat(9000)}` },
      "Input 'command' and 'environment' make container overrides",
    ],
    [
      'volume-configurations',
      {
        'volume-configurations':
          '- name: scratch\n  managedEBSVolume:\n    roleArn: arn:aws:iam::123456789012:role/ecsInfrastructureRole\n',
      },
      "Input 'volume-configurations' configures volume 'scratch', but task definition 'cbi-migrate' has no volume of that name configured at launch",
    ],
  ] as [string, Record<string, string>, string][])(
    '%s: an input error, no mutating call',
    async (_label, inputs, message) => {
      const result = await migrate(sandbox, { command: 'alembic upgrade head', ...inputs });
      expect(result.exitCode).toBe(1);
      expect(errorsOf(result).join('\n')).toContain(message);
      expect(sandbox.calls.mutating()).toEqual([]);
    },
  );
});
