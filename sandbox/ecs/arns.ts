/** ARNs and ids the way ECS writes them (account 123456789012, us-east-1). */
import { randomBytes, randomUUID } from 'node:crypto';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const PREFIX = `arn:aws:ecs:${REGION}:${ACCOUNT}`;

export const clusterArn = (name: string) => `${PREFIX}:cluster/${name}`;
export const taskDefinitionArn = (family: string, revision: number) =>
  `${PREFIX}:task-definition/${family}:${revision}`;
export const taskArn = (cluster: string, id: string) => `${PREFIX}:task/${cluster}/${id}`;
export const containerArn = (cluster: string, taskId: string) =>
  `${PREFIX}:container/${cluster}/${taskId}/${randomUUID()}`;
export const containerInstanceArn = (cluster: string) =>
  `${PREFIX}:container-instance/${cluster}/${newTaskId()}`;

/** A task id: 32 hex digits. */
export function newTaskId(): string {
  return randomBytes(16).toString('hex');
}

/** The last segment of a cluster name or ARN. */
export function clusterName(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  return nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
}

/** `family`, `family:revision` or a task definition ARN, split. */
export function parseTaskDefinitionRef(ref: string): { family: string; revision?: number } {
  const tail = ref.startsWith('arn:') ? ref.slice(ref.indexOf('task-definition/') + 16) : ref;
  const colon = tail.lastIndexOf(':');
  if (colon < 0) return { family: tail };
  const revision = Number(tail.slice(colon + 1));
  return { family: tail.slice(0, colon), revision: Number.isInteger(revision) ? revision : NaN };
}

/** The id of a task from its id or ARN. */
export function taskIdOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
