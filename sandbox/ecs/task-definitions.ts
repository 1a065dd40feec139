/** RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, DeregisterTaskDefinition. */
import type {
  ContainerDefinition,
  RegisterTaskDefinitionCommandInput,
  Tag,
  TaskDefinition,
} from '@aws-sdk/client-ecs';
import { AwsError } from '../core/json-protocol.js';
import { ACCOUNT, parseTaskDefinitionRef, taskDefinitionArn } from './arns.js';
import type { EcsHandlers, EcsState } from './state.js';

const FAMILY = /^[a-zA-Z0-9_-]{1,255}$/;

function clientError(message: string): AwsError {
  return new AwsError('ClientException', message);
}

function validate(input: RegisterTaskDefinitionCommandInput): void {
  if (!input.family || !FAMILY.test(input.family))
    throw clientError(
      'Family contains invalid characters or is too long: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.',
    );
  const containers = input.containerDefinitions ?? [];
  if (containers.length === 0) throw clientError('Container list cannot be empty.');
  const names = new Set<string>();
  for (const container of containers) {
    if (!container.name) throw clientError('Container.name should not be null or empty.');
    if (!container.image) throw clientError('Container.image should not be null or empty.');
    if (names.has(container.name))
      throw clientError(`Duplicate container name ${container.name} found.`);
    names.add(container.name);
  }
  if (!containers.some((c) => c.essential !== false))
    throw clientError('Task definition must have at least one essential container.');
  if (input.requiresCompatibilities?.includes('FARGATE')) {
    if (input.networkMode !== 'awsvpc')
      throw clientError("Fargate only supports network mode 'awsvpc'.");
    if (!input.cpu) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
    if (!input.memory)
      throw clientError("Fargate requires that 'memory' be defined at the task level.");
    const awslogs = containers.some((c) => c.logConfiguration?.logDriver === 'awslogs');
    if (awslogs && !input.executionRoleArn)
      throw clientError(
        'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
      );
  }
}

/** What ECS adds to a registered definition; every field sent is kept, unknown ones too. */
export function register(
  state: EcsState,
  input: RegisterTaskDefinitionCommandInput,
  now: Date,
): { definition: TaskDefinition; tags: Tag[] } {
  validate(input);
  const { tags = [], ...fields } = input;
  const family = input.family as string;
  const revisions = state.taskDefinitions.get(family) ?? [];
  const revision = revisions.length + 1;
  const containerDefinitions = (input.containerDefinitions ?? []).map((c): ContainerDefinition => ({
    environment: [],
    mountPoints: [],
    volumesFrom: [],
    portMappings: [],
    essential: true,
    ...c,
    ...(c.portMappings
      ? {
          portMappings: c.portMappings.map((p) => ({
            hostPort: p.containerPort,
            protocol: 'tcp',
            ...p,
          })),
        }
      : {}),
  }));
  const fargate = input.requiresCompatibilities?.includes('FARGATE');
  const definition: TaskDefinition = {
    ...fields,
    containerDefinitions,
    family,
    taskDefinitionArn: taskDefinitionArn(family, revision),
    revision,
    volumes: input.volumes ?? [],
    status: 'ACTIVE',
    placementConstraints: input.placementConstraints ?? [],
    compatibilities: fargate ? ['EC2', 'FARGATE'] : ['EC2'],
    requiresAttributes: requiredAttributes(input),
    registeredAt: now,
    registeredBy: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/sandbox`,
  };
  const entry = { definition, tags };
  revisions.push(entry);
  state.taskDefinitions.set(family, revisions);
  return entry;
}

function requiredAttributes(input: RegisterTaskDefinitionCommandInput): { name: string }[] {
  const names = new Set<string>();
  for (const c of input.containerDefinitions ?? []) {
    if (c.logConfiguration?.logDriver === 'awslogs')
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
    if (c.secrets?.length) names.add('ecs.capability.secrets.asm.environment-variables');
    if (c.healthCheck) names.add('ecs.capability.container-health-check');
  }
  if (input.executionRoleArn) names.add('ecs.capability.execution-role-awslogs');
  if (input.taskRoleArn) names.add('com.amazonaws.ecs.capability.task-iam-role');
  if (input.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  return [...names].map((name) => ({ name }));
}

/** Resolves `family` (latest ACTIVE), `family:revision` or an ARN. */
export function findTaskDefinition(
  state: EcsState,
  ref: string | undefined,
): { definition: TaskDefinition; tags: Tag[] } | undefined {
  if (!ref) return undefined;
  const { family, revision } = parseTaskDefinitionRef(ref);
  const revisions = state.taskDefinitions.get(family) ?? [];
  if (revision === undefined)
    return [...revisions].reverse().find((r) => r.definition.status === 'ACTIVE');
  return Number.isInteger(revision) ? revisions[revision - 1] : undefined;
}

function pageOf<T>(items: T[], nextToken: string | undefined, maxResults: number | undefined) {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new AwsError('InvalidParameterException', 'Invalid nextToken');
  const size = maxResults ?? 100;
  if (size < 1 || size > 100)
    throw new AwsError('InvalidParameterException', 'maxResults must be between 1 and 100');
  const end = start + size;
  return {
    page: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}

export { pageOf };

export function taskDefinitionHandlers(state: EcsState, now: () => Date): EcsHandlers {
  return {
    RegisterTaskDefinition: (input) => {
      const { definition, tags } = register(state, input, now());
      return { taskDefinition: definition, tags };
    },
    DescribeTaskDefinition: (input) => {
      const found = findTaskDefinition(state, input.taskDefinition);
      if (!found) throw clientError('Unable to describe task definition.');
      return {
        taskDefinition: found.definition,
        ...(input.include?.includes('TAGS') ? { tags: found.tags } : {}),
      };
    },
    ListTaskDefinitions: (input) => {
      const status = input.status ?? 'ACTIVE';
      const all = [...state.taskDefinitions.entries()]
        .filter(([family]) => !input.familyPrefix || family === input.familyPrefix)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .flatMap(([, revisions]) => revisions.map((r) => r.definition))
        .filter((d) => d.status === status)
        .map((d) => d.taskDefinitionArn as string);
      if (input.sort === 'DESC') all.reverse();
      const { page, nextToken } = pageOf(all, input.nextToken, input.maxResults);
      return { taskDefinitionArns: page, ...(nextToken ? { nextToken } : {}) };
    },
    DeregisterTaskDefinition: (input) => {
      const { revision } = parseTaskDefinitionRef(input.taskDefinition ?? '');
      if (revision === undefined)
        throw new AwsError(
          'InvalidParameterException',
          'Invalid revision number. Number: ' + (input.taskDefinition ?? ''),
        );
      const found = findTaskDefinition(state, input.taskDefinition);
      if (!found) throw clientError('The specified task definition does not exist.');
      if (found.definition.status === 'ACTIVE') {
        found.definition.status = 'INACTIVE';
        found.definition.deregisteredAt = now();
      }
      return { taskDefinition: found.definition };
    },
  };
}
