/**
 * For the benchmarks' `aws` CLI and official-action rows: the CLI deploys a registered revision,
 * so the bench registers one first (before the counted calls); the official action registers the
 * task definition file it is given, so the bench writes that file (what a workflow renders
 * from the file in its repository). Both are `from` with every container's image replaced.
 */
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../sandbox/index.js';

function client(sb: Sandbox): ECSClient {
  return new ECSClient({
    region: 'us-east-1',
    endpoint: sb.url,
    credentials: { accessKeyId: 'AKIASANDBOXEXAMPLE', secretAccessKey: 'sandbox' },
  });
}

/** The registerable definition of `from` with every container's image replaced. */
export async function definitionWithImage(
  sb: Sandbox,
  family: string,
  from: string,
  image: string,
): Promise<RegisterTaskDefinitionCommandInput> {
  const ecs = client(sb);
  try {
    const live = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: from })))
      .taskDefinition!;
    return {
      family,
      networkMode: live.networkMode,
      requiresCompatibilities: live.requiresCompatibilities,
      cpu: live.cpu,
      memory: live.memory,
      executionRoleArn: live.executionRoleArn,
      taskRoleArn: live.taskRoleArn,
      containerDefinitions: live.containerDefinitions!.map((c) => ({ ...c, image })),
    };
  } finally {
    ecs.destroy();
  }
}

export async function registerWithImage(
  sb: Sandbox,
  family: string,
  from: string,
  image: string,
): Promise<void> {
  const input = await definitionWithImage(sb, family, from, image);
  const ecs = client(sb);
  try {
    await ecs.send(new RegisterTaskDefinitionCommand(input));
  } finally {
    ecs.destroy();
  }
}
