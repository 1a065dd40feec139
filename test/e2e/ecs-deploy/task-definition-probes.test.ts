/**
 * Task definition files checked against the ECS model by the real ecs-deploy bundle: each probe
 * ends as the rule says, with no mutating call where it is an input error, and with exactly the
 * modelled, coerced members on the wire where it is not.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/index.js';
import { deploy, REGISTRY, sandbox } from './helpers.js';

let sb: Sandbox;
afterEach(async () => sb?.close());

const worker = (extra: string, container = '') => `family: cbi-worker
requiresCompatibilities: [FARGATE]
networkMode: awsvpc
executionRoleArn: arn:aws:iam::123456789012:role/cbi-ecs-execution
${extra}
containerDefinitions:
  - name: worker
    image: ${REGISTRY}/cbi:placeholder
    essential: true
${container}`;

async function deployFile(name: string, content: string | Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'td-probe-'));
  writeFileSync(join(dir, name), content);
  return deploy(
    sb,
    { services: 'cbi-worker', 'task-definition': name, images: `worker=${REGISTRY}/cbi:43d4e5f` },
    { cwd: dir },
  );
}

const registered = () =>
  sb.calls.of('RegisterTaskDefinition').map((c) => c.input as Record<string, unknown>);

describe('task definition probes (ecs-deploy)', () => {
  it('a misspelt member is an input error naming the file, path, line and the member it resembles', async () => {
    sb = await sandbox();
    const run = await deployFile(
      'worker.yaml',
      worker("cpu: '256'\nmemory: '512'", '    memoryReservaton: 256\n'),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toContain(
      "worker.yaml, containerDefinitions[0].memoryReservaton (line 11): 'memoryReservaton' is not a member of ContainerDefinition (did you mean 'memoryReservation'?)",
    );
    expect(sb.calls.mutating()).toEqual([]);
    expect(run.summary.split('\n')[0]).toMatch(/^\*\*Production was not changed\*\*/);
  });

  it('coerces unquoted YAML numbers and string ports, drops nulls, and registers that', async () => {
    sb = await sandbox();
    const run = await deployFile(
      'worker.yaml',
      worker(
        'cpu: 256\nmemory: 512\ntaskRoleArn: null',
        '    portMappings:\n      - containerPort: "8080"\n    healthCheck: null\n',
      ),
    );
    expect(run.outputs.status).toBe('succeeded');
    const [input] = registered();
    expect(input).toMatchObject({ cpu: '256', memory: '512' });
    expect(input).not.toHaveProperty('taskRoleArn');
    const container = (input!.containerDefinitions as Record<string, unknown>[])[0]!;
    expect(container.portMappings).toEqual([expect.objectContaining({ containerPort: 8080 })]);
    expect(container).not.toHaveProperty('healthCheck');
  });

  it('a value that cannot be coerced is an input error with its line', async () => {
    sb = await sandbox();
    const run = await deployFile(
      'worker.yaml',
      worker("cpu: '256'\nmemory: '512'", '    portMappings:\n      - containerPort: http\n'),
    );
    expect(run.exitCode).toBe(1);
    expect(run.errors.join('\n')).toContain(
      'containerDefinitions[0].portMappings[0].containerPort (line 12): \'containerPort\' must be a number, got "http"',
    );
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('a describe-task-definition output of a revision being deleted registers without any output-only member', async () => {
    sb = await sandbox();
    const described = {
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-worker:1',
        family: 'cbi-worker',
        revision: 1,
        status: 'DELETE_IN_PROGRESS',
        deleteRequestedAt: '2026-11-30T10:00:00.000Z',
        registeredAt: '2026-11-01T10:00:00.000Z',
        registeredBy: 'arn:aws:sts::123456789012:assumed-role/deploy/gh',
        requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }],
        compatibilities: ['EC2', 'FARGATE'],
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'worker', image: `${REGISTRY}/cbi:old`, essential: true }],
      },
      tags: [{ key: 'team', value: 'cbi' }],
    };
    const run = await deployFile('described.json', JSON.stringify(described, null, 2));
    expect(run.outputs.status).toBe('succeeded');
    const [input] = registered();
    for (const member of [
      'taskDefinitionArn',
      'revision',
      'status',
      'deleteRequestedAt',
      'registeredAt',
      'registeredBy',
      'requiresAttributes',
      'compatibilities',
    ])
      expect(input).not.toHaveProperty(member);
    expect(input!.tags).toEqual([{ key: 'team', value: 'cbi' }]);
  });

  it('rendering from a live revision whose deletion was requested sends no deleteRequestedAt', async () => {
    sb = await sandbox();
    const revisions = sb.state.ecs.taskDefinitions.get('cbi-worker')!;
    // The service runs a revision whose deletion was requested: ECS returns deleteRequestedAt.
    revisions[revisions.length - 1]!.definition.deleteRequestedAt = new Date();
    const run = await deploy(sb, {
      services: 'cbi-worker',
      images: `worker=${REGISTRY}/cbi:43d4e5f`,
    });
    expect(run.outputs.status).toBe('succeeded');
    const [input] = registered();
    expect(input).toBeDefined();
    expect(input).not.toHaveProperty('deleteRequestedAt');
    expect(input).not.toHaveProperty('status');
  });

  it('Latin-1 bytes are an input error, not U+FFFD sent to ECS', async () => {
    sb = await sandbox();
    const latin1 = Buffer.from(
      worker(
        "cpu: '256'\nmemory: '512'",
        '    environment:\n      - { name: CITY, value: Orl\xe9ans }\n',
      ),
      'latin1',
    );
    const run = await deployFile('worker.yaml', latin1);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toMatch(
      /Input 'task-definition' file worker\.yaml holds a byte that is not UTF-8 .*at line 12/,
    );
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('a member unknown to the model is sent with a warning', async () => {
    sb = await sandbox();
    const run = await deployFile(
      'worker.yaml',
      worker("cpu: '256'\nmemory: '512'\nbrandNewEcsKnob: { on: true }"),
    );
    expect(run.outputs.status).toBe('succeeded');
    expect(
      run.annotations
        .filter((a) => a.level === 'warning')
        .map((a) => a.message)
        .join('\n'),
    ).toContain("worker.yaml, brandNewEcsKnob (line 7): 'brandNewEcsKnob' is not in the ECS model");
    expect(registered()[0]).toMatchObject({ brandNewEcsKnob: { on: true } });
  });

  it("a file of another family than the service's is an input error, with no mutating call", async () => {
    sb = await sandbox();
    const run = await deployFile(
      'worker.yaml',
      worker("cpu: '256'\nmemory: '512'").replace('family: cbi-worker', 'family: cbi-jobs'),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.errors.join('\n')).toContain(
      "Input 'task-definition' file worker.yaml is of family 'cbi-jobs', but service 'cbi-worker' runs family 'cbi-worker'.",
    );
    expect(run.errors.join('\n')).toContain("set 'allow-family-change: true'");
    expect(sb.calls.mutating()).toEqual([]);
  });

  it('allow-family-change: true registers and deploys the other family', async () => {
    sb = await sandbox();
    const dir = mkdtempSync(join(tmpdir(), 'td-probe-'));
    writeFileSync(
      join(dir, 'worker.yaml'),
      worker("cpu: '256'\nmemory: '512'").replace('family: cbi-worker', 'family: cbi-jobs'),
    );
    const run = await deploy(
      sb,
      {
        services: 'cbi-worker',
        'task-definition': 'worker.yaml',
        images: `worker=${REGISTRY}/cbi:43d4e5f`,
        'allow-family-change': 'true',
      },
      { cwd: dir },
    );
    expect(run.outputs.status).toBe('succeeded');
    expect(registered()).toEqual([expect.objectContaining({ family: 'cbi-jobs' })]);
    expect(run.outputs['task-definition-arn']).toMatch(/:task-definition\/cbi-jobs:1$/);
  });
});
