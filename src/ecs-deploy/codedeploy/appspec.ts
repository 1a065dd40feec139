/**
 * The AppSpec of an ECS blue/green deployment: read from the user's file (YAML or JSON, hooks
 * kept) or generated from the service's load balancer, always with the new task definition in
 * place of whatever TaskDefinition the file names. The revision goes to CodeDeploy as
 * AppSpecContent with its sha256.
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

export interface LoadBalancerTarget {
  containerName: string;
  containerPort: number;
}

export interface AppSpecRevision {
  content: string;
  sha256: string;
  /** Hook event -> function, in file order. */
  hooks: { event: string; functionName: string }[];
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

/** Reads and checks the `appspec` file; every problem is one line naming the input. */
export function readAppSpecFile(path: string): AppSpecDoc {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(INPUT, `names '${path}', which cannot be read (${code ?? 'unreadable'}).`);
  }
  return parseAppSpec(text, path);
}

export function parseAppSpec(text: string, path = 'the AppSpec'): AppSpecDoc {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const first = messageOf(error).split('\n')[0];
    throw inputError(INPUT, `file '${path}' is neither valid YAML nor JSON: ${first}`);
  }
  if (!isObject(doc)) throw inputError(INPUT, `file '${path}' must hold a mapping (an AppSpec).`);
  targetService(doc, path);
  hooksOf(doc, path);
  return doc;
}

/** The Properties of the single AWS::ECS::Service resource. */
function targetService(doc: Obj, path: string): Obj {
  const resources = field(doc, 'Resources');
  if (!Array.isArray(resources) || resources.length !== 1) {
    throw inputError(INPUT, `file '${path}' must have exactly one entry under Resources.`);
  }
  const resource = resources[0] as unknown;
  const entry = isObject(resource) ? Object.values(resource)[0] : undefined;
  if (!isObject(entry) || field(entry, 'Type') !== 'AWS::ECS::Service') {
    throw inputError(INPUT, `file '${path}' must describe one resource of Type AWS::ECS::Service.`);
  }
  const props = field(entry, 'Properties');
  if (props !== undefined && !isObject(props)) {
    throw inputError(INPUT, `file '${path}' has Properties that are not a mapping.`);
  }
  if (props === undefined) entry.Properties = {};
  const properties = field(entry, 'Properties') as Obj;
  const lb = field(properties, 'LoadBalancerInfo');
  if (lb !== undefined) {
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
  }
  return properties;
}

function hooksOf(doc: Obj, path: string): { event: string; functionName: string }[] {
  const hooks = field(doc, 'Hooks');
  if (hooks === undefined || hooks === null) return [];
  if (!Array.isArray(hooks))
    throw inputError(INPUT, `file '${path}' has Hooks that are not a list.`);
  const out: { event: string; functionName: string }[] = [];
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
export function generateAppSpec(target: LoadBalancerTarget): AppSpecDoc {
  return {
    version: 0.0,
    Resources: [
      {
        TargetService: {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: '',
            LoadBalancerInfo: {
              ContainerName: target.containerName,
              ContainerPort: target.containerPort,
            },
          },
        },
      },
    ],
  };
}

/**
 * The revision to deploy: `base` (a parsed file, or the generated AppSpec) with its TaskDefinition
 * replaced by `taskDefinitionArn` and LoadBalancerInfo filled from the service when absent.
 */
export function renderAppSpec(
  base: AppSpecDoc | undefined,
  taskDefinitionArn: string,
  service: LoadBalancerTarget,
): AppSpecRevision {
  const doc = structuredClone(base ?? generateAppSpec(service)) as Obj;
  if (keyOf(doc, 'version') === undefined) doc.version = 0.0;
  const properties = targetService(doc, 'the AppSpec');
  properties[keyOf(properties, 'TaskDefinition') ?? 'TaskDefinition'] = taskDefinitionArn;
  if (keyOf(properties, 'LoadBalancerInfo') === undefined) {
    properties.LoadBalancerInfo = {
      ContainerName: service.containerName,
      ContainerPort: service.containerPort,
    };
  }
  const lb = field(properties, 'LoadBalancerInfo') as Obj;
  const content = JSON.stringify(doc, null, 2);
  return {
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    hooks: hooksOf(doc, 'the AppSpec'),
    containerName: String(field(lb, 'ContainerName')),
    containerPort: Number(field(lb, 'ContainerPort')),
  };
}
