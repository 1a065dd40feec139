/**
 * CreateDeployment, safe against a lost answer: CodeDeploy has no idempotency token, so when a
 * retried request is refused because the group already has an active deployment, that deployment
 * is ours if it carries exactly our revision (same AppSpec sha256), and we follow it instead of
 * blaming someone else.
 */
import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  type AutoRollbackEvent,
  type CodeDeployClient,
} from '@aws-sdk/client-codedeploy';
import { errorCode } from '../../lib/aws-errors.js';
import { messageOf } from '../../lib/errors.js';
import type { AppSpecRevision } from './appspec.js';
import type { BlueGreenPlan } from './plan.js';

/**
 * The auto-rollback events `rollback-on-failure` asks for: failures and stop requests, and alarm
 * stops when the group watches alarms (CodeDeploy checks alarm events against the group's alarms).
 */
export function rollbackEvents(plan: BlueGreenPlan): AutoRollbackEvent[] {
  const alarms = plan.group.alarmConfiguration;
  const watched = Boolean(alarms?.enabled && (alarms.alarms?.length ?? 0) > 0);
  return [
    'DEPLOYMENT_FAILURE',
    ...(watched ? (['DEPLOYMENT_STOP_ON_ALARM'] as const) : []),
    'DEPLOYMENT_STOP_ON_REQUEST',
  ];
}

export interface CreateRequest {
  plan: BlueGreenPlan;
  revision: AppSpecRevision;
  /** Send the plan's config (only when `codedeploy-deployment-config` overrides the group's). */
  overrideConfig: boolean;
  rollbackOnFailure: boolean;
  description: string;
}

export type CreateOutcome =
  | { ok: true; deploymentId: string; adopted: boolean }
  | { ok: false; code: string; message: string };

/** The deployment id named in a DeploymentLimitExceededException message. */
export function activeDeploymentId(message: string): string | undefined {
  return /\bd-[A-Z0-9]{6,}\b/.exec(message)?.[0];
}

export async function createDeployment(
  client: CodeDeployClient,
  request: CreateRequest,
): Promise<CreateOutcome> {
  const { plan, revision } = request;
  try {
    const out = await client.send(
      new CreateDeploymentCommand({
        applicationName: plan.application,
        deploymentGroupName: plan.groupName,
        ...(request.overrideConfig ? { deploymentConfigName: plan.configName } : {}),
        revision: {
          revisionType: 'AppSpecContent',
          appSpecContent: { content: revision.content, sha256: revision.sha256 },
        },
        description: request.description,
        ...(request.rollbackOnFailure
          ? { autoRollbackConfiguration: { enabled: true, events: rollbackEvents(plan) } }
          : {}),
      }),
    );
    return { ok: true, deploymentId: out.deploymentId ?? '', adopted: false };
  } catch (error) {
    const code = errorCode(error) ?? 'Error';
    const message = messageOf(error);
    if (code !== 'DeploymentLimitExceededException') {
      return {
        ok: false,
        code,
        message: `CreateDeployment for ${plan.application}/${plan.groupName} failed: ${message}`,
      };
    }
    const active = activeDeploymentId(message);
    if (active) {
      const { deploymentInfo } = await client.send(
        new GetDeploymentCommand({ deploymentId: active }),
      );
      const content = deploymentInfo?.revision?.appSpecContent;
      if (content?.sha256 === revision.sha256 || content?.content === revision.content) {
        return { ok: true, deploymentId: active, adopted: true };
      }
    }
    return {
      ok: false,
      code,
      message:
        `${message}. Another deployment of this group${active ? ` (${active})` : ''} is in progress, ` +
        'started by someone else; wait for it to finish or stop it, then run again.',
    };
  }
}
