/**
 * RunTask exactly once. The request carries a clientToken (ECS returns the same task for the same
 * token) and a tag with that token. The SDK does not resend an attempt whose outcome is unknown
 * (a dropped connection, a 5xx, an unreadable answer): this step looks for the task by startedBy
 * and the token tag first, and follows it when it exists; only when it does not is the request
 * sent again, with the same token. Such an outcome is never reported as a refusal.
 */
import * as core from '@actions/core';
import {
  DescribeTasksCommand,
  ListTasksCommand,
  RunTaskCommand,
  type DesiredStatus,
  type ECSClient,
  type Failure,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { currentActionDeadline } from '../lib/deadline.js';
import { RetryDeadlineError, retryWithBackoff } from '../lib/retry.js';
import { settleWrite } from '../lib/call-record.js';
import { chunks } from '../lib/chunks.js';
import { messageOf } from '../lib/errors.js';
import { info } from '../lib/log.js';
import { UnknownOutcomeError, reconcileBeforeResend } from '../lib/unknown-outcome.js';
import { CLIENT_TOKEN_TAG } from './identity.js';

type EcsLike = Pick<ECSClient, 'send'>;

export type StartResult =
  { started: Task; reconciled: boolean } | { refused: Failure[] } | { unknown: string };

export interface StartOptions {
  attempts?: number;
  /** A fresh signal bounding each RunTask attempt (not the step's deadline: see run.ts). */
  abortSignal?: () => AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

const RESEND_BACKOFF = { baseMs: 500, capMs: 8000 };

/** The task this request started, found by startedBy and the client-token tag (any status). */
export async function findStartedTask(
  ecs: EcsLike,
  cluster: string,
  startedBy: string,
  clientToken: string,
): Promise<Task | undefined> {
  const statuses: DesiredStatus[] = ['RUNNING', 'STOPPED'];
  for (const desiredStatus of statuses) {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ecs.send(
        new ListTasksCommand({
          cluster,
          startedBy,
          desiredStatus,
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      arns.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    for (const batch of chunks(arns, 100)) {
      const out = await ecs.send(
        new DescribeTasksCommand({ cluster, tasks: batch, include: ['TAGS'] }),
      );
      const own = (out.tasks ?? []).find((t) =>
        t.tags?.some((tag) => tag.key === CLIENT_TOKEN_TAG && tag.value === clientToken),
      );
      if (own) return own;
    }
  }
  return undefined;
}

/** Sends RunTask (request with startedBy and clientToken set) and settles an unknown outcome. */
export async function startTask(
  ecs: EcsLike,
  request: RunTaskCommandInput & { cluster: string; startedBy: string; clientToken: string },
  options: StartOptions = {},
): Promise<StartResult> {
  const attempts = options.attempts ?? 5;
  const deadline = currentActionDeadline();
  let lastUnknown = '';
  let made = 0;
  try {
    return await retryWithBackoff<StartResult>(
      async (attempt) => {
        made = attempt;
        const command = new RunTaskCommand({
          ...request,
          tags: [...(request.tags ?? []), { key: CLIENT_TOKEN_TAG, value: request.clientToken }],
        });
        reconcileBeforeResend(command, 'RunTask');
        try {
          const out = await ecs.send(
            command,
            options.abortSignal ? { abortSignal: options.abortSignal() } : {},
          );
          const task = out.tasks?.[0];
          if (task?.taskArn) return { started: task, reconciled: attempt > 1 };
          return { refused: out.failures ?? [] };
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) throw error;
          lastUnknown = messageOf(error.original);
          core.warning(
            `${error.message}; looking for the task by its client token before sending RunTask again.`,
          );
          const own = await findStartedTask(
            ecs,
            request.cluster,
            request.startedBy,
            request.clientToken,
          );
          if (own?.taskArn) {
            settleWrite('RunTask');
            info(`RunTask had been applied: task ${own.taskArn} carries this step's client token.`);
            return { started: own, reconciled: true };
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
      error instanceof UnknownOutcomeError ||
      (error instanceof RetryDeadlineError && error.lastError instanceof UnknownOutcomeError);
    if (!unknown) throw error;
    return {
      unknown: `RunTask got no definite answer in ${made} attempt${made === 1 ? '' : 's'} (${lastUnknown}), and no task with this step's client token ${request.clientToken} was found in cluster ${request.cluster} (startedBy ${request.startedBy})`,
    };
  }
}
