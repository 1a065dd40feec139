import { describe, expect, it } from '@jest/globals';
import { DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { dryRun } from '../../../src/ecs-deploy/dry-run.js';
import type { ServicePlan } from '../../../src/ecs-deploy/render.js';
import { service } from './fixtures.js';

const rendered = {
  family: 'cbi-worker',
  containerDefinitions: [{ name: 'worker', image: 'cbi:42' }],
};
const plan = (name: string): ServicePlan => ({
  name,
  service: service([], { serviceName: name }),
  strategy: 'rolling',
  previousTaskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-worker:1',
  live: {
    arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-worker:1',
    family: 'cbi-worker',
    revision: 1,
    definition: { ...rendered, containerDefinitions: [{ name: 'worker', image: 'cbi:41' }] },
    tags: [],
  },
  rendered: { definition: rendered },
});

describe('dryRun', () => {
  it('reads the family once for services rendered to the same definition', async () => {
    const ecs = mockClient(ECSClient);
    ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-worker:1',
        family: 'cbi-worker',
        revision: 1,
        containerDefinitions: [{ name: 'worker', image: 'cbi:41' }],
      },
    });
    const lines: string[] = [];
    const results = await dryRun(
      new ECSClient({}),
      [plan('cbi-worker'), plan('cbi-sender'), plan('cbi-scheduler')],
      (l) => lines.push(l),
    );
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(1);
    expect(results.map((r) => r.preview?.what)).toEqual([
      'would register a new revision of cbi-worker and deploy it',
      'would register a new revision of cbi-worker and deploy it',
      'would register a new revision of cbi-worker and deploy it',
    ]);
    ecs.restore();
  });
});
