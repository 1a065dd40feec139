/**
 * Reads and registers task definitions as raw JSON, so every field survives, and registers a
 * new revision only when the rendered definition differs from the family's latest ACTIVE one:
 * re-running the same deploy registers nothing.
 */
import {
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type RegisterTaskDefinitionCommandInput,
  type Tag,
} from '@aws-sdk/client-ecs';
import { errorCode } from './aws-errors.js';
import { keepRawResponse, sendUnmodelledFields } from './raw-json.js';
import { sameTaskDefinition, stripReadOnly, type TaskDefinitionDoc } from './task-definition.js';

export interface RegisteredTaskDefinition {
  arn: string;
  family: string;
  revision: number;
  /** The whole definition as ECS returned it, including fields this SDK does not model. */
  definition: TaskDefinitionDoc;
  tags: Tag[];
}

type EcsLike = Pick<ECSClient, 'send'>;

function fromResponse(
  raw: unknown,
  parsed: { taskDefinition?: object; tags?: Tag[] },
): RegisteredTaskDefinition {
  const rawRecord = (raw ?? {}) as { taskDefinition?: Record<string, unknown>; tags?: Tag[] };
  const definition = (rawRecord.taskDefinition ?? parsed.taskDefinition ?? {}) as TaskDefinitionDoc;
  const arn = String(definition.taskDefinitionArn ?? '');
  return {
    arn,
    family: String(definition.family ?? ''),
    revision: Number(definition.revision ?? 0),
    definition,
    tags: rawRecord.tags ?? parsed.tags ?? [],
  };
}

/** Describes `ref` (family, family:revision or ARN) with its tags. */
export async function describeTaskDefinition(
  ecs: EcsLike,
  ref: string,
): Promise<RegisteredTaskDefinition> {
  const sink: { value?: unknown } = {};
  const command = new DescribeTaskDefinitionCommand({ taskDefinition: ref, include: ['TAGS'] });
  keepRawResponse(command, sink);
  const out = await ecs.send(command);
  return fromResponse(sink.value, out);
}

/** The family's latest ACTIVE revision, or undefined when the family has none. */
export async function latestActiveRevision(
  ecs: EcsLike,
  family: string,
): Promise<RegisteredTaskDefinition | undefined> {
  try {
    return await describeTaskDefinition(ecs, family);
  } catch (error) {
    // ECS answers ClientException "Unable to describe task definition." for an unknown family.
    if (errorCode(error) === 'ClientException') return undefined;
    throw error;
  }
}

export interface RegisterResult {
  taskDefinition: RegisteredTaskDefinition;
  registered: boolean;
}

export async function registerIfChanged(
  ecs: EcsLike,
  rendered: TaskDefinitionDoc,
  tags?: Tag[],
): Promise<RegisterResult> {
  const doc = stripReadOnly(rendered);
  const family = String(doc.family ?? '');
  const latest = await latestActiveRevision(ecs, family);
  if (latest && sameTaskDefinition(doc, latest.definition))
    return { taskDefinition: latest, registered: false };
  return { taskDefinition: await registerTaskDefinition(ecs, doc, tags), registered: true };
}

export async function registerTaskDefinition(
  ecs: EcsLike,
  doc: TaskDefinitionDoc,
  tags?: Tag[],
): Promise<RegisteredTaskDefinition> {
  const input = {
    ...doc,
    ...(tags && tags.length > 0 ? { tags } : {}),
  } as RegisterTaskDefinitionCommandInput;
  const sink: { value?: unknown } = {};
  const command = new RegisterTaskDefinitionCommand(input);
  sendUnmodelledFields(command, input);
  keepRawResponse(command, sink);
  const out = await ecs.send(command);
  return fromResponse(sink.value, out);
}
