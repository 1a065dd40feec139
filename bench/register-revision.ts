/**
 * For the benchmarks' `aws` CLI rows: the CLI deploys a registered revision, so the bench
 * registers one first (before the counted calls): `from` with every container's image replaced.
 */
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import type { Sandbox } from '../sandbox/index.js';

export async function registerWithImage(
  sb: Sandbox,
  family: string,
  from: string,
  image: string,
): Promise<void> {
  const ecs = new ECSClient({
    region: 'us-east-1',
    endpoint: sb.url,
    credentials: { accessKeyId: 'AKIASANDBOXEXAMPLE', secretAccessKey: 'sandbox' },
  });
  try {
    const live = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: from })))
      .taskDefinition!;
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        networkMode: live.networkMode,
        requiresCompatibilities: live.requiresCompatibilities,
        cpu: live.cpu,
        memory: live.memory,
        executionRoleArn: live.executionRoleArn,
        taskRoleArn: live.taskRoleArn,
        containerDefinitions: live.containerDefinitions!.map((c) => ({ ...c, image })),
      }),
    );
  } finally {
    ecs.destroy();
  }
}
