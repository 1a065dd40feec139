/**
 * The ECS state shared on `ctx.state.ecs`: task definitions, tasks, and the operation table other
 * plugins extend (services and deployments live in their own plugin behind the same target prefix).
 */
import type * as ECS from '@aws-sdk/client-ecs';
import type { LaunchType, Task, TaskDefinition, Tag } from '@aws-sdk/client-ecs';
import type { AnyJsonHandler, JsonHandlers } from '../core/json-protocol.js';
import type { PluginContext } from '../core/plugin.js';
import type { RunTaskRule, TaskScript } from './scenario.js';

/** ECS operation handlers, typed with the SDK's command inputs and outputs. */
export type EcsHandlers = JsonHandlers<typeof ECS>;

export interface TaskRecord {
  id: string;
  arn: string;
  cluster: string;
  taskDefinition: TaskDefinition;
  /** Sandbox ms when the task was launched. */
  createdAt: number;
  script: TaskScript;
  startedBy?: string;
  group: string;
  launchType?: LaunchType;
  capacityProviderName?: string;
  platformVersion?: string;
  overrides: NonNullable<Task['overrides']>;
  tags: Tag[];
  containerArns: Record<string, string>;
  /** Set by StopTask (or by another plugin) to stop the task early. */
  stop?: { at: number; stopCode: string; reason: string };
  /** Free-form fields other plugins keep on a task (e.g. the service deployment it belongs to). */
  meta: Record<string, unknown>;
}

export interface ClientTokenEntry {
  cluster: string;
  request: string;
  taskArns: string[];
  failures: { arn?: string; reason?: string; detail?: string }[];
  expiresAt: number;
}

export interface EcsState {
  clusters: Set<string> | undefined;
  /** Revisions per family, index = revision - 1. */
  taskDefinitions: Map<string, { definition: TaskDefinition; tags: Tag[] }[]>;
  tasks: Map<string, TaskRecord>;
  runTaskRules: RunTaskRule[];
  defaultTask: TaskScript;
  clientTokens: Map<string, ClientTokenEntry>;
  /** Extra operations registered by other plugins (`registerEcsOperations`). */
  operations: Map<string, AnyJsonHandler>;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    ecs: EcsState;
  }
}

/** The ECS state of a sandbox, created on first use. */
export function ecsState(ctx: PluginContext): EcsState {
  if (!ctx.state.ecs) {
    const scenario = ctx.scenario.ecs;
    ctx.state.ecs = {
      clusters: scenario?.clusters ? new Set(scenario.clusters) : undefined,
      taskDefinitions: new Map(),
      tasks: new Map(),
      runTaskRules: [...(scenario?.runTask ?? [])].map((rule) => ({ ...rule })),
      defaultTask: scenario?.defaultTask ?? { runSeconds: 10 },
      clientTokens: new Map(),
      operations: new Map(),
    };
  }
  return ctx.state.ecs;
}

/**
 * Adds ECS operations served behind the ECS target prefix, e.g. from another plugin's `start`:
 * `registerEcsOperations(ctx, { DescribeServices: (input) => ... })`.
 */
export function registerEcsOperations(ctx: PluginContext, handlers: EcsHandlers): void {
  const state = ecsState(ctx);
  for (const [name, handler] of Object.entries(handlers as Record<string, AnyJsonHandler>))
    if (handler) state.operations.set(name, handler);
}
