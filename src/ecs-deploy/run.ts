/**
 * ecs-deploy: inputs -> services and strategies -> rendered revisions (read calls only) ->
 * dry-run diff, or registration and the deploys -> outputs, annotations and the job summary.
 */
import { info } from '../lib/log.js';
import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createClient } from '../lib/aws.js';
import type { ActionContext } from '../lib/run.js';
import type { BlueGreenPlan } from './blue-green/index.js';
import { loadBlueGreen, type BlueGreenStrategy } from './blue-green-loader.js';
import { dryRun } from './dry-run.js';
import { readInputs } from './inputs.js';
import { revisionName } from './judge.js';
import { imagesOf, loadDefinitionFile, prepare, register, type ServicePlan } from './render.js';
import { conclude, setOutputs, writeSummary } from './report.js';
import { deployRolling } from './rolling.js';
import { decideStrategy, describeServices, requireServices } from './services.js';
import type { Inputs, ServiceResult } from './types.js';

const log = (line: string): void => info(line);

async function deployBlueGreenAll(
  strategy: BlueGreenStrategy,
  plans: ServicePlan[],
  prepared: Map<string, BlueGreenPlan>,
  inputs: Inputs,
  ctx: ActionContext,
): Promise<ServiceResult[]> {
  const deadline = Date.now() + inputs['timeout-minutes'];
  return Promise.all(
    plans.map((plan) =>
      strategy.deploy(
        {
          cluster: inputs.cluster,
          service: plan.service,
          taskDefinitionArn: plan.target!.arn,
          previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
          inputs,
          signal: ctx.signal,
          log: (line) => log(`${plan.name}: ${line}`),
          deadline,
        },
        prepared.get(plan.name)!,
      ),
    ),
  );
}

function describePlan(plan: ServicePlan, inputs: Inputs): string {
  if (plan.target && !plan.rendered) {
    const given = inputs['task-definition-arn'];
    const revision = revisionName(plan.target.arn);
    if (given === 'previous') return `${plan.name}: the previous revision is ${revision}.`;
    if (given) return `${plan.name}: deploying ${revision} as it is.`;
    return `${plan.name}: no change to its definition; keeps ${revision}.`;
  }
  const source = inputs['task-definition'] ?? `the live definition ${revisionName(plan.live.arn)}`;
  const images = imagesOf(plan.rendered?.definition).join(', ');
  return `${plan.name}: rendered from ${source}: ${images}.`;
}

export async function main(ctx: ActionContext): Promise<void> {
  const inputs = readInputs();
  const file = await loadDefinitionFile(inputs);
  const ecs = createClient(ECSClient);

  const services = await core.group('Services', async () => {
    const described = await describeServices(ecs, inputs.cluster, inputs.services);
    const found = requireServices(inputs.cluster, inputs.services, described);
    return found.map((service) => {
      const strategy = decideStrategy(service, inputs.strategy);
      log(
        `${service.serviceName}: ${strategy} (${service.deploymentController?.type ?? 'ECS'} controller, ${service.launchType ?? service.capacityProviderStrategy?.map((c) => c.capacityProvider).join('+') ?? 'default capacity'}), runs ${revisionName(service.taskDefinition)}, desired ${service.desiredCount}.`,
      );
      return { service, strategy };
    });
  });
  const greenServices = services.filter((s) => s.strategy === 'blue-green');
  let blueGreen: BlueGreenStrategy | undefined;
  const prepared = new Map<string, BlueGreenPlan>();
  if (greenServices.length > 0) {
    const strategy = await loadBlueGreen(inputs);
    blueGreen = strategy;
    await core.group('CodeDeploy', async () => {
      for (const { service } of greenServices) {
        const plan = await strategy.prepare(service);
        prepared.set(service.serviceName ?? '', plan);
        log(
          `${service.serviceName}: blue/green through CodeDeploy ${plan.application}/${plan.groupName} with ${plan.configName}.`,
        );
      }
    });
  }

  const plans = await core.group('Task definitions', async () => {
    const prepared = await prepare(ecs, inputs, services, file);
    for (const plan of prepared) log(describePlan(plan, inputs));
    return prepared;
  });

  let results: ServiceResult[];
  if (inputs['dry-run']) {
    results = await core.group('Dry run: no change is made', () => dryRun(ecs, plans, log));
  } else {
    const registerStart = Date.now();
    await core.group('Register', async () => {
      await register(ecs, plans);
      for (const plan of plans) {
        log(
          `${plan.name}: ${plan.registered ? 'registered' : 'reusing'} ${revisionName(plan.target!.arn)}.`,
        );
      }
    });
    const registerEnd = Date.now();
    const rolling = plans.filter((p) => p.strategy === 'rolling');
    const green = plans.filter((p) => p.strategy === 'blue-green');
    const [rolled, greened] = await Promise.all([
      rolling.length > 0
        ? deployRolling(rolling, { ecs, inputs, signal: ctx.signal, log })
        : Promise.resolve([]),
      green.length > 0 && blueGreen
        ? deployBlueGreenAll(blueGreen, green, prepared, inputs, ctx)
        : Promise.resolve([]),
    ]);
    const byName = new Map([...rolled, ...greened].map((r) => [r.service, r]));
    results = plans.map((p) => byName.get(p.name)!);
    for (const plan of plans) {
      if (!plan.registered) continue;
      byName.get(plan.name)!.phases.unshift({
        section: plan.name,
        name: `register ${revisionName(plan.target!.arn)}`,
        start: registerStart,
        end: registerEnd,
        state: 'done',
      });
    }
  }
  const status = setOutputs(results);
  writeSummary(ctx.summary, inputs.cluster, results, status);
  conclude(results, status);
}
