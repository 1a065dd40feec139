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
async function latestActiveRevision(
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

/** The family's latest ACTIVE revision when it equals the rendered definition (read only). */
export async function findReusable(
  ecs: EcsLike,
  rendered: TaskDefinitionDoc,
): Promise<RegisteredTaskDefinition | undefined> {
  const doc = stripReadOnly(rendered);
  const latest = await latestActiveRevision(ecs, String(doc.family ?? ''));
  return latest && sameTaskDefinition(doc, latest.definition) ? latest : undefined;
}

export async function registerIfChanged(
  ecs: EcsLike,
  rendered: TaskDefinitionDoc,
  tags?: Tag[],
): Promise<RegisterResult> {
  const reuse = await findReusable(ecs, rendered);
  if (reuse) return { taskDefinition: reuse, registered: false };
  const doc = stripReadOnly(rendered);
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
