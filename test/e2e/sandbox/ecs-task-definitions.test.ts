import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ClientException,
  ClusterNotFoundException,
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ECSServiceException,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { ecsClient, rawCall } from './clients.js';

const api: RegisterTaskDefinitionCommandInput = {
  family: 'cbi-api',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  executionRoleArn: 'arn:aws:iam::123456789012:role/cbi-ecs-execution',
  containerDefinitions: [
    {
      name: 'api',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/cbi:1',
      portMappings: [{ containerPort: 8000 }],
      secrets: [
        {
          name: 'DATABASE_URL',
          valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db',
        },
      ],
      healthCheck: {
        command: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'],
        interval: 30,
      },
    },
  ],
  tags: [{ key: 'team', value: 'surveillance' }],
};

let sandbox: Sandbox;
let ecs: ECSClient;

beforeAll(async () => {
  sandbox = await startSandbox({ ecs: { clusters: ['cbi-production'] } });
  ecs = ecsClient(sandbox);
});
afterAll(async () => {
  ecs.destroy();
  await sandbox.close();
});

describe('task definitions through the SDK', () => {
  it('registers revisions per family with ARNs, dates and every field sent', async () => {
    const first = await ecs.send(
      new RegisterTaskDefinitionCommand({ ...api, runtimePlatform: { cpuArchitecture: 'ARM64' } }),
    );
    const second = await ecs.send(new RegisterTaskDefinitionCommand(api));
    expect(first.taskDefinition?.taskDefinitionArn).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-api:1',
    );
    expect(second.taskDefinition?.revision).toBe(2);
    expect(second.taskDefinition?.registeredAt).toBeInstanceOf(Date);
    expect(second.taskDefinition?.compatibilities).toEqual(['EC2', 'FARGATE']);
    expect(second.tags).toEqual(api.tags);
    expect(first.taskDefinition?.runtimePlatform).toEqual({ cpuArchitecture: 'ARM64' });
    expect(first.taskDefinition?.containerDefinitions?.[0]?.portMappings).toEqual([
      { containerPort: 8000, hostPort: 8000, protocol: 'tcp' },
    ]);
  });

  it('keeps fields it does not know (newer than the SDK) and gives them back', async () => {
    const target = 'AmazonEC2ContainerServiceV20141113.';
    const sent = await rawCall(sandbox, `${target}RegisterTaskDefinition`, {
      ...api,
      family: 'cbi-future',
      somethingNew: { a: 1 },
    });
    expect(sent.status).toBe(200);
    const described = await rawCall(sandbox, `${target}DescribeTaskDefinition`, {
      taskDefinition: 'cbi-future',
    });
    const definition = described.json.taskDefinition as Record<string, unknown>;
    expect(definition.somethingNew).toEqual({ a: 1 });
    expect(typeof definition.registeredAt).toBe('number');
  });

  it('describes the latest ACTIVE revision of a family, tags only when asked', async () => {
    const plain = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'cbi-api' }));
    expect(plain.taskDefinition?.revision).toBe(2);
    expect(plain.tags).toBeUndefined();
    const tagged = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'cbi-api:1', include: ['TAGS'] }),
    );
    expect(tagged.taskDefinition?.revision).toBe(1);
    expect(tagged.tags).toEqual([{ key: 'team', value: 'surveillance' }]);
  });

  it('lists by exact family and status, sorted, in pages', async () => {
    for (let i = 0; i < 3; i += 1)
      await ecs.send(new RegisterTaskDefinitionCommand({ ...api, family: 'cbi-worker' }));
    await ecs.send(new RegisterTaskDefinitionCommand({ ...api, family: 'cbi-api-canary' }));
    const page1 = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'cbi-worker', sort: 'DESC', maxResults: 2 }),
    );
    expect(page1.taskDefinitionArns?.map((a) => a.split('/')[1])).toEqual([
      'cbi-worker:3',
      'cbi-worker:2',
    ]);
    expect(page1.nextToken).toBeDefined();
    const page2 = await ecs.send(
      new ListTaskDefinitionsCommand({
        familyPrefix: 'cbi-worker',
        sort: 'DESC',
        maxResults: 2,
        nextToken: page1.nextToken,
      }),
    );
    expect(page2.taskDefinitionArns?.map((a) => a.split('/')[1])).toEqual(['cbi-worker:1']);
    expect(page2.nextToken).toBeUndefined();
    const apiOnly = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'cbi-api' }));
    expect(apiOnly.taskDefinitionArns).toHaveLength(2);
    const all = await ecs.send(new ListTaskDefinitionsCommand({}));
    expect(all.taskDefinitionArns?.map((a) => a.split('/')[1])).toEqual([
      'cbi-api:1',
      'cbi-api:2',
      'cbi-api-canary:1',
      'cbi-future:1',
      'cbi-worker:1',
      'cbi-worker:2',
      'cbi-worker:3',
    ]);
  });

  it('deregisters a revision: INACTIVE, no longer the latest, and not runnable', async () => {
    const out = await ecs.send(
      new DeregisterTaskDefinitionCommand({ taskDefinition: 'cbi-api:2' }),
    );
    expect(out.taskDefinition?.status).toBe('INACTIVE');
    expect(out.taskDefinition?.deregisteredAt).toBeInstanceOf(Date);
    const latest = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'cbi-api' }));
    expect(latest.taskDefinition?.revision).toBe(1);
    const inactive = await ecs.send(
      new ListTaskDefinitionsCommand({ familyPrefix: 'cbi-api', status: 'INACTIVE' }),
    );
    expect(inactive.taskDefinitionArns).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-api:2',
    ]);
    await expect(
      ecs.send(new RunTaskCommand({ cluster: 'cbi-production', taskDefinition: 'cbi-api:2' })),
    ).rejects.toThrow(ClientException);
  });

  it('answers modeled errors the SDK turns into its exception classes', async () => {
    const missing = await ecs
      .send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope' }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ClientException);
    expect((missing as ClientException).message).toBe('Unable to describe task definition.');
    expect((missing as ClientException).$metadata.httpStatusCode).toBe(400);

    const fargateWithoutCpu = { ...api, cpu: undefined };
    await expect(ecs.send(new RegisterTaskDefinitionCommand(fargateWithoutCpu))).rejects.toThrow(
      "Fargate requires that 'cpu' be defined at the task level.",
    );
    await expect(
      ecs.send(new RunTaskCommand({ cluster: 'staging', taskDefinition: 'cbi-api' })),
    ).rejects.toThrow(ClusterNotFoundException);
  });

  it('answers an unknown operation as AWS does', async () => {
    const response = await fetch(sandbox.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.FlyToTheMoon',
      },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await response.json()) as { __type: string }).__type).toBe(
      'UnknownOperationException',
    );

    // The SDK, sent there (a build step renames the operation), sees the same answer as a
    // service exception of ECS, unmodeled but named and with its status.
    const client = ecsClient(sandbox);
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers['x-amz-target'] = 'AmazonEC2ContainerServiceV20141113.FlyToTheMoon';
        return next(args);
      },
      { step: 'build', name: 'renameOperation' },
    );
    const error = await client
      .send(new ListTaskDefinitionsCommand({ familyPrefix: 'cbi-api' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ECSServiceException);
    expect((error as ECSServiceException).name).toBe('UnknownOperationException');
    expect((error as ECSServiceException).$metadata.httpStatusCode).toBe(400);
  });
});
