/**
 * The typed inputs of run-migration, keyed by the names in action.yml. Everything is read and
 * validated here, before the first AWS call, so a bad input fails with one line naming it.
 */
import type { AssignPublicIp, CapacityProviderStrategyItem, LaunchType } from '@aws-sdk/client-ecs';
import { inputError } from '../lib/errors.js';
import {
  assertExclusive,
  booleanInput,
  commandInput,
  containerImagesInput,
  keyValueInput,
  listInput,
  minutesInput,
  optionalInput,
  requiredInput,
  secondsInput,
} from '../lib/inputs.js';
import { ENV_NAME } from '../lib/parse.js';

export interface Inputs {
  cluster: string;
  service?: string;
  'task-definition'?: string;
  images: Map<string, string>;
  container?: string;
  command?: string[];
  environment: Map<string, string>;
  subnets: string[];
  'security-groups': string[];
  'assign-public-ip'?: AssignPublicIp;
  'launch-type'?: LaunchType;
  'capacity-provider-strategy': CapacityProviderStrategyItem[];
  'platform-version'?: string;
  'migration-name'?: string;
  /** In milliseconds. */
  'timeout-minutes': number;
  /** In milliseconds. */
  'poll-interval-seconds': number;
  logs: boolean;
  'stop-on-timeout': boolean;
  exclusive: boolean;
}

const LAUNCH_TYPES = ['FARGATE', 'EC2', 'EXTERNAL'] as const;
const NAME = /^[A-Za-z0-9_./-]{1,200}$/;

function upperChoice<T extends string>(name: string, choices: readonly T[]): T | undefined {
  const value = optionalInput(name);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if ((choices as readonly string[]).includes(upper)) return upper as T;
  throw inputError(name, `must be one of ${choices.join(', ')}, got '${value}'.`);
}

function assignPublicIp(): AssignPublicIp | undefined {
  const value = optionalInput('assign-public-ip');
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (['enabled', 'true', 'yes'].includes(v)) return 'ENABLED';
  if (['disabled', 'false', 'no'].includes(v)) return 'DISABLED';
  throw inputError('assign-public-ip', `must be ENABLED or DISABLED, got '${value}'.`);
}

/** `provider[:weight[:base]]` items, e.g. `FARGATE_SPOT:3, FARGATE:1:1`. */
export function parseCapacityProviderStrategy(items: string[]): CapacityProviderStrategyItem[] {
  const name = 'capacity-provider-strategy';
  const seen = new Set<string>();
  return items.map((item) => {
    const [provider = '', weight, base, ...rest] = item.split(':').map((s) => s.trim());
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(provider) || rest.length > 0) {
      throw inputError(name, `item '${item}' must be provider[:weight[:base]].`);
    }
    if (seen.has(provider)) throw inputError(name, `lists '${provider}' twice.`);
    seen.add(provider);
    const number = (text: string | undefined, what: string, max: number): number | undefined => {
      if (text === undefined || text === '') return undefined;
      if (!/^\d+$/.test(text) || Number(text) > max) {
        throw inputError(name, `item '${item}': ${what} must be a whole number 0-${max}.`);
      }
      return Number(text);
    };
    const out: CapacityProviderStrategyItem = { capacityProvider: provider };
    const w = number(weight, 'weight', 1000);
    const b = number(base, 'base', 100000);
    if (w !== undefined) out.weight = w;
    if (b !== undefined) out.base = b;
    return out;
  });
}

export function readInputs(): Inputs {
  const cluster = requiredInput('cluster');
  const service = optionalInput('service');
  const taskDefinition = optionalInput('task-definition');
  if (!service && !taskDefinition) {
    throw inputError(
      'task-definition',
      "or 'service' is required: give the task definition to run, or a service to take it from.",
    );
  }
  const environment = keyValueInput('environment');
  for (const key of environment.keys()) {
    if (!ENV_NAME.test(key)) {
      throw inputError(
        'environment',
        `sets '${key}', which is not a valid environment variable name.`,
      );
    }
  }
  assertExclusive('launch-type', 'capacity-provider-strategy');
  const launchType = upperChoice('launch-type', LAUNCH_TYPES);
  const strategy = parseCapacityProviderStrategy(listInput('capacity-provider-strategy'));
  const migrationName = optionalInput('migration-name');
  if (migrationName !== undefined && !NAME.test(migrationName)) {
    throw inputError(
      'migration-name',
      'may use letters, digits, and - _ . / only (at most 200 characters).',
    );
  }
  const inputs: Inputs = {
    cluster,
    images: containerImagesInput('images'),
    command: commandInput('command'),
    environment,
    subnets: listInput('subnets'),
    'security-groups': listInput('security-groups'),
    'capacity-provider-strategy': strategy,
    'timeout-minutes': minutesInput('timeout-minutes', 30, 60 * 24 * 7),
    'poll-interval-seconds': secondsInput('poll-interval-seconds', 3, 300),
    logs: booleanInput('logs', true),
    'stop-on-timeout': booleanInput('stop-on-timeout', true),
    exclusive: booleanInput('exclusive', true),
  };
  if (service) inputs.service = service;
  if (taskDefinition) inputs['task-definition'] = taskDefinition;
  const container = optionalInput('container');
  if (container) inputs.container = container;
  const ip = assignPublicIp();
  if (ip) inputs['assign-public-ip'] = ip;
  if (launchType) inputs['launch-type'] = launchType;
  const platformVersion = optionalInput('platform-version');
  if (platformVersion) {
    if (launchType === 'EC2' || launchType === 'EXTERNAL') {
      throw inputError(
        'platform-version',
        `applies to Fargate only, but 'launch-type' is ${launchType}.`,
      );
    }
    inputs['platform-version'] = platformVersion;
  }
  if (migrationName) inputs['migration-name'] = migrationName;
  return inputs;
}
