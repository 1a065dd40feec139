/** SDK clients pointed at a sandbox, as a bundle would build them from `sandbox.env()`. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import type { Sandbox } from '../../../sandbox/index.js';

export function clientConfig(sandbox: Sandbox) {
  const env = sandbox.env();
  return {
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
    },
  };
}

export const ecsClient = (sandbox: Sandbox) => new ECSClient(clientConfig(sandbox));
export const logsClient = (sandbox: Sandbox) => new CloudWatchLogsClient(clientConfig(sandbox));

export const FARGATE_NETWORK = {
  launchType: 'FARGATE' as const,
  networkConfiguration: {
    awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d'], securityGroups: ['sg-0a1b2c3d'] },
  },
};

/** A JSON 1.1 call made by hand, for fields no SDK would send. */
export async function rawCall(
  sandbox: Sandbox,
  target: string,
  body: unknown,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(sandbox.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}
