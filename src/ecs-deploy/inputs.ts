/**
 * Reads and validates every ecs-deploy input before the first AWS call. Each problem is one
 * ConfigurationError naming the input.
 */
import { inputError } from '../lib/errors.js';
import {
  assertExclusive,
  booleanInput,
  choiceInput,
  containerImagesInput,
  minutesInput,
  multilineInput,
  numberInput,
  optionalInput,
  requiredInput,
  requiredListInput,
  secondsInput,
} from '../lib/inputs.js';
import type { Inputs, StrategyInput } from './types.js';
import { arnTail } from '../lib/arn.js';
import { parseEbsVolume } from './ebs.js';

const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SERVICE_ARN =
  /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/;
const CLUSTER =
  /^([A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]+)$/;
const FAMILY_REF = /^[A-Za-z0-9_-]{1,255}(:\d+)?$/;
const TASK_DEFINITION_ARN =
  /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:\d+$/;

/** `family`, `family:revision`, a task definition ARN, or `previous`. */
export function validTaskDefinitionRef(ref: string): boolean {
  return ref === 'previous' || FAMILY_REF.test(ref) || TASK_DEFINITION_ARN.test(ref);
}

/** The short name of a service given by name or ARN. */
export function serviceName(ref: string): string {
  return ref.startsWith('arn:') ? arnTail(ref) : ref;
}

export function readInputs(): Inputs {
  const cluster = requiredInput('cluster');
  if (!CLUSTER.test(cluster))
    throw inputError('cluster', `must be a cluster name or ARN, got '${cluster}'.`);

  const services = requiredListInput('services');
  for (const service of services) {
    if (!SERVICE_NAME.test(service) && !SERVICE_ARN.test(service))
      throw inputError('services', `names '${service}', which is not a service name or ARN.`);
  }
  const names = services.map(serviceName);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw inputError('services', `lists '${twice}' twice.`);

  assertExclusive('task-definition', 'task-definition-arn');
  // `images` is multi-line: lib's assertExclusive reads inputs as single values.
  if (given('images') && given('task-definition-arn'))
    throw inputError('images', "cannot be combined with 'task-definition-arn'; give one of them.");
  const taskDefinitionArn = optionalInput('task-definition-arn');
  if (taskDefinitionArn !== undefined && !validTaskDefinitionRef(taskDefinitionArn)) {
    throw inputError(
      'task-definition-arn',
      `must be family:revision, a task definition ARN or 'previous', got '${taskDefinitionArn}'.`,
    );
  }
  const images = containerImagesInput('images');
  const strategy = choiceInput<StrategyInput>(
    'strategy',
    ['auto', 'rolling', 'blue-green', 'linear', 'canary'],
    'auto',
  );
  const hookAction = readHookAction();
  const desired = optionalInput('desired-count');
  const inputs: Inputs = {
    cluster,
    services: names,
    images,
    strategy,
    wait: booleanInput('wait', true),
    timeoutMs: minutesInput('timeout-minutes', 30, 24 * 60),
    pollIntervalMs: secondsInput('poll-interval-seconds', 5, 600),
    'on-pause': choiceInput('on-pause', ['stop', 'wait'], 'stop'),
    'rollback-on-failure': booleanInput('rollback-on-failure', true),
    'force-new-deployment': booleanInput('force-new-deployment', false),
    'dry-run': booleanInput('dry-run', false),
    'allow-family-change': booleanInput('allow-family-change', false),
  };
  const optional = {
    'task-definition': optionalInput('task-definition'),
    'task-definition-arn': taskDefinitionArn,
    'codedeploy-application': optionalInput('codedeploy-application'),
    'codedeploy-deployment-group': optionalInput('codedeploy-deployment-group'),
    'codedeploy-deployment-config': optionalInput('codedeploy-deployment-config'),
    appspec: optionalInput('appspec'),
    'hook-action': hookAction?.action,
    'ebs-volume': parseEbsVolume(optionalInput('ebs-volume')),
    'ebs-volume-name': optionalInput('ebs-volume-name'),
    'service-deployment-arns': hookAction?.arns,
    'desired-count':
      desired === undefined
        ? undefined
        : numberInput('desired-count', 0, { min: 0, max: 5000, integer: true }),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (inputs as unknown as Record<string, unknown>)[key] = value;
  }
  return inputs;
}

/** Whether an input was given at all (multi-line inputs included). */
const given = (name: string): boolean => multilineInput(name).trim() !== '';

const SERVICE_DEPLOYMENT_ARN =
  /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service-deployment\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/;

/**
 * `hook-action` and `service-deployment-arns` go together: they resume paused deployments and
 * exclude everything that would render, register or update.
 */
function readHookAction(): { action: 'continue' | 'rollback'; arns: string[] } | undefined {
  const hookAction = optionalInput('hook-action');
  const arnsGiven = given('service-deployment-arns') ? true : undefined;
  if (hookAction === undefined) {
    if (arnsGiven !== undefined)
      throw inputError(
        'service-deployment-arns',
        "is only read with 'hook-action' (continue or rollback); remove it, or add hook-action.",
      );
    return undefined;
  }
  const action = choiceInput<'continue' | 'rollback'>(
    'hook-action',
    ['continue', 'rollback'],
    'continue',
  );
  for (const other of ['task-definition', 'task-definition-arn', 'images', 'desired-count']) {
    if (given(other))
      throw inputError(
        other,
        `cannot be combined with 'hook-action', which only resumes paused deployments; remove it.`,
      );
  }
  if (booleanInput('force-new-deployment', false))
    throw inputError('force-new-deployment', "cannot be combined with 'hook-action'.");
  if (arnsGiven === undefined)
    throw inputError(
      'service-deployment-arns',
      "is required with 'hook-action': give the service-deployment-arns output of the run that paused.",
    );
  const arns = requiredListInput('service-deployment-arns').map((line) => {
    const arn = line.includes('=') ? line.slice(line.indexOf('=') + 1).trim() : line;
    if (!SERVICE_DEPLOYMENT_ARN.test(arn))
      throw inputError(
        'service-deployment-arns',
        `has '${line}', which is not a service deployment ARN (service=arn lines, as the paused run printed them).`,
      );
    return arn;
  });
  return { action, arns };
}
