import { describe, expect, it } from '@jest/globals';
import { diffDefinitions } from '../../../src/ecs-deploy/diff.js';

const live = {
  taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api:41',
  revision: 41,
  family: 'cbi-api',
  networkMode: 'awsvpc',
  cpu: '512',
  memory: '1024',
  containerDefinitions: [
    {
      name: 'api',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi:41',
      essential: true,
      portMappings: [{ containerPort: 8000, hostPort: 8000, protocol: 'tcp' }],
      environment: [
        { name: 'ENVIRONMENT', value: 'production' },
        { name: 'LOG_FORMAT', value: 'json' },
      ],
      secrets: [
        {
          name: 'JWT_SECRET',
          valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:jwt',
        },
      ],
    },
  ],
};

describe('diffDefinitions', () => {
  it('is empty for equal definitions, ignoring read-only fields and ECS defaults', () => {
    const rendered = JSON.parse(JSON.stringify(live));
    delete rendered.taskDefinitionArn;
    delete rendered.revision;
    delete rendered.containerDefinitions[0].essential;
    delete rendered.containerDefinitions[0].portMappings[0].hostPort;
    rendered.containerDefinitions[0].environment.reverse();
    expect(diffDefinitions(live, rendered)).toEqual([]);
  });

  it('names containers and variables instead of positions', () => {
    const rendered = JSON.parse(JSON.stringify(live));
    rendered.containerDefinitions[0].image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi:42';
    rendered.containerDefinitions[0].environment = [
      { name: 'ENVIRONMENT', value: 'production' },
      { name: 'WORKERS', value: '4' },
    ];
    rendered.memory = '2048';
    expect(diffDefinitions(live, rendered)).toEqual([
      '- containerDefinitions[api].environment[LOG_FORMAT]: "json"',
      '+ containerDefinitions[api].environment[WORKERS]: "4"',
      '~ containerDefinitions[api].image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi:41" -> "123456789012.dkr.ecr.eu-west-1.amazonaws.com/cbi:42"',
      '~ memory: "1024" -> "2048"',
    ]);
  });

  it('reports an added container whole', () => {
    const rendered = JSON.parse(JSON.stringify(live));
    rendered.containerDefinitions.push({
      name: 'otel',
      image: 'otel/collector:0.1',
      essential: false,
    });
    const lines = diffDefinitions(live, rendered);
    expect(lines).toContain('+ containerDefinitions[otel].image: "otel/collector:0.1"');
    expect(lines).toContain('+ containerDefinitions[otel].essential: false');
  });
});
