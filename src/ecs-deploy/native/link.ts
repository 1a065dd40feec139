/**
 * Links the deployment UpdateService started to its ECS service deployment: the service's
 * `currentServiceDeployment` when UpdateService returned it, otherwise the newest of
 * ListServiceDeployments created since the update whose target revision runs our task
 * definition. When the API is refused (AccessDenied) or lists nothing, the caller falls back to
 * the DescribeServices judge and warns with the reason given here.
 */
import { ListServiceDeploymentsCommand, type Service } from '@aws-sdk/client-ecs';
import { errorCode } from '../../lib/aws-errors.js';
import { messageOf } from '../../lib/errors.js';
import {
  describeRevisions,
  describeServiceDeployments,
  revisionArnsOf,
  type Ecs,
} from './watch.js';

/** What `verifyLinks` needs of each started deployment. */
export interface Linked {
  serviceDeploymentArn?: string;
  noServiceDeployment?: string;
  revisions: Map<string, string>;
  tracking: { serviceDeploymentArn?: string };
}

function unlink(l: Linked, why: string): void {
  delete l.serviceDeploymentArn;
  delete l.tracking.serviceDeploymentArn;
  l.noServiceDeployment = why;
}

/**
 * Checks every link with DescribeServiceDeployments (20 per call) before the poll relies on it,
 * and describes their service revisions (20 per call) so messages can name task definitions.
 * A refused API or an unknown ARN unlinks: the caller then judges by DescribeServices.
 */
export async function verifyLinks(ecs: Ecs, all: readonly Linked[]): Promise<void> {
  const linked = all.filter((l) => l.serviceDeploymentArn);
  if (linked.length === 0) return;
  try {
    const found = await describeServiceDeployments(
      ecs,
      linked.map((l) => l.serviceDeploymentArn!),
    );
    const revisions = new Map<string, string>();
    await describeRevisions(ecs, [...found.values()].flatMap(revisionArnsOf), revisions);
    for (const l of linked) {
      if (!found.has(l.serviceDeploymentArn!))
        unlink(l, `DescribeServiceDeployments does not know ${l.serviceDeploymentArn}`);
      for (const [k, v] of revisions) l.revisions.set(k, v);
    }
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'AccessDeniedException' && code !== 'AccessDenied') throw error;
    for (const l of linked)
      unlink(
        l,
        `the service deployments API was refused (${code}: ${messageOf(error)}); grant ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions`,
      );
  }
}

export type Link = { arn: string } | { arn?: undefined; why: string };

/** Service deployments created this long before UpdateService answered still count (clock skew). */
const SKEW_MS = 5_000;

export async function linkServiceDeployment(
  ecs: Ecs,
  request: {
    cluster: string;
    service: string;
    taskDefinitionArn: string;
    /** Epoch ms just before UpdateService was sent. */
    since: number;
    /** The service as UpdateService answered. */
    updated?: Service;
  },
  revisions: Map<string, string>,
): Promise<Link> {
  try {
    const current = request.updated?.currentServiceDeployment;
    if (current) return { arn: current };
    const listed = await ecs.send(
      new ListServiceDeploymentsCommand({
        cluster: request.cluster,
        service: request.service,
        createdAt: { after: new Date(request.since - SKEW_MS) },
        maxResults: 20,
      }),
    );
    const briefs = [...(listed.serviceDeployments ?? [])]
      .filter((b) => b.serviceDeploymentArn)
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    if (briefs.length === 0)
      return { why: 'ListServiceDeployments lists no service deployment since the update' };
    await describeRevisions(
      ecs,
      briefs.map((b) => b.targetServiceRevisionArn ?? '').filter((a) => a !== ''),
      revisions,
    );
    const ours = briefs.find(
      (b) =>
        b.targetServiceRevisionArn !== undefined &&
        revisions.get(b.targetServiceRevisionArn) === request.taskDefinitionArn,
    );
    if (ours?.serviceDeploymentArn) return { arn: ours.serviceDeploymentArn };
    return {
      why: `none of the ${briefs.length} service deployment${briefs.length === 1 ? '' : 's'} since the update targets our revision`,
    };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'AccessDeniedException' || code === 'AccessDenied')
      return {
        why: `the service deployments API was refused (${code}: ${messageOf(error)}); grant ecs:ListServiceDeployments, ecs:DescribeServiceDeployments and ecs:DescribeServiceRevisions`,
      };
    if (code === 'UnknownOperationException' || code === 'InvalidParameterException')
      return { why: `the service deployments API is not available here (${code})` };
    throw error;
  }
}
