/**
 * Against a tiny ECS stand-in speaking JSON 1.1 on loopback: the real SDK client with the
 * middlewares that keep fields the SDK does not model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  describeTaskDefinition,
  registerIfChanged,
} from '../../../src/lib/task-definition-registry.js';
import { applyImages, stripReadOnly } from '../../../src/lib/task-definition.js';

const latest = {
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-api:7',
  family: 'cbi-api',
  revision: 7,
  status: 'ACTIVE',
  registeredAt: 1_763_000_000.123,
  networkMode: 'awsvpc',
  featureFromTheFuture: { mode: 'on' },
  containerDefinitions: [
    { name: 'api', image: 'repo/api:1', essential: true, newContainerKnob: 3 },
  ],
};

let server: Server;
let requests: { target: string; body: Record<string, unknown> }[] = [];
let families: Record<string, unknown> = {};
let client: ECSClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']).split('.')[1]!;
      const body = JSON.parse(text) as Record<string, unknown>;
      requests.push({ target, body });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target === 'DescribeTaskDefinition') {
        const def = families[String(body.taskDefinition)];
        if (!def) {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              __type: 'ClientException',
              message: 'Unable to describe task definition.',
            }),
          );
          return;
        }
        res.end(JSON.stringify({ taskDefinition: def, tags: [{ key: 'team', value: 'cbi' }] }));
      } else if (target === 'RegisterTaskDefinition') {
        const def = {
          ...body,
          taskDefinitionArn: `${latest.taskDefinitionArn.replace(/:7$/, ':8')}`,
          revision: 8,
          status: 'ACTIVE',
        };
        delete (def as Record<string, unknown>).tags;
        res.end(JSON.stringify({ taskDefinition: def, tags: body.tags ?? [] }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'UnknownOperationException' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new ECSClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});

afterAll(() => {
  client.destroy();
  server.close();
});

beforeEach(() => {
  requests = [];
  families = { 'cbi-api': latest };
});

describe('describeTaskDefinition', () => {
  it('keeps fields the SDK does not model, at every level, and the tags', async () => {
    const td = await describeTaskDefinition(client, 'cbi-api');
    expect(td.arn).toBe(latest.taskDefinitionArn);
    expect(td.revision).toBe(7);
    expect(td.definition.featureFromTheFuture).toEqual({ mode: 'on' });
    expect(td.definition.containerDefinitions![0]!.newContainerKnob).toBe(3);
    expect(td.tags).toEqual([{ key: 'team', value: 'cbi' }]);
    expect(requests[0]!.body).toEqual({ taskDefinition: 'cbi-api', include: ['TAGS'] });
  });
});

describe('registerIfChanged', () => {
  it('reuses the latest revision when the rendered definition is the same', async () => {
    const result = await registerIfChanged(client, stripReadOnly(latest));
    expect(result.registered).toBe(false);
    expect(result.taskDefinition.arn).toBe(latest.taskDefinitionArn);
    expect(requests.map((r) => r.target)).toEqual(['DescribeTaskDefinition']);
  });

  it('registers a changed definition with every field, unmodelled ones included', async () => {
    const rendered = applyImages(stripReadOnly(latest), new Map([['api', 'repo/api:2']]));
    const result = await registerIfChanged(client, rendered, [{ key: 'team', value: 'cbi' }]);
    expect(result.registered).toBe(true);
    expect(result.taskDefinition.revision).toBe(8);
    const sent = requests.find((r) => r.target === 'RegisterTaskDefinition')!.body;
    expect(sent.featureFromTheFuture).toEqual({ mode: 'on' });
    expect(sent.containerDefinitions).toEqual([
      { name: 'api', image: 'repo/api:2', essential: true, newContainerKnob: 3 },
    ]);
    expect(sent.tags).toEqual([{ key: 'team', value: 'cbi' }]);
    for (const readOnly of ['taskDefinitionArn', 'revision', 'status', 'registeredAt'])
      expect(sent).not.toHaveProperty(readOnly);
    expect(result.taskDefinition.definition.featureFromTheFuture).toEqual({ mode: 'on' });
  });

  it('registers the first revision of a new family', async () => {
    families = {};
    const result = await registerIfChanged(client, {
      family: 'cbi-api',
      containerDefinitions: [{ name: 'api', image: 'x:1' }],
    });
    expect(result.registered).toBe(true);
    expect(requests.map((r) => r.target)).toEqual([
      'DescribeTaskDefinition',
      'RegisterTaskDefinition',
    ]);
  });
});
