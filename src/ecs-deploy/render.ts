/**
 * Decides what each service will run: a rendered definition (from the file or the service's live
 * definition, with images replaced) or a given revision (`task-definition-arn`, `previous`).
 * `prepare` makes only read calls, so every mistake surfaces before the first mutating call;
 * `register` then registers each distinct rendered definition once, and only when it differs from
 * the family's latest ACTIVE revision.
 */
import type { ECSClient, Service, ServiceVolumeConfiguration, Tag } from '@aws-sdk/client-ecs';
import { errorCode } from '../lib/aws-errors.js';
import { inputError, messageOf } from '../lib/errors.js';
import { once } from '../lib/once.js';
import type { BlueGreenPlan } from './codedeploy/index.js';
import {
  applyImages,
  canonicalTaskDefinition,
  assertSameFamily,
  containerNames,
  readTaskDefinitionFile,
  sameTaskDefinition,
  stripReadOnly,
  type TaskDefinitionDoc,
} from '../lib/task-definition.js';
import {
  describeTaskDefinition,
  findReusable,
  registerIfChanged,
  registerTaskDefinition,
  type RegisteredTaskDefinition,
} from '../lib/task-definition-registry.js';
import { resolvePrevious } from './previous.js';
import type { Engine, Inputs, Strategy } from './types.js';

type Ecs = Pick<ECSClient, 'send'>;

export interface ServicePlan {
  name: string;
  service: Service;
  strategy: Strategy;
  /** Who runs the deployment (rolling, native or codedeploy); rolling when not given. */
  engine?: Engine;
  /** The CodeDeploy application, group and config (engine codedeploy), read before rendering. */
  codeDeploy?: BlueGreenPlan;
  /** The revision the service runs now (its PRIMARY deployment's). */
  previousTaskDefinitionArn: string;
  /** The live definition (for the dry-run diff and as the render source). */
  live: RegisteredTaskDefinition;
  /** Set when a definition is rendered; registered (or reused) by `register`. */
  rendered?: { definition: TaskDefinitionDoc; tags?: Tag[] };
  /** The revision to deploy; set by `prepare` for a given revision, by `register` otherwise. */
  target?: RegisteredTaskDefinition;
  /** Whether `register` registered a new revision for this plan. */
  registered?: boolean;
  /** The rendered family's latest ACTIVE revision as read while preparing (undefined: none). */
  familyLatest?: RegisteredTaskDefinition | undefined;
  /** EBS volumes configured at launch, sent with UpdateService (set by `attachVolumes`). */
  volumeConfigurations?: ServiceVolumeConfiguration[];
}

/** A service of the run as resolved before rendering: how it deploys, and with what. */
export interface ResolvedService {
  service: Service;
  strategy: Strategy;
  engine?: Engine;
  codeDeploy?: BlueGreenPlan;
}

const FAMILY_OF = /:task-definition\/([A-Za-z0-9_-]+):\d+$/;

export function currentRevision(service: Service): string {
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  return primary?.taskDefinition ?? service.taskDefinition ?? '';
}

/** Reads the file (if any) once; call before any AWS call so a bad file fails first. */
export async function loadDefinitionFile(
  inputs: Inputs,
): Promise<{ definition: TaskDefinitionDoc; tags?: Tag[] } | undefined> {
  const path = inputs['task-definition'];
  if (!path) return undefined;
  const file = await readTaskDefinitionFile('task-definition', path);
  // Validate the images against the file now, before anything else happens.
  applyImages(file.definition, inputs.images);
  return file;
}

export async function prepare(
  ecs: Ecs,
  inputs: Inputs,
  services: readonly ResolvedService[],
  file: { definition: TaskDefinitionDoc; tags?: Tag[] } | undefined,
): Promise<ServicePlan[]> {
  const describe = once((ref: string) => describeTaskDefinition(ecs, ref));
  // A service usually runs its family's latest revision: describing the family once gives both
  // the live definition and what `register` compares with (one DescribeTaskDefinition per family).
  const latestOf = once((family: string) =>
    describeTaskDefinition(ecs, family).catch((error: unknown) => {
      // ECS answers ClientException for a family with no ACTIVE revision.
      if (errorCode(error) === 'ClientException') return undefined;
      throw error;
    }),
  );
  const liveOf = async (arn: string): Promise<RegisteredTaskDefinition> => {
    const latest = FAMILY_OF.test(arn) ? await latestOf(FAMILY_OF.exec(arn)![1]!) : undefined;
    return latest && latest.arn === arn ? latest : describe(arn);
  };
  const given = inputs['task-definition-arn'];
  const plans = await Promise.all(
    services.map(async ({ service, strategy, engine, codeDeploy }) => {
      const name = service.serviceName ?? '';
      const previous = currentRevision(service);
      const live = await liveOf(previous);
      const plan: ServicePlan = {
        name,
        service,
        strategy,
        ...(engine ? { engine } : {}),
        ...(codeDeploy ? { codeDeploy } : {}),
        previousTaskDefinitionArn: previous,
        live,
      };
      if (given === 'previous') {
        plan.target = await describe(await resolvePrevious(ecs, inputs.cluster, service, previous));
      } else if (given) {
        plan.target = await describe(given).catch((error: unknown) => {
          throw inputError(
            'task-definition-arn',
            `names ${given}, which ECS cannot describe: ${messageOf(error)}`,
          );
        });
      } else if (file) {
        plan.rendered = {
          definition: applyImages(file.definition, inputs.images),
          ...(file.tags ? { tags: file.tags } : {}),
        };
        const family = String(plan.rendered.definition.family ?? '');
        assertSameFamily({
          input: 'task-definition',
          path: inputs['task-definition'] ?? '',
          fileFamily: family,
          service: name,
          serviceFamily: live.family,
          allowed: inputs['allow-family-change'],
          allowInput: 'allow-family-change',
        });
        if (family === live.family) plan.familyLatest = await latestOf(family);
      } else {
        const definition = applyImages(
          stripReadOnly(live.definition),
          imagesFor(live.definition, inputs.images, services.length),
        );
        plan.rendered = { definition, tags: live.tags };
        plan.familyLatest = await latestOf(live.family);
        // Nothing to change: deploy the live revision as it is, registering nothing.
        if (sameTaskDefinition(definition, live.definition)) {
          plan.target = live;
          plan.registered = false;
          delete plan.rendered;
        }
      }
      return plan;
    }),
  );
  if (!given && !file) assertEveryImageUsed(plans, inputs.images);
  return plans;
}

/**
 * The images that apply to one service's live definition. With one service every named container
 * must exist in it; with several, each service takes the containers it has (e.g. `api=` for
 * cbi-api and `worker=` for cbi-worker) and `assertEveryImageUsed` checks that none is unknown.
 */
export function imagesFor(
  definition: TaskDefinitionDoc,
  images: ReadonlyMap<string, string>,
  serviceCount: number,
): ReadonlyMap<string, string> {
  if (serviceCount <= 1) return images;
  const names = new Set(containerNames(definition));
  return new Map([...images].filter(([container]) => names.has(container)));
}

export function assertEveryImageUsed(
  plans: readonly ServicePlan[],
  images: ReadonlyMap<string, string>,
): void {
  if (plans.length <= 1) return;
  const known = new Set(plans.flatMap((p) => containerNames(p.live.definition)));
  for (const container of images.keys()) {
    if (!known.has(container)) {
      throw inputError(
        'images',
        `names container '${container}', which none of the services' task definitions has (containers: ${[...known].join(', ')}).`,
      );
    }
  }
}

/** What `register` would do for each plan, with read calls only (for dry-run). */
export async function previewRegistration(
  ecs: Ecs,
  plan: ServicePlan,
): Promise<{ reuse?: RegisteredTaskDefinition; family: string }> {
  if (plan.target) return { reuse: plan.target, family: plan.target.family };
  const family = String(plan.rendered?.definition.family ?? '');
  const reuse = plan.rendered ? await findReusable(ecs, plan.rendered.definition) : undefined;
  return reuse ? { reuse, family } : { family };
}

/** Registers each distinct rendered definition once (sequentially: the API allows 1/s). */
export async function register(ecs: Ecs, plans: ServicePlan[]): Promise<void> {
  const done = new Map<string, { taskDefinition: RegisteredTaskDefinition; registered: boolean }>();
  for (const plan of plans) {
    if (plan.target || !plan.rendered) continue;
    const key = canonicalTaskDefinition(plan.rendered.definition);
    let result = done.get(key);
    if (!result) {
      result = await registerOnce(ecs, plan);
      done.set(key, result);
      plan.registered = result.registered;
    } else {
      plan.registered = false;
    }
    plan.target = result.taskDefinition;
  }
}

/**
 * Registers a rendered definition unless the family's latest revision (read while preparing)
 * already equals it; without that read, `registerIfChanged` reads it now.
 */
async function registerOnce(
  ecs: Ecs,
  plan: ServicePlan,
): Promise<{ taskDefinition: RegisteredTaskDefinition; registered: boolean }> {
  const { definition, tags } = plan.rendered!;
  if (!('familyLatest' in plan)) return registerIfChanged(ecs, definition, tags);
  const doc = stripReadOnly(definition);
  const latest = plan.familyLatest;
  if (latest && sameTaskDefinition(doc, latest.definition))
    return { taskDefinition: latest, registered: false };
  const registered = await registerTaskDefinition(ecs, doc, tags, {
    latestRevisionBefore: latest?.revision ?? 0,
  });
  return { taskDefinition: registered, registered: true };
}

/** `container=image` of every container in a definition, for the summary. */
export function imagesOf(definition: TaskDefinitionDoc | undefined): string[] {
  return (definition?.containerDefinitions ?? []).map((c) => `${c.name}=${c.image}`);
}
