/**
 * Who a migration task is. `startedBy` names the migration (the same for every run, so the
 * exclusive check finds a run already under way); the `clientToken` names this one request
 * (the same across SDK retries and step retries of one workflow run attempt, so RunTask never
 * starts a second task).
 */
import { createHash, randomUUID } from 'node:crypto';
import { stableStringify } from '../lib/task-definition.js';

/** ECS limits: startedBy up to 36 of [A-Za-z0-9_/-]; clientToken up to 64 characters. */
export const STARTED_BY_MAX = 36;
export const CLIENT_TOKEN_MAX = 64;
export const STARTED_BY_PREFIX = 'migrate/';
/** Tag on the task carrying its client token, so a retried step recognises its own task. */
export const CLIENT_TOKEN_TAG = 'ecs-delivery-pack:client-token';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function startedByFor(migrationName: string): string {
  const clean = migrationName.replace(/[^A-Za-z0-9_/-]/g, '-');
  const room = STARTED_BY_MAX - STARTED_BY_PREFIX.length;
  if (clean.length <= room) return STARTED_BY_PREFIX + clean;
  const hash = sha256(migrationName).slice(0, 6);
  return `${STARTED_BY_PREFIX}${clean.slice(0, room - hash.length - 1)}-${hash}`;
}

export interface RunIdentity {
  repository: string;
  runId: string;
  runAttempt: string;
  job: string;
}

/**
 * The workflow run this step belongs to. Outside a workflow run (no GITHUB_RUN_ID) each start
 * gets a fresh nonce, so two manual runs are never mistaken for one.
 */
export function runIdentity(env: NodeJS.ProcessEnv = process.env): RunIdentity {
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: env.GITHUB_RUN_ID || `local-${randomUUID()}`,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    job: env.GITHUB_JOB ?? '',
  };
}

/** 64 hex characters: a hash of the run identity and the resolved RunTask request. */
export function clientTokenFor(identity: RunIdentity, request: unknown): string {
  const token = sha256(stableStringify({ identity, request }));
  return token.slice(0, CLIENT_TOKEN_MAX);
}
