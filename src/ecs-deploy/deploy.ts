/**
 * The deploys of one run: register each distinct rendered definition once, start every
 * ECS-controller service (paced UpdateService, linked to its service deployment), then follow
 * each with its strategy — rolling, ECS-native or CodeDeploy — in parallel, and merge the results
 * in the order of the services. When an UpdateService fails for good, no further one is sent and
 * (with rollback-on-failure) the deployments already started are undone: no half-deployed system.
 */
import * as core from '@actions/core';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { blueGreenOptions, type BlueGreenStrategy } from './codedeploy-loader.js';
import { volumeConfigurationsFor } from './ebs.js';
import { revisionName } from './rolling/judge.js';
import { followNativeDeployments, type NativeOptions } from './native/deploy.js';
import { register, type ServicePlan } from './render.js';
import { restoreAll } from './rolling/restore.js';
import { followRolling, notStartedResult, startOptions } from './rolling/deploy.js';
import { startAll, type Started } from './start.js';
import type { Inputs, ServiceResult } from './types.js';

export interface Deployer {
  ecs: Pick<ECSClient, 'send'>;
  inputs: Inputs;
  signal: AbortSignal;
  log: (line: string) => void;
  native: NativeOptions;
  blueGreen?: BlueGreenStrategy;
}

/**
 * Sets each ECS-controller plan's `volumeConfigurations` (EBS configured at launch) before the
 * first write; input errors come out here.
 */
export function attachVolumes(plans: readonly ServicePlan[], inputs: Inputs): void {
  for (const plan of plans) {
    if (plan.engine === 'codedeploy') continue;
    const definition = plan.rendered?.definition ?? plan.target?.definition;
    const config = volumeConfigurationsFor(
      plan.name,
      plan.service,
      definition,
      inputs['ebs-volume'],
      inputs['ebs-volume-name'],
    );
    if (config) plan.volumeConfigurations = config;
  }
}

function deployCodeDeploy(plans: ServicePlan[], d: Deployer): Promise<ServiceResult[]> {
  if (plans.length === 0 || !d.blueGreen) return Promise.resolve([]);
  const deadline = Date.now() + d.inputs.timeoutMs;
  return Promise.all(
    plans.map((plan) =>
      d.blueGreen!.deploy(
        {
          cluster: d.inputs.cluster,
          service: plan.service,
          taskDefinitionArn: plan.target!.arn,
          previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
          taskDefinition: plan.target!.definition,
          options: blueGreenOptions(d.inputs),
          signal: d.signal,
          log: (line) => d.log(`${plan.name}: ${line}`),
          deadline,
        },
        plan.codeDeploy!,
      ),
    ),
  );
}

/** An UpdateService failed for good: undo what was started rather than follow it. */
async function undoStarted(started: Started[], why: string, d: Deployer): Promise<ServiceResult[]> {
  const results = started.map((s): ServiceResult => ({
    service: s.plan.name,
    strategy: s.plan.strategy,
    taskDefinitionArn: s.tracking.taskDefinitionArn,
    previousTaskDefinitionArn: s.plan.previousTaskDefinitionArn,
    deploymentId: s.tracking.deploymentId,
    ...(s.serviceDeploymentArn ? { serviceDeploymentArn: s.serviceDeploymentArn } : {}),
    status: s.unchanged ? 'unchanged' : 'failed',
    seconds: 0,
    phases: [],
    causes: s.unchanged
      ? []
      : [
          {
            title: `${s.plan.name}: undone`,
            message: `${s.plan.name}: started, then undone: ${why}`,
          },
        ],
    message: s.unchanged ?? `${s.plan.name}: started, then undone because ${why}.`,
  }));
  const requests = started.flatMap((s, i) =>
    s.unchanged
      ? []
      : [
          {
            result: results[i]!,
            plan: s.plan,
            ...(s.serviceDeploymentArn ? { serviceDeploymentArn: s.serviceDeploymentArn } : {}),
            revisions: s.revisions,
          },
        ],
  );
  d.log(
    `rollback-on-failure: undoing ${requests.map((r) => r.plan.name).join(', ') || 'nothing'} because ${why}.`,
  );
  if (requests.length > 0) await restoreAll(requests, { ecs: d.ecs, inputs: d.inputs, log: d.log });
  return results;
}

export async function deployAll(plans: ServicePlan[], d: Deployer): Promise<ServiceResult[]> {
  attachVolumes(plans, d.inputs);
  const registerStart = Date.now();
  await core.group('Register', async () => {
    await register(d.ecs, plans);
    for (const plan of plans)
      d.log(
        `${plan.name}: ${plan.registered ? 'registered' : 'reusing'} ${revisionName(plan.target!.arn)}.`,
      );
  });
  const registerEnd = Date.now();
  const ecsPlans = plans.filter((p) => p.engine !== 'codedeploy');
  const codeDeployPlans = plans.filter((p) => p.engine === 'codedeploy');
  const ctx = {
    ecs: d.ecs,
    inputs: d.inputs,
    signal: d.signal,
    log: d.log,
  };

  const ecsResults = async (): Promise<ServiceResult[]> => {
    if (ecsPlans.length === 0) return [];
    const { started, notStarted } = await startAll(
      ecsPlans,
      startOptions(ctx, Date.now() + d.inputs.timeoutMs),
    );
    const refused = notStarted.filter((n) => n.refused);
    if (refused.length > 0 && d.inputs['rollback-on-failure'] && started.length > 0) {
      const why = `UpdateService failed for ${refused.map((n) => n.plan.name).join(', ')}`;
      return [...(await undoStarted(started, why, d)), ...notStarted.map(notStartedResult)];
    }
    const native = started.filter(
      (s) => s.plan.engine === 'native' && s.serviceDeploymentArn && !s.unchanged,
    );
    const rolling = started.filter((s) => !native.includes(s));
    const [rolled, nativeResults] = await Promise.all([
      followRolling(
        ecsPlans.filter((p) => !native.some((s) => s.plan === p)),
        rolling,
        notStarted,
        ctx,
      ),
      followNativeDeployments(native, d.native),
    ]);
    return [...rolled, ...nativeResults];
  };

  const [fromEcs, fromCodeDeploy] = await Promise.all([
    ecsResults(),
    deployCodeDeploy(codeDeployPlans, d),
  ]);
  // Each strategy answers for its own services; the results come back in the order of the plans.
  const byName = new Map([...fromEcs, ...fromCodeDeploy].map((r) => [r.service, r]));
  return plans.map((plan) => {
    const result = byName.get(plan.name);
    if (!result) throw new Error(`${plan.name}: its deployment returned no result (a defect)`);
    if (plan.registered)
      result.phases.unshift({
        section: plan.name,
        name: `register ${revisionName(plan.target!.arn)}`,
        start: registerStart,
        end: registerEnd,
        state: 'done',
      });
    return result;
  });
}
