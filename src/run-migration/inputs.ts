/**
 * The typed inputs of run-migration, keyed by the names in action.yml. Everything is read and
 * validated here, before the first AWS call, so a bad input fails with one line naming it.
 */
import * as core from '@actions/core';
import type {
  AssignPublicIp,
  CapacityProviderStrategyItem,
  LaunchType,
  TaskVolumeConfiguration,
} from '@aws-sdk/client-ecs';
import { parse as parseYaml } from 'yaml';
import { inputError } from '../lib/errors.js';
import { checkVolumeConfigurations, formatPath } from '../lib/task-definition-model.js';
import {
  assertExclusive,
  booleanInput,
  commandInput,
  containerImagesInput,
  keyValueInput,
  listInput,
  minutesInput,
  multilineInput,
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
  /** EBS volumes configured at launch (RunTask's volumeConfigurations). */
  'volume-configurations': TaskVolumeConfiguration[];
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
/** EC2 resource ids: the prefix and 8 (older) or 17 hex digits. */
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** Fargate platform versions: LATEST or x.y.z. */
const PLATFORM_VERSION = /^(LATEST|\d{1,3}\.\d{1,3}\.\d{1,3})$/;
/** ECS cluster names (or a cluster ARN, up to 2048 characters). */
const CLUSTER =
  /^([A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/;

/** Subnets (AWS allows 16) or security groups (5), each id checked for its form. */
function idListInput(name: string, pattern: RegExp, example: string, max: number): string[] {
  const ids = listInput(name);
  for (const id of ids) {
    if (!pattern.test(id)) {
      throw inputError(
        name,
        `holds '${id.length > 60 ? `${id.slice(0, 60)}…` : id}', which is not an id of the form ${example} (the prefix and 8 or 17 hexadecimal digits).`,
      );
    }
  }
  if (new Set(ids).size !== ids.length) throw inputError(name, 'lists an id twice.');
  if (ids.length > max)
    throw inputError(name, `lists ${ids.length} ids; RunTask takes at most ${max}.`);
  return ids;
}

/** A YAML or JSON list of RunTask volume configurations, checked against the ECS model. */
export function parseVolumeConfigurations(raw: string | undefined): TaskVolumeConfiguration[] {
  const name = 'volume-configurations';
  if (raw === undefined) return [];
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch (error) {
    const e = error as { linePos?: { line: number; col: number }[]; message: string };
    const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw inputError(name, `is not valid YAML or JSON${at}: ${e.message.split('\n')[0]}`);
  }
  if (!Array.isArray(value)) {
    throw inputError(
      name,
      'must be a list of volume configurations, e.g. [{"name": "data", "managedEBSVolume": {"roleArn": "arn:aws:iam::123456789012:role/ecsInfrastructureRole", "sizeInGiB": 20}}].',
    );
  }
  const check = checkVolumeConfigurations(value);
  const first = check.errors[0];
  if (first) {
    throw inputError(name, `${formatPath(first.path)}: ${first.message}.`);
  }
  for (const w of check.warnings)
    core.warning(`Input '${name}' ${formatPath(w.path)}: ${w.message}.`);
  const configs = check.value as TaskVolumeConfiguration[];
  const seen = new Set<string>();
  configs.forEach((c, i) => {
    if (!c.name)
      throw inputError(name, `item ${i + 1} has no 'name' (the task definition volume).`);
    if (!c.managedEBSVolume?.roleArn) {
      throw inputError(
        name,
        `volume '${c.name}' needs managedEBSVolume.roleArn (the ECS infrastructure role that creates the volume).`,
      );
    }
    if (seen.has(c.name)) throw inputError(name, `configures volume '${c.name}' twice.`);
    seen.add(c.name);
  });
  return configs;
}

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
  if (!CLUSTER.test(cluster)) {
    throw inputError(
      'cluster',
      `must be a cluster name (letters, digits, - and _, at most 255) or a cluster ARN, got '${cluster.length > 60 ? `${cluster.slice(0, 60)}…` : cluster}' (${cluster.length} characters).`,
    );
  }
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
    subnets: idListInput('subnets', SUBNET_ID, 'subnet-0a1b2c3d4e5f60718', 16),
    'security-groups': idListInput('security-groups', SECURITY_GROUP_ID, 'sg-0a1b2c3d4e5f60718', 5),
    'volume-configurations': parseVolumeConfigurations(
      multilineInput('volume-configurations').trim() || undefined,
    ),
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
    if (!PLATFORM_VERSION.test(platformVersion)) {
      throw inputError(
        'platform-version',
        `must be LATEST or a Fargate platform version such as 1.4.0, got '${platformVersion.length > 60 ? `${platformVersion.slice(0, 60)}…` : platformVersion}'.`,
      );
    }
    inputs['platform-version'] = platformVersion;
  }
  if (migrationName) inputs['migration-name'] = migrationName;
  return inputs;
}
