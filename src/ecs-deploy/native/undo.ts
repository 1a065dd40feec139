/**
 * The undo of a service deployment: StopServiceDeployment with stopType ROLLBACK, then follow it
 * to ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED (or the SUCCESSFUL it reached before the stop landed)
 * within the budget left. Never an UpdateService: that would start a second full deployment
 * while traffic is still shifting.
 */
import * as core from '@actions/core';
import { StopServiceDeploymentCommand, type ServiceDeployment } from '@aws-sdk/client-ecs';
import { errorCode } from '../../lib/aws-errors.js';
import { messageOf } from '../../lib/errors.js';
import { revisionName } from '../rolling/judge.js';
import type { Restore } from '../types.js';
import { shortId } from './judge.js';
import { watchServiceDeployments, type Ecs } from './watch.js';

export interface UndoRequest {
  service: string;
  serviceDeploymentArn: string;
  previousTaskDefinitionArn: string;
}

export interface UndoOptions {
  cluster: string;
  intervalMs: number;
  deadline: number;
  revisions: Map<string, string>;
  log: (line: string) => void;
  clock?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface Undone {
  request: UndoRequest;
  restore: Restore;
  /** The last snapshot of the service deployment seen. */
  last?: ServiceDeployment;
  start: number;
  end: number;
}

const TERMINAL = new Set(['SUCCESSFUL', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED']);

export async function rollBack(
  ecs: Ecs,
  requests: readonly UndoRequest[],
  options: UndoOptions,
): Promise<Undone[]> {
  const clock = options.clock ?? Date.now;
  const start = clock();
  const undone: Undone[] = [];
  const followed: Undone[] = [];
  await Promise.all(
    requests.map(async (request) => {
      const entry: Undone = {
        request,
        start,
        end: start,
        restore: {
          taskDefinitionArn: request.previousTaskDefinitionArn,
          deploymentId: request.serviceDeploymentArn,
          outcome: 'timed-out',
          message: '',
        },
      };
      undone.push(entry);
      try {
        await ecs.send(
          new StopServiceDeploymentCommand({
            serviceDeploymentArn: request.serviceDeploymentArn,
            stopType: 'ROLLBACK',
          }),
        );
        options.log(
          `${request.service}: StopServiceDeployment(ROLLBACK) sent for ${shortId(request.serviceDeploymentArn)}; following the rollback.`,
        );
        followed.push(entry);
      } catch (error) {
        const code = errorCode(error);
        // It may already have ended (rolled back by ECS, or finished) between the poll and the stop.
        if (code === 'ConflictException' || code === 'InvalidParameterException') {
          options.log(
            `${request.service}: StopServiceDeployment(ROLLBACK) refused (${code}: ${messageOf(error)}); following the deployment as it is.`,
          );
          followed.push(entry);
          return;
        }
        entry.restore.outcome = 'failed';
        entry.restore.message = `could not roll back service deployment ${request.serviceDeploymentArn}: ${messageOf(error)}. Roll it back by hand: aws ecs stop-service-deployment --service-deployment-arn ${request.serviceDeploymentArn} --stop-type ROLLBACK`;
        core.warning(`${request.service}: ${entry.restore.message}`);
      }
    }),
  );
  if (followed.length === 0) return undone;
  await watchServiceDeployments(
    ecs,
    followed.map((entry) => ({
      service: entry.request.service,
      serviceDeploymentArn: entry.request.serviceDeploymentArn,
      entry,
    })),
    {
      cluster: options.cluster,
      intervalMs: options.intervalMs,
      deadline: options.deadline,
      revisions: options.revisions,
      log: options.log,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      onSnapshot: ({ entry }, sd, _service, at) => {
        entry.end = at;
        if (sd) entry.last = sd;
        return TERMINAL.has(sd?.status ?? '');
      },
    },
  );
  for (const f of followed) {
    const status = f.last?.status;
    const prev = revisionName(f.request.previousTaskDefinitionArn);
    const id = shortId(f.request.serviceDeploymentArn);
    if (status === 'ROLLBACK_SUCCESSFUL') {
      f.restore.outcome = 'restored';
      f.restore.message = `rollback-on-failure rolled service deployment ${id} back with StopServiceDeployment(ROLLBACK): ${prev} serves again (ROLLBACK_SUCCESSFUL).`;
    } else if (status === 'ROLLBACK_FAILED') {
      f.restore.outcome = 'failed';
      f.restore.message = `rollback-on-failure asked ECS to roll service deployment ${id} back, and the rollback FAILED: production may run both revisions. Check the service in the ECS console and deploy the revision you want.`;
    } else if (status === 'SUCCESSFUL') {
      f.restore.outcome = 'failed';
      f.restore.message = `service deployment ${id} completed (SUCCESSFUL) before the rollback landed: the new revision serves.`;
    } else if (status === 'STOPPED') {
      f.restore.outcome = 'failed';
      f.restore.message = `service deployment ${id} ended STOPPED rather than rolled back; check which revision serves in the ECS console.`;
    } else {
      f.restore.message = `rollback-on-failure sent StopServiceDeployment(ROLLBACK) for ${id}; ECS was still rolling back (${status ?? 'unknown'}) when the wait ended. Watch it in the ECS console.`;
    }
    options.log(`${f.request.service}: ${f.restore.message}`);
  }
  return undone;
}
