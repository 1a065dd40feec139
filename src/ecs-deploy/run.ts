/**
 * ecs-deploy: inputs -> services and their strategies -> rendered revisions (read calls only) ->
 * dry-run diff, or registration and the deploys -> outputs, annotations and the job summary.
 * `hook-action` skips everything up to the deploys: it resumes paused service deployments.
 */
import { info } from '../lib/log.js';
import * as core from '@actions/core';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createClient } from '../lib/aws.js';
import type { ActionContext } from '../lib/run.js';
import { loadBlueGreen } from './codedeploy-loader.js';
import { deployAll, type Deployer } from './deploy.js';
import { decideStrategy } from './detect.js';
import { dryRun } from './dry-run.js';
import { readInputs } from './inputs.js';
import { revisionName } from './rolling/judge.js';
import { serviceBudget } from './native/budget.js';
import { budgetLine } from './native/deploy.js';
import { resumePaused } from './native/hooks.js';
import {
  imagesOf,
  loadDefinitionFile,
  prepare,
  type ResolvedService,
  type ServicePlan,
} from './render.js';
import { conclude, setOutputs, writeSummary } from './report.js';
import { describeServices, requireServices } from './services.js';
import type { Inputs, ServiceResult } from './types.js';

const log = (line: string): void => info(line);

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

/** The names of the inputs that were given (for the CodeDeploy-only check). */
function givenInputs(inputs: Inputs): string[] {
  return Object.entries(inputs)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
}

async function resolveServices(ecs: ECSClient, inputs: Inputs): Promise<ResolvedService[]> {
  const described = await describeServices(ecs, inputs.cluster, inputs.services);
  const found = requireServices(inputs.cluster, inputs.services, described);
  return found.map((service) => {
    const detected = decideStrategy(service, inputs.strategy, givenInputs(inputs));
    const name = service.serviceName ?? '';
    const capacity =
      service.launchType ??
      service.capacityProviderStrategy?.map((c) => c.capacityProvider).join('+') ??
      'default capacity';
    log(
      `${name}: ${detected.strategy} (${detected.label}; ${service.deploymentController?.type ?? 'ECS'} controller, ${capacity}), runs ${revisionName(service.taskDefinition)}, desired ${service.desiredCount}.`,
    );
    if (detected.engine === 'native')
      log(budgetLine(name, serviceBudget(service, inputs.timeoutMs)));
    return { service, strategy: detected.strategy, engine: detected.engine };
  });
}

function nativeOptions(ecs: ECSClient, inputs: Inputs, ctx: ActionContext) {
  return {
    ecs,
    cluster: inputs.cluster,
    wait: inputs.wait,
    timeoutMs: inputs.timeoutMs,
    pollIntervalMs: inputs.pollIntervalMs,
    onPause: inputs['on-pause'],
    rollbackOnFailure: inputs['rollback-on-failure'],
    signal: ctx.signal,
    log,
  };
}

function report(ctx: ActionContext, inputs: Inputs, results: ServiceResult[]): void {
  const status = setOutputs(results);
  writeSummary(ctx.summary, inputs.cluster, results, status);
  conclude(results, status);
}

export async function main(ctx: ActionContext): Promise<void> {
  const inputs = readInputs();
  const ecs = createClient(ECSClient);
  const hookAction = inputs['hook-action'];
  if (hookAction) {
    const results = await core.group(`hook-action: ${hookAction}`, () =>
      resumePaused(
        inputs['service-deployment-arns'] ?? [],
        hookAction,
        nativeOptions(ecs, inputs, ctx),
      ),
    );
    return report(ctx, inputs, results);
  }
  const file = await loadDefinitionFile(inputs);
  const services = await core.group('Services', () => resolveServices(ecs, inputs));

  const codeDeployServices = services.filter((s) => s.engine === 'codedeploy');
  const blueGreen =
    codeDeployServices.length > 0 ? await loadBlueGreen(inputs, { ecs }) : undefined;
  if (blueGreen) {
    await core.group('CodeDeploy', async () => {
      for (const resolved of codeDeployServices) {
        const plan = await blueGreen.prepare(resolved.service);
        resolved.codeDeploy = plan;
        log(
          `${resolved.service.serviceName}: blue/green through CodeDeploy ${plan.application}/${plan.groupName} with ${plan.configName}.`,
        );
      }
    });
  }

  const plans = await core.group('Task definitions', async () => {
    const prepared = await prepare(ecs, inputs, services, file);
    for (const plan of prepared) log(describePlan(plan, inputs));
    return prepared;
  });

  if (inputs['dry-run']) {
    const results = await core.group('Dry run: no change is made', () => dryRun(ecs, plans, log));
    return report(ctx, inputs, results);
  }
  const deployer: Deployer = {
    ecs,
    inputs,
    signal: ctx.signal,
    log,
    native: nativeOptions(ecs, inputs, ctx),
    ...(blueGreen ? { blueGreen } : {}),
  };
  const results = await deployAll(plans, deployer);
  report(ctx, inputs, results);
}
