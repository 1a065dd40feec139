import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  ECSServiceException,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { FARGATE_NETWORK, clientConfig } from './clients.js';

let sandbox: Sandbox;
let ecs: ECSClient;

beforeEach(async () => {
  sandbox = await startSandbox('one-off-tasks');
  ecs = new ECSClient({ ...clientConfig(sandbox), maxAttempts: 4 });
});
afterEach(async () => {
  ecs.destroy();
  await sandbox.close();
});

describe('hang, truncate and garble', () => {
  it('hang: the request is read and never answered, until the client gives up', async () => {
    sandbox.faults.add({ operation: 'ListTaskDefinitions', kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const error = await ecs
      .send(new ListTaskDefinitionsCommand({}), { abortSignal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(sandbox.calls.of('ListTaskDefinitions').map((c) => [c.status, c.fault])).toEqual([
      [0, 'hang'],
    ]);
  });

  it('truncate and garble: the call is applied, and its answer cannot be read', async () => {
    const client = new ECSClient({ ...clientConfig(sandbox), maxAttempts: 1 });
    for (const kind of ['truncate', 'garble'] as const) {
      sandbox.faults.add({ operation: 'RegisterTaskDefinition', kind });
      const error = await client
        .send(
          new RegisterTaskDefinitionCommand({
            family: `broken-${kind}`,
            containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }],
          }),
        )
        .catch((e: unknown) => e);
      expect((error as Error).message).toContain('Deserialization error');
      const listed = await client.send(
        new ListTaskDefinitionsCommand({ familyPrefix: `broken-${kind}` }),
      );
      expect(listed.taskDefinitionArns).toHaveLength(1);
    }
    client.destroy();
    expect(sandbox.calls.of('RegisterTaskDefinition').map((c) => [c.status, c.fault])).toEqual([
      [200, 'truncate'],
      [200, 'garble'],
    ]);
  });
});

describe('injected faults', () => {
  it('throttles in the JSON 1.1 shape and the SDK retries through it', async () => {
    sandbox.faults.add({ operation: 'DescribeTaskDefinition', kind: 'throttle', times: 2 });
    const out = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'cbi-migrate' }),
    );
    expect(out.taskDefinition?.family).toBe('cbi-migrate');
    expect(out.$metadata.attempts).toBe(3);
    expect(sandbox.calls.of('DescribeTaskDefinition').map((c) => [c.status, c.fault])).toEqual([
      [400, 'throttle'],
      [400, 'throttle'],
      [200, undefined],
    ]);
  });

  it('gives up with ThrottlingException when throttling outlasts the retries', async () => {
    sandbox.faults.add({ operation: 'ListTaskDefinitions', kind: 'throttle', times: Infinity });
    const error = await ecs.send(new ListTaskDefinitionsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ECSServiceException);
    expect((error as ECSServiceException).name).toBe('ThrottlingException');
    expect((error as ECSServiceException).$metadata.httpStatusCode).toBe(400);
    expect(sandbox.calls.count('ListTaskDefinitions')).toBe(4);
  });

  it('answers 500 InternalFailure and 503 ServiceUnavailable, both retried', async () => {
    sandbox.faults.add({ operation: 'ListTaskDefinitions', kind: 'server-error' });
    sandbox.faults.add({ operation: 'ListTaskDefinitions', kind: 'server-error', status: 503 });
    const out = await ecs.send(new ListTaskDefinitionsCommand({}));
    expect(out.taskDefinitionArns).toHaveLength(1);
    expect(sandbox.calls.of('ListTaskDefinitions').map((c) => c.status)).toEqual([500, 503, 200]);
  });

  it('starts exactly one task when RunTask is applied but its answer is lost', async () => {
    sandbox.faults.add({ operation: 'RunTask', kind: 'drop-after-apply' });
    const out = await ecs.send(
      new RunTaskCommand({
        cluster: 'cbi-production',
        taskDefinition: 'cbi-migrate',
        clientToken: 'cbi-migrate-7311892045-1',
        ...FARGATE_NETWORK,
        overrides: {
          containerOverrides: [{ name: 'migrate', command: ['alembic', 'upgrade', 'head'] }],
        },
      }),
    );
    expect(out.$metadata.attempts).toBe(2);
    expect(sandbox.calls.count('RunTask')).toBe(2);
    expect(sandbox.calls.of('RunTask')[0]?.fault).toBe('drop-after-apply');
    expect(sandbox.state.ecs.tasks.size).toBe(1);
    expect(out.tasks?.[0]?.taskArn).toBe([...sandbox.state.ecs.tasks.values()][0]!.arn);
  });

  it("relies on the SDK's own idempotency token when the caller gives none", async () => {
    sandbox.faults.add({ operation: 'RunTask', kind: 'drop-after-apply' });
    await ecs.send(
      new RunTaskCommand({
        cluster: 'cbi-production',
        taskDefinition: 'cbi-migrate',
        ...FARGATE_NETWORK,
      }),
    );
    const [dropped, retried] = sandbox.calls.of('RunTask');
    expect((dropped!.input as { clientToken: string }).clientToken).toBe(
      (retried!.input as { clientToken: string }).clientToken,
    );
    expect(sandbox.state.ecs.tasks.size).toBe(1);
  });

  it('drops before applying, and delays by the given latency', async () => {
    sandbox.faults.add({ operation: 'ListTaskDefinitions', kind: 'drop-before-apply' });
    sandbox.faults.add({ operation: 'ListTaskDefinitions', kind: 'latency', latencyMs: 50 });
    const out = await ecs.send(new ListTaskDefinitionsCommand({}));
    expect(out.taskDefinitionArns).toHaveLength(1);
    expect(sandbox.calls.of('ListTaskDefinitions').map((c) => [c.status, c.fault])).toEqual([
      [0, 'drop-before-apply'],
      [200, 'latency'],
    ]);
    expect(sandbox.faults.list().every((f) => f.remaining === 0)).toBe(true);
  });

  it('counts mutating calls', async () => {
    await ecs.send(new ListTaskDefinitionsCommand({}));
    await ecs.send(
      new RunTaskCommand({
        cluster: 'cbi-production',
        taskDefinition: 'cbi-migrate',
        ...FARGATE_NETWORK,
      }),
    );
    expect(sandbox.calls.mutating().map((c) => c.operation)).toEqual(['RunTask']);
    sandbox.calls.clear();
    expect(sandbox.calls.all()).toEqual([]);
  });
});

describe('rate limits', () => {
  it('throttles calls beyond the bucket, as AWS does per account and region', async () => {
    const limited = await startSandbox({
      ...sandbox.scenario,
      rateLimits: [{ operation: 'RegisterTaskDefinition', perSecond: 0.001, burst: 2 }],
    });
    const client = new ECSClient({ ...clientConfig(limited), maxAttempts: 1 });
    try {
      const register = () =>
        client.send(
          new RegisterTaskDefinitionCommand({
            family: 'cbi-api',
            containerDefinitions: [{ name: 'api', image: 'cbi:1' }],
          }),
        );
      await register();
      await register();
      const error = await register().catch((e: unknown) => e);
      expect((error as ECSServiceException).name).toBe('ThrottlingException');
      expect(limited.calls.of('RegisterTaskDefinition').map((c) => c.fault)).toEqual([
        undefined,
        undefined,
        'rate-limit',
      ]);
      expect(limited.calls.count('DescribeTaskDefinition')).toBe(0);
    } finally {
      client.destroy();
      await limited.close();
    }
  });
});
