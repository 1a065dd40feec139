/**
 * The AppSpec of an ECS blue/green deployment: read from the user's file (YAML or JSON, hooks
 * kept) or generated from the service's load balancer, always with the new task definition in
 * place of whatever TaskDefinition the file names. The revision goes to CodeDeploy as
 * AppSpecContent with its sha256.
 *
 * A file is parsed and walked once per run (`parseAppSpec`): what the plan and the rendering need
 * (its target resource, hooks and LoadBalancerInfo) is kept in the `ParsedAppSpec`, so neither
 * walks the document again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { inputError, messageOf } from '../../lib/errors.js';

export const HOOK_EVENTS = [
  'BeforeInstall',
  'AfterInstall',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AfterAllowTraffic',
] as const;

export type AppSpecDoc = Record<string, unknown>;

/** Turns the file's text into a value (YAML, of which JSON is a subset). */
export type AppSpecParser = (text: string) => unknown;

export interface AppSpecHook {
  event: string;
  functionName: string;
}

export interface LoadBalancerTarget {
  containerName: string;
  containerPort: number;
}

export interface AppSpecRevision {
  content: string;
  sha256: string;
  /** Hook event -> function, in file order. */
  hooks: AppSpecHook[];
  containerName: string;
  containerPort: number;
}

const INPUT = 'appspec';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key of `obj` equal to `name` ignoring case (AppSpec files are written both ways). */
function keyOf(obj: Obj, name: string): string | undefined {
  return Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
}

function field(obj: Obj, name: string): unknown {
  const key = keyOf(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** An AppSpec checked once: the document as read and the parts found while checking it. */
export interface ParsedAppSpec {
  /** The document as read; never changed (rendering builds a new one). */
  doc: AppSpecDoc;
  /** The key of the Resources list, as the file spells it. */
  resourcesKey: string;
  /** The single entry of Resources, its name (e.g. `TargetService`) and its definition. */
  resource: Obj;
  resourceName: string;
  target: Obj;
  /** The key of the target's Properties, as spelled (`Properties` when absent). */
  propertiesKey: string;
  properties: Obj;
  /** Hook event -> function, in file order. */
  hooks: AppSpecHook[];
  /** The file's LoadBalancerInfo, when it has one. */
  loadBalancer?: LoadBalancerTarget;
}

/** Reads and checks the `appspec` file; every problem is one line naming the input. */
export function readAppSpecFile(path: string, parse: AppSpecParser = parseYaml): ParsedAppSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(INPUT, `names '${path}', which cannot be read (${code ?? 'unreadable'}).`);
  }
  return parseAppSpec(text, path, parse);
}

export function parseAppSpec(
  text: string,
  path = 'the AppSpec',
  parse: AppSpecParser = parseYaml,
): ParsedAppSpec {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    const first = messageOf(error).split('\n')[0];
    throw inputError(INPUT, `file '${path}' is neither valid YAML nor JSON: ${first}`);
  }
  if (!isObject(doc)) throw inputError(INPUT, `file '${path}' must hold a mapping (an AppSpec).`);
  return { doc, ...targetService(doc, path), hooks: hooksOf(doc, path) };
}

type Target = Omit<ParsedAppSpec, 'doc' | 'hooks'>;

/** The single AWS::ECS::Service resource, its Properties and LoadBalancerInfo. */
function targetService(doc: Obj, path: string): Target {
  const resourcesKey = keyOf(doc, 'Resources') ?? 'Resources';
  const resources = doc[resourcesKey];
  if (!Array.isArray(resources) || resources.length !== 1) {
    throw inputError(INPUT, `file '${path}' must have exactly one entry under Resources.`);
  }
  const resource = resources[0] as unknown;
  const resourceName = isObject(resource) ? Object.keys(resource)[0] : undefined;
  const target = isObject(resource) && resourceName ? resource[resourceName] : undefined;
  if (!isObject(resource) || !isObject(target) || field(target, 'Type') !== 'AWS::ECS::Service') {
    throw inputError(INPUT, `file '${path}' must describe one resource of Type AWS::ECS::Service.`);
  }
  const propertiesKey = keyOf(target, 'Properties') ?? 'Properties';
  const props = target[propertiesKey];
  if (props !== undefined && !isObject(props)) {
    throw inputError(INPUT, `file '${path}' has Properties that are not a mapping.`);
  }
  const properties: Obj = props ?? {};
  const found: Target = {
    resourcesKey,
    resource,
    resourceName: resourceName!,
    target,
    propertiesKey,
    properties,
  };
  const lb = field(properties, 'LoadBalancerInfo');
  if (lb === undefined) return found;
  if (!isObject(lb))
    throw inputError(INPUT, `file '${path}' has a LoadBalancerInfo that is not a mapping.`);
  const name = field(lb, 'ContainerName');
  const port = Number(field(lb, 'ContainerPort'));
  if (typeof name !== 'string' || name === '' || !Number.isInteger(port) || port <= 0) {
    throw inputError(
      INPUT,
      `file '${path}' needs LoadBalancerInfo.ContainerName and a numeric ContainerPort.`,
    );
  }
  return { ...found, loadBalancer: { containerName: name, containerPort: port } };
}

function hooksOf(doc: Obj, path: string): AppSpecHook[] {
  const hooks = field(doc, 'Hooks');
  if (hooks === undefined || hooks === null) return [];
  if (!Array.isArray(hooks))
    throw inputError(INPUT, `file '${path}' has Hooks that are not a list.`);
  const out: AppSpecHook[] = [];
  for (const hook of hooks as unknown[]) {
    const entries = isObject(hook) ? Object.entries(hook) : [];
    if (entries.length !== 1 || typeof entries[0]?.[1] !== 'string') {
      throw inputError(INPUT, `file '${path}' has a hook that is not 'EventName: function'.`);
    }
    const [event, functionName] = entries[0] as [string, string];
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) {
      throw inputError(
        INPUT,
        `file '${path}' has a hook for '${event}'; ECS hooks are ${HOOK_EVENTS.join(', ')}.`,
      );
    }
    out.push({ event, functionName });
  }
  return out;
}

/** A minimal AppSpec for the service: its load-balanced container and the new revision. */
export function generateAppSpec(target: LoadBalancerTarget): ParsedAppSpec {
  const properties: Obj = {
    TaskDefinition: '',
    LoadBalancerInfo: { ContainerName: target.containerName, ContainerPort: target.containerPort },
  };
  const service: Obj = { Type: 'AWS::ECS::Service', Properties: properties };
  const resource: Obj = { TargetService: service };
  return {
    doc: { version: 0.0, Resources: [resource] },
    resourcesKey: 'Resources',
    resource,
    resourceName: 'TargetService',
    target: service,
    propertiesKey: 'Properties',
    properties,
    hooks: [],
    loadBalancer: target,
  };
}

/**
 * The revision to deploy: `spec` (a parsed file, or the generated AppSpec) with its TaskDefinition
 * replaced by `taskDefinitionArn` and LoadBalancerInfo filled from the service when absent. Built
 * from the parts `parseAppSpec` found: the document is neither walked again nor changed.
 */
export function renderAppSpec(
  spec: ParsedAppSpec | undefined,
  taskDefinitionArn: string,
  service: LoadBalancerTarget,
): AppSpecRevision {
  const s = spec ?? generateAppSpec(service);
  const lb = s.loadBalancer ?? service;
  const properties: Obj = {
    ...s.properties,
    [keyOf(s.properties, 'TaskDefinition') ?? 'TaskDefinition']: taskDefinitionArn,
  };
  if (!s.loadBalancer)
    properties.LoadBalancerInfo = {
      ContainerName: lb.containerName,
      ContainerPort: lb.containerPort,
    };
  const target = { ...s.target, [s.propertiesKey]: properties };
  const resources = [{ ...s.resource, [s.resourceName]: target }];
  const doc: Obj = {};
  for (const key of Object.keys(s.doc)) doc[key] = key === s.resourcesKey ? resources : s.doc[key];
  if (keyOf(doc, 'version') === undefined) doc.version = 0.0;
  const content = JSON.stringify(doc, null, 2);
  return {
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    hooks: s.hooks,
    containerName: lb.containerName,
    containerPort: lb.containerPort,
  };
}
