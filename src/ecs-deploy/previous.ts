/**
 * `task-definition-arn: previous`: the revision a service ran before its current one. Read from
 * the service's deployment history (ListServiceDeployments -> DescribeServiceDeployments ->
 * DescribeServiceRevisions for the task definitions), falling back to an older deployment still
 * listed on the service.
 */
import * as core from '@actions/core';
import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  ListServiceDeploymentsCommand,
  type ECSClient,
  type Service,
} from '@aws-sdk/client-ecs';
import { inputError, messageOf } from '../lib/errors.js';

type Ecs = Pick<ECSClient, 'send'>;

/** The newest revision in `history` (newest first) that is not `current`. */
export function pickPrevious(
  history: readonly (string | undefined)[],
  current: string,
): string | undefined {
  return history.find((arn) => arn !== undefined && arn !== '' && arn !== current);
}

async function fromHistory(
  ecs: Ecs,
  cluster: string,
  service: string,
  current: string,
): Promise<string | undefined> {
  const listed = await ecs.send(
    new ListServiceDeploymentsCommand({
      cluster,
      service,
      status: ['SUCCESSFUL'],
      maxResults: 20,
    }),
  );
  const briefs = [...(listed.serviceDeployments ?? [])].sort(
    (a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0),
  );
  const arns = briefs.map((b) => b.serviceDeploymentArn).filter((a): a is string => !!a);
  if (arns.length === 0) return undefined;
  const described = await ecs.send(
    new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: arns }),
  );
  const byArn = new Map(
    (described.serviceDeployments ?? []).map((d) => [d.serviceDeploymentArn, d]),
  );
  // Newest first: each deployment's target, then what it replaced.
  const revisionArns: string[] = [];
  for (const arn of arns) {
    const d = byArn.get(arn);
    for (const rev of [d?.targetServiceRevision, ...(d?.sourceServiceRevisions ?? [])]) {
      if (rev?.arn && !revisionArns.includes(rev.arn)) revisionArns.push(rev.arn);
    }
  }
  if (revisionArns.length === 0) return undefined;
  const revisions = await ecs.send(
    new DescribeServiceRevisionsCommand({ serviceRevisionArns: revisionArns.slice(0, 20) }),
  );
  const taskDefinitionOf = new Map(
    (revisions.serviceRevisions ?? []).map((r) => [r.serviceRevisionArn, r.taskDefinition]),
  );
  return pickPrevious(
    revisionArns.map((arn) => taskDefinitionOf.get(arn)),
    current,
  );
}

export async function resolvePrevious(
  ecs: Ecs,
  cluster: string,
  service: Service,
  current: string,
): Promise<string> {
  const name = service.serviceName ?? '';
  let found: string | undefined;
  try {
    found = await fromHistory(ecs, cluster, name, current);
  } catch (error) {
    core.warning(
      `${name}: could not read the deployment history (${messageOf(error)}); using the deployments listed on the service.`,
    );
  }
  found ??= pickPrevious(
    (service.deployments ?? []).filter((d) => d.status !== 'PRIMARY').map((d) => d.taskDefinition),
    current,
  );
  if (!found) {
    throw inputError(
      'task-definition-arn',
      `is 'previous', but service '${name}' has no revision before ${current} in its deployment history; give the revision to deploy as family:revision.`,
    );
  }
  return found;
}
