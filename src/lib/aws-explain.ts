/**
 * AWS errors a user can cause, told at the edge for people: what failed, the input and value
 * involved, the region (and account, when an ARN or the denial names it), and the next step.
 * The request a failed call carried comes from the call record (call-record.ts), so the input's
 * value is the one actually sent. Errors this does not know keep their own message.
 */
import { errorCode } from './aws-errors.js';
import { callContextOf, type CallContext } from './call-record.js';
import { messageOf } from './errors.js';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const accountOf = (text: string): string | undefined =>
  /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(text)?.[1];

function where(call: CallContext | undefined, extra = ''): string {
  const parts: string[] = [];
  if (call?.region) parts.push(`region ${call.region}`);
  const account = accountOf(JSON.stringify(call?.input ?? {}) + extra);
  if (account) parts.push(`account ${account}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function notFound(code: string, call: CallContext | undefined, reason: string): string | undefined {
  const input = call?.input ?? {};
  const cluster = str(input.cluster) ?? 'default';
  if (code === 'ClusterNotFoundException') {
    return `ECS cluster '${cluster}' was not found${where(call)} (${call?.operation ?? 'ECS'}: ${reason}). Check input 'cluster' (a cluster name or ARN in this account) and the region: set AWS_REGION, or aws-region in aws-actions/configure-aws-credentials, to the cluster's region.`;
  }
  if (code === 'ServiceNotFoundException' || code === 'ServiceNotActiveException') {
    const service =
      str(input.service) ?? (Array.isArray(input.services) ? input.services.join(', ') : '?');
    return `ECS service '${service}' was not found in cluster '${cluster}'${where(call)} (${reason}). Check input 'service' (or 'services') and 'cluster', and the region.`;
  }
  if (code === 'NoSuchBucket') {
    return `S3 bucket '${str(input.Bucket) ?? '?'}' does not exist${where(call)}. Check input 'bucket' (the name, without s3://) and that the credentials belong to the account that owns it.`;
  }
  if (code === 'NoSuchDistribution') {
    return `CloudFront distribution '${str(input.DistributionId) ?? str(input.Id) ?? '?'}' does not exist in this account. Check input 'distribution-id' (an id such as E2QWRUHAPOMQZL, not the domain name).`;
  }
  return undefined;
}

/** `User: arn… is not authorized to perform: ecs:UpdateService on resource: arn… because …`. */
function denied(call: CallContext | undefined, reason: string): string | undefined {
  const action = /perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(reason)?.[1];
  if (!action && !call) return undefined; // nothing to add to the service's own words
  const resource = /on resource: (\S+?)(?: because|$|\s)/.exec(reason)?.[1];
  const principal = /User: (\S+)/.exec(reason)?.[1];
  const what = action ?? (call ? `${call.service.toLowerCase()}:${call.operation}` : 'the call');
  const on = resource ? ` on ${resource}` : '';
  const who = principal ? ` to ${principal}` : '';
  const next =
    action === 'iam:PassRole'
      ? `Allow iam:PassRole on ${resource ?? 'the task and execution roles'} with condition iam:PassedToService = ecs-tasks.amazonaws.com in the deploying role's policy.`
      : `Add ${what}${resource ? ` on ${resource}` : ''} to the deploying role's policy (docs/iam/ lists what each action needs).`;
  return `AWS denied ${what}${on}${who}${where(call, reason)} during ${call?.operation ?? 'a call'}. ${next} Nothing after this call was done.`;
}

function unreachable(
  code: string,
  call: CallContext | undefined,
  reason: string,
  env: NodeJS.ProcessEnv,
): string {
  const endpoint = call?.endpoint ?? 'the AWS endpoint';
  const override =
    env[`AWS_ENDPOINT_URL_${(call?.service ?? '').toUpperCase()}`] ?? env.AWS_ENDPOINT_URL;
  const next = override
    ? `AWS_ENDPOINT_URL${env.AWS_ENDPOINT_URL ? '' : `_${(call?.service ?? '').toUpperCase()}`} is set to ${override}: unset it to reach AWS, or start what should answer there.`
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
      ? `Check the region${call?.region ? ` (${call.region})` : ''} and the runner's DNS and proxy (HTTPS_PROXY).`
      : "Check the runner's network and proxy (HTTPS_PROXY, NO_PROXY).";
  return `Could not reach ${endpoint} for ${call?.operation ?? 'an AWS call'} (${code}: ${reason}). ${next}`;
}

const NOT_FOUND = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'NoSuchBucket',
  'NoSuchDistribution',
]);
const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
]);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const BAD_KEY = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
]);

/** The message for people, or undefined when the error is not one this knows. */
export function explainAwsError(
  error: unknown,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const call = callContextOf(error);
  const reason = oneLine(messageOf(error));
  const code =
    (error as { code?: string }).code && UNREACHABLE.has((error as { code: string }).code)
      ? (error as { code: string }).code
      : (errorCode(error) ?? '');
  if (reason === 'Region is missing' || /^Region not accepted: region="\s*"/.test(reason)) {
    return 'No AWS region is set. Set aws-region in aws-actions/configure-aws-credentials (it exports AWS_REGION), or AWS_REGION / AWS_DEFAULT_REGION in the job env.';
  }
  const badRegion = /^Region not accepted: region="([^"]*)"/.exec(reason);
  if (badRegion) {
    return `AWS_REGION is '${badRegion[1]}', which is not a region name (such as eu-west-1). Set aws-region in aws-actions/configure-aws-credentials, or AWS_REGION in the job env, to the region of your resources.`;
  }
  if (NOT_FOUND.has(code)) return notFound(code, call, reason);
  // ECS answers some denials as ClientException with the IAM wording (iam:PassRole).
  if (DENIED.has(code) || /is not authorized to perform/.test(reason)) return denied(call, reason);
  if (UNREACHABLE.has(code)) return unreachable(code, call, reason, env);
  if (BAD_KEY.has(code)) {
    return `AWS does not accept the access key (${code}: ${reason})${where(call)}. The credentials are wrong or for another partition: check the secrets or the role given to aws-actions/configure-aws-credentials.`;
  }
  return undefined;
}

/** The message of any error, told for people when it is an AWS error this knows. */
export function awsMessage(error: unknown): string {
  return explainAwsError(error) ?? messageOf(error);
}
