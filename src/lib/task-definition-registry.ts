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
import * as core from '@actions/core';
import { errorCode } from './aws-errors.js';
import { settleWrite } from './call-record.js';
import { currentActionDeadline } from './deadline.js';
import { RetryDeadlineError, retryWithBackoff } from './retry.js';
import { messageOf } from './errors.js';
import { info } from './log.js';
import { UnknownOutcomeError, reconcileBeforeResend } from './unknown-outcome.js';
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
  options: RegisterOptions = {},
): Promise<RegisterResult> {
  const doc = stripReadOnly(rendered);
  const latest = await latestActiveRevision(ecs, String(doc.family ?? ''));
  if (latest && sameTaskDefinition(doc, latest.definition))
    return { taskDefinition: latest, registered: false };
  return {
    taskDefinition: await registerTaskDefinition(ecs, doc, tags, {
      ...options,
      latestRevisionBefore: latest?.revision ?? 0,
    }),
    registered: true,
  };
}

export interface RegisterOptions {
  /** Attempts when the outcome stays unknown (default 5). */
  attempts?: number;
  /** The family's latest ACTIVE revision before registering (0: none), when already known. */
  latestRevisionBefore?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told once per unknown outcome, before it is reconciled. */
  onUnknownOutcome?: (message: string) => void;
}

const RESEND_BACKOFF = { baseMs: 500, capMs: 8000 };

/**
 * RegisterTaskDefinition exactly once. The SDK does not resend it (a revision is not
 * idempotent); when an attempt's outcome is unknown (dropped connection, 5xx, unreadable
 * answer) the family's latest revision is read first: if it is this definition, registered after
 * `latestRevisionBefore`, it is the one that attempt registered; only otherwise is the request
 * sent again, after a jittered backoff.
 */
export async function registerTaskDefinition(
  ecs: EcsLike,
  doc: TaskDefinitionDoc,
  tags?: Tag[],
  options: RegisterOptions = {},
): Promise<RegisteredTaskDefinition> {
  const attempts = options.attempts ?? 5;
  const family = String(doc.family ?? '');
  const before = options.latestRevisionBefore;
  const tell = options.onUnknownOutcome ?? ((m: string) => core.warning(m));
  const deadline = currentActionDeadline();
  try {
    return await retryWithBackoff(
      async () => {
        try {
          return await registerOnce(ecs, doc, tags);
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) throw error;
          tell(
            `${error.message}; checking whether family ${family} got the revision before sending it again.`,
          );
          const latest = await latestActiveRevision(ecs, family);
          if (
            latest &&
            sameTaskDefinition(doc, latest.definition) &&
            (before === undefined || latest.revision > before)
          ) {
            settleWrite('RegisterTaskDefinition');
            info(`RegisterTaskDefinition had been applied: ${latest.arn} is this definition.`);
            return latest;
          }
          throw error;
        }
      },
      {
        maxAttempts: attempts,
        retryable: (error) => error instanceof UnknownOutcomeError,
        backoff: RESEND_BACKOFF,
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(deadline ? { deadline } : {}),
      },
    );
  } catch (error) {
    const unknown =
      error instanceof UnknownOutcomeError
        ? error
        : error instanceof RetryDeadlineError && error.lastError instanceof UnknownOutcomeError
          ? error.lastError
          : undefined;
    if (!unknown) throw error;
    throw new Error(
      `RegisterTaskDefinition for family ${family} got no definite answer${error instanceof RetryDeadlineError ? ` before the step's deadline (${error.attempts} attempts)` : ` in ${attempts} attempts`}, and no revision of it was registered (${messageOf(unknown.original)}). Nothing was deployed; re-run the step.`,
      { cause: unknown.original },
    );
  }
}

async function registerOnce(
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
  reconcileBeforeResend(command, 'RegisterTaskDefinition');
  const out = await ecs.send(command);
  return fromResponse(sink.value, out);
}
