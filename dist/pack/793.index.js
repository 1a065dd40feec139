export const id = 793;
export const ids = [793];
export const modules = {

/***/ 8793:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ ecs_deploy_run)
});

// EXTERNAL MODULE: ./src/lib/run.ts
var run = __webpack_require__(4114);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/lib/aws.ts + 1 modules
var aws = __webpack_require__(3322);
;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green-loader.ts

async function loadBlueGreen(inputs) {
    const [strategy, { CodeDeployClient }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(507), __webpack_require__.e(613)]).then(__webpack_require__.bind(__webpack_require__, 613)),
        __webpack_require__.e(/* import() */ 507).then(__webpack_require__.t.bind(__webpack_require__, 7507, 19)),
    ]);
    const validated = strategy.validateBlueGreenInputs(inputs);
    const client = (0,aws/* createClient */.UU)(CodeDeployClient);
    return {
        prepare: (service) => strategy.prepareBlueGreen(client, { cluster: inputs.cluster, service, inputs, validated }),
        deploy: (request, plan) => strategy.deployBlueGreen(request, plan, { client }),
    };
}

// EXTERNAL MODULE: ./src/lib/task-definition.ts
var task_definition = __webpack_require__(3710);
;// CONCATENATED MODULE: ./src/ecs-deploy/diff.ts
/**
 * A readable diff between two task definitions for `dry-run`: one line per changed leaf, with
 * containers, environment variables and secrets addressed by name rather than by position, after
 * the same normalisation the registry uses (so ECS-filled defaults are not reported as changes).
 */

const NAMED_ARRAYS = new Set([
    'containerDefinitions',
    'environment',
    'secrets',
    'volumes',
    'ulimits',
    'systemControls',
]);
function flatten(value, path, out, key = '') {
    if (Array.isArray(value)) {
        const named = NAMED_ARRAYS.has(key) && value.every((v) => v && typeof v === 'object' && 'name' in v);
        if (!named) {
            if (value.every((v) => v === null || typeof v !== 'object')) {
                out.set(path, JSON.stringify(value));
                return;
            }
            value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
            return;
        }
        for (const item of value) {
            const { name, ...rest } = item;
            const itemPath = `${path}[${String(name)}]`;
            if (key === 'environment' || key === 'secrets') {
                out.set(itemPath, JSON.stringify(rest.value ?? rest.valueFrom ?? null));
            }
            else {
                flatten(rest, itemPath, out);
            }
        }
        return;
    }
    if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
            flatten(v, path ? `${path}.${k}` : k, out, k);
        }
        return;
    }
    out.set(path, JSON.stringify(value));
}
function flattenDefinition(def) {
    const out = new Map();
    flatten(JSON.parse((0,task_definition/* canonicalTaskDefinition */.HD)(def)), '', out);
    return out;
}
/** `~ path: old -> new`, `+ path: value`, `- path: value`, sorted by path; [] when equal. */
function diffDefinitions(live, rendered) {
    const a = flattenDefinition(live);
    const b = flattenDefinition(rendered);
    const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
    const lines = [];
    for (const path of paths) {
        const before = a.get(path);
        const after = b.get(path);
        if (before === after)
            continue;
        if (before === undefined)
            lines.push(`+ ${path}: ${after}`);
        else if (after === undefined)
            lines.push(`- ${path}: ${before}`);
        else
            lines.push(`~ ${path}: ${before} -> ${after}`);
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/judge.ts
/** `family:revision` of a task definition ARN, for messages. */
function revisionName(arn) {
    if (!arn)
        return '(unknown)';
    const slash = arn.lastIndexOf('/');
    return slash >= 0 ? arn.slice(slash + 1) : arn;
}
function progressOf(deployment) {
    const progress = {
        running: deployment.runningCount ?? 0,
        pending: deployment.pendingCount ?? 0,
        desired: deployment.desiredCount ?? 0,
        failedTasks: deployment.failedTasks ?? 0,
    };
    if (deployment.rolloutState)
        progress.rolloutState = deployment.rolloutState;
    return progress;
}
/** One progress line; printed only when it differs from the previous one for the service. */
function progressLine(service, progress) {
    const parts = [`${progress.running}/${progress.desired} running`, `${progress.pending} pending`];
    if (progress.failedTasks > 0)
        parts.push(`${progress.failedTasks} failed`);
    parts.push(progress.rolloutState ? `rollout ${progress.rolloutState}` : 'no rollout state');
    return `${service}: ${parts.join(', ')}`;
}
function ecsRollbackEnabled(service) {
    const config = service.deploymentConfiguration;
    return Boolean((config?.deploymentCircuitBreaker?.enable && config.deploymentCircuitBreaker.rollback) ||
        (config?.alarms?.enable && config.alarms.rollback));
}
function replacedBy(primary, tracking, ourState) {
    const revision = primary.taskDefinition ?? '';
    if (revision !== tracking.taskDefinitionArn &&
        tracking.priorTaskDefinitionArns.includes(revision)) {
        return {
            verdict: 'rolled-back',
            message: `${tracking.service}: rolled back to ${revisionName(revision)} (deployment ${tracking.deploymentId} ${ourState}); ${revisionName(tracking.taskDefinitionArn)} is not running.`,
            restoredTaskDefinitionArn: revision,
        };
    }
    return {
        verdict: 'failed',
        kind: 'superseded',
        message: `${tracking.service}: another deployment (${primary.id ?? 'unknown id'}, ${revisionName(revision)}, started ${primary.createdAt ? primary.createdAt.toISOString() : 'at an unknown time'}) replaced deployment ${tracking.deploymentId}; someone else deployed this service while this deploy was running.`,
        ecsRollingBack: false,
    };
}
function judge(service, tracking) {
    if (!service || (service.status && service.status !== 'ACTIVE')) {
        return {
            verdict: 'failed',
            kind: 'service-gone',
            message: `${tracking.service}: the service is ${service?.status ?? 'gone'}; it was deleted while deployment ${tracking.deploymentId} was running.`,
            ecsRollingBack: false,
        };
    }
    const deployments = service.deployments ?? [];
    const ours = deployments.find((d) => d.id === tracking.deploymentId);
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    if (!ours) {
        if (primary)
            return replacedBy(primary, tracking, 'is gone');
        return {
            verdict: 'failed',
            kind: 'service-gone',
            message: `${tracking.service}: deployment ${tracking.deploymentId} is gone and the service lists no primary deployment.`,
            ecsRollingBack: false,
        };
    }
    const progress = progressOf(ours);
    if (ours.rolloutState === 'FAILED') {
        const rollback = primary && primary.id !== ours.id && primary.taskDefinition !== tracking.taskDefinitionArn
            ? primary
            : undefined;
        const reason = ours.rolloutStateReason ?? 'no reason given';
        const rollingBack = rollback !== undefined || ecsRollbackEnabled(service);
        const tail = rollback
            ? ` ECS is rolling back to ${revisionName(rollback.taskDefinition)}.`
            : rollingBack
                ? ' ECS will roll back.'
                : ' ECS is not rolling back (the circuit breaker has rollback off).';
        const failed = {
            verdict: 'failed',
            kind: 'rollout-failed',
            message: `${tracking.service}: deployment ${tracking.deploymentId} of ${revisionName(tracking.taskDefinitionArn)} FAILED: ${reason.replace(/\.+$/, '')}.${tail}`,
            ecsRollingBack: rollingBack,
            rolloutStateReason: reason,
            progress,
        };
        return failed;
    }
    if (ours.status !== 'PRIMARY') {
        if (primary && primary.id !== ours.id)
            return replacedBy(primary, tracking, `is ${ours.status}`);
        return { verdict: 'in-progress', progress };
    }
    if (ours.rolloutState === 'COMPLETED') {
        return {
            verdict: 'succeeded',
            message: `${tracking.service}: deployment ${tracking.deploymentId} of ${revisionName(tracking.taskDefinitionArn)} completed (${progress.running}/${progress.desired} running).`,
            progress,
        };
    }
    if (!ours.rolloutState) {
        const alone = deployments.length === 1;
        const atDesired = progress.running === progress.desired &&
            progress.pending === 0 &&
            (service.runningCount ?? progress.running) === (service.desiredCount ?? progress.desired) &&
            progress.desired === (service.desiredCount ?? progress.desired);
        if (alone && atDesired) {
            return {
                verdict: 'succeeded',
                message: `${tracking.service}: deployment ${tracking.deploymentId} of ${revisionName(tracking.taskDefinitionArn)} is the only one and stable at ${progress.running}/${progress.desired} running.`,
                progress,
            };
        }
    }
    return { verdict: 'in-progress', progress };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/task-definition-registry.ts + 1 modules
var task_definition_registry = __webpack_require__(9146);
;// CONCATENATED MODULE: ./src/ecs-deploy/previous.ts
/**
 * `task-definition-arn: previous`: the revision a service ran before its current one. Read from
 * the service's deployment history (ListServiceDeployments -> DescribeServiceDeployments ->
 * DescribeServiceRevisions for the task definitions), falling back to an older deployment still
 * listed on the service.
 */



/** The newest revision in `history` (newest first) that is not `current`. */
function pickPrevious(history, current) {
    return history.find((arn) => arn !== undefined && arn !== '' && arn !== current);
}
async function fromHistory(ecs, cluster, service, current) {
    const listed = await ecs.send(new dist_cjs/* ListServiceDeploymentsCommand */.jz8({
        cluster,
        service,
        status: ['SUCCESSFUL'],
        maxResults: 20,
    }));
    const briefs = [...(listed.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
    const arns = briefs.map((b) => b.serviceDeploymentArn).filter((a) => !!a);
    if (arns.length === 0)
        return undefined;
    const described = await ecs.send(new dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: arns }));
    const byArn = new Map((described.serviceDeployments ?? []).map((d) => [d.serviceDeploymentArn, d]));
    // Newest first: each deployment's target, then what it replaced.
    const revisionArns = [];
    for (const arn of arns) {
        const d = byArn.get(arn);
        for (const rev of [d?.targetServiceRevision, ...(d?.sourceServiceRevisions ?? [])]) {
            if (rev?.arn && !revisionArns.includes(rev.arn))
                revisionArns.push(rev.arn);
        }
    }
    if (revisionArns.length === 0)
        return undefined;
    const revisions = await ecs.send(new dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: revisionArns.slice(0, 20) }));
    const taskDefinitionOf = new Map((revisions.serviceRevisions ?? []).map((r) => [r.serviceRevisionArn, r.taskDefinition]));
    return pickPrevious(revisionArns.map((arn) => taskDefinitionOf.get(arn)), current);
}
async function resolvePrevious(ecs, cluster, service, current) {
    const name = service.serviceName ?? '';
    let found;
    try {
        found = await fromHistory(ecs, cluster, name, current);
    }
    catch (error) {
        core/* warning */.$e(`${name}: could not read the deployment history (${(0,errors/* messageOf */.bD)(error)}); using the deployments listed on the service.`);
    }
    found ??= pickPrevious((service.deployments ?? []).filter((d) => d.status !== 'PRIMARY').map((d) => d.taskDefinition), current);
    if (!found) {
        throw (0,errors/* inputError */.Xu)('task-definition-arn', `is 'previous', but service '${name}' has no revision before ${current} in its deployment history; give the revision to deploy as family:revision.`);
    }
    return found;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/render.ts
/**
 * Decides what each service will run: a rendered definition (from the file or the service's live
 * definition, with images replaced) or a given revision (`task-definition-arn`, `previous`).
 * `prepare` makes only read calls, so every mistake surfaces before the first mutating call;
 * `register` then registers each distinct rendered definition once, and only when it differs from
 * the family's latest ACTIVE revision.
 */





function currentRevision(service) {
    const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
    return primary?.taskDefinition ?? service.taskDefinition ?? '';
}
async function readDefinitionFile(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw (0,errors/* inputError */.Xu)('task-definition', code === 'ENOENT'
            ? `names ${path}, which does not exist (paths are relative to the workspace).`
            : `names ${path}, which cannot be read (${code ?? 'error'}).`);
    }
    return (0,task_definition/* parseTaskDefinitionFile */.Oz)('task-definition', path, text);
}
/** Reads the file (if any) once; call before any AWS call so a bad file fails first. */
async function loadDefinitionFile(inputs) {
    const path = inputs['task-definition'];
    if (!path)
        return undefined;
    const file = await readDefinitionFile(path);
    // Validate the images against the file now, before anything else happens.
    (0,task_definition/* applyImages */.B)(file.definition, inputs.images);
    return file;
}
async function prepare(ecs, inputs, services, file) {
    const liveCache = new Map();
    const describe = (ref) => {
        if (!liveCache.has(ref))
            liveCache.set(ref, (0,task_definition_registry/* describeTaskDefinition */.oh)(ecs, ref));
        return liveCache.get(ref);
    };
    const given = inputs['task-definition-arn'];
    const plans = await Promise.all(services.map(async ({ service, strategy }) => {
        const name = service.serviceName ?? '';
        const previous = currentRevision(service);
        const live = await describe(previous);
        const plan = {
            name,
            service,
            strategy,
            previousTaskDefinitionArn: previous,
            live,
        };
        if (given === 'previous') {
            plan.target = await describe(await resolvePrevious(ecs, inputs.cluster, service, previous));
        }
        else if (given) {
            plan.target = await describe(given).catch((error) => {
                throw (0,errors/* inputError */.Xu)('task-definition-arn', `names ${given}, which ECS cannot describe: ${error.message}`);
            });
        }
        else if (file) {
            plan.rendered = {
                definition: (0,task_definition/* applyImages */.B)(file.definition, inputs.images),
                ...(file.tags ? { tags: file.tags } : {}),
            };
        }
        else {
            const definition = (0,task_definition/* applyImages */.B)((0,task_definition/* stripReadOnly */.Vl)(live.definition), imagesFor(live.definition, inputs.images, services.length));
            plan.rendered = { definition, tags: live.tags };
            // Nothing to change: deploy the live revision as it is, registering nothing.
            if ((0,task_definition/* sameTaskDefinition */.JL)(definition, live.definition)) {
                plan.target = live;
                plan.registered = false;
                delete plan.rendered;
            }
        }
        return plan;
    }));
    if (!given && !file)
        assertEveryImageUsed(plans, inputs.images);
    return plans;
}
/**
 * The images that apply to one service's live definition. With one service every named container
 * must exist in it; with several, each service takes the containers it has (e.g. `api=` for
 * cbi-api and `worker=` for cbi-worker) and `assertEveryImageUsed` checks that none is unknown.
 */
function imagesFor(definition, images, serviceCount) {
    if (serviceCount <= 1)
        return images;
    const names = new Set((0,task_definition/* containerNames */.MR)(definition));
    return new Map([...images].filter(([container]) => names.has(container)));
}
function assertEveryImageUsed(plans, images) {
    if (plans.length <= 1)
        return;
    const known = new Set(plans.flatMap((p) => (0,task_definition/* containerNames */.MR)(p.live.definition)));
    for (const container of images.keys()) {
        if (!known.has(container)) {
            throw (0,errors/* inputError */.Xu)('images', `names container '${container}', which none of the services' task definitions has (containers: ${[...known].join(', ')}).`);
        }
    }
}
/** What `register` would do for each plan, with read calls only (for dry-run). */
async function previewRegistration(ecs, plan) {
    if (plan.target)
        return { reuse: plan.target, family: plan.target.family };
    const family = String(plan.rendered?.definition.family ?? '');
    const latest = await (0,task_definition_registry/* latestActiveRevision */.JI)(ecs, family);
    if (latest && plan.rendered && (0,task_definition/* sameTaskDefinition */.JL)(plan.rendered.definition, latest.definition))
        return { reuse: latest, family };
    return { family };
}
/** Registers each distinct rendered definition once (sequentially: the API allows 1/s). */
async function register(ecs, plans) {
    const done = new Map();
    for (const plan of plans) {
        if (plan.target || !plan.rendered)
            continue;
        const key = (0,task_definition/* canonicalTaskDefinition */.HD)(plan.rendered.definition);
        let result = done.get(key);
        if (!result) {
            result = await (0,task_definition_registry/* registerIfChanged */.Lh)(ecs, plan.rendered.definition, plan.rendered.tags);
            done.set(key, result);
            plan.registered = result.registered;
        }
        else {
            plan.registered = false;
        }
        plan.target = result.taskDefinition;
    }
}
/** `container=image` of every container in a definition, for the summary. */
function imagesOf(definition) {
    return (definition?.containerDefinitions ?? []).map((c) => `${c.name}=${c.image}`);
}

;// CONCATENATED MODULE: ./src/ecs-deploy/dry-run.ts



async function dryRun(ecs, plans, log) {
    const results = [];
    for (const plan of plans) {
        const preview = await previewRegistration(ecs, plan);
        const next = plan.rendered?.definition ?? plan.target?.definition ?? {};
        const diff = diffDefinitions(plan.live.definition, next);
        const what = preview.reuse
            ? `would deploy ${revisionName(preview.reuse.arn)}${plan.rendered ? ' (equal to the latest revision: nothing to register)' : ''}`
            : `would register a new revision of ${preview.family} and deploy it`;
        const message = `${plan.name}: ${what}, replacing ${revisionName(plan.previousTaskDefinitionArn)}; ${diff.length === 0 ? 'no change to the task definition' : `${diff.length} change${diff.length === 1 ? '' : 's'}`}.`;
        log(message);
        for (const line of diff)
            log(`  ${line}`);
        results.push({
            service: plan.name,
            strategy: plan.strategy,
            taskDefinitionArn: preview.reuse?.arn ?? '',
            previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
            deploymentId: '',
            status: 'dry-run',
            seconds: 0,
            phases: [],
            causes: [],
            message,
            images: imagesOf(next),
            preview: { what, diff },
        });
    }
    return results;
}

// EXTERNAL MODULE: ./src/lib/inputs.ts
var lib_inputs = __webpack_require__(1662);
// EXTERNAL MODULE: ./src/lib/parse.ts + 1 modules
var parse = __webpack_require__(9605);
;// CONCATENATED MODULE: ./src/ecs-deploy/inputs.ts
/**
 * Reads and validates every ecs-deploy input before the first AWS call. Each problem is one
 * ConfigurationError naming the input.
 */




const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SERVICE_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/;
const CLUSTER = /^([A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]+)$/;
const FAMILY_REF = /^[A-Za-z0-9_-]{1,255}(:\d+)?$/;
const TASK_DEFINITION_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:\d+$/;
/** `family`, `family:revision`, a task definition ARN, or `previous`. */
function validTaskDefinitionRef(ref) {
    return ref === 'previous' || FAMILY_REF.test(ref) || TASK_DEFINITION_ARN.test(ref);
}
/** The short name of a service given by name or ARN. */
function serviceName(ref) {
    return ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
}
function readInputs() {
    const cluster = (0,lib_inputs/* requiredInput */.YF)('cluster');
    if (!CLUSTER.test(cluster))
        throw (0,errors/* inputError */.Xu)('cluster', `must be a cluster name or ARN, got '${cluster}'.`);
    (0,lib_inputs/* requiredInput */.YF)('services');
    const services = (0,parse/* parseUniqueList */.Vt)('services', core/* getInput */.V4('services'));
    for (const service of services) {
        if (!SERVICE_NAME.test(service) && !SERVICE_ARN.test(service))
            throw (0,errors/* inputError */.Xu)('services', `names '${service}', which is not a service name or ARN.`);
    }
    const names = services.map(serviceName);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice)
        throw (0,errors/* inputError */.Xu)('services', `lists '${twice}' twice.`);
    (0,lib_inputs/* assertExclusive */.Hx)('task-definition', 'task-definition-arn');
    (0,lib_inputs/* assertExclusive */.Hx)('images', 'task-definition-arn');
    const taskDefinitionArn = (0,lib_inputs/* optionalInput */.$m)('task-definition-arn');
    if (taskDefinitionArn !== undefined && !validTaskDefinitionRef(taskDefinitionArn)) {
        throw (0,errors/* inputError */.Xu)('task-definition-arn', `must be family:revision, a task definition ARN or 'previous', got '${taskDefinitionArn}'.`);
    }
    const images = (0,lib_inputs/* containerImagesInput */.Cj)('images');
    const strategy = (0,lib_inputs/* choiceInput */.ij)('strategy', ['auto', 'rolling', 'blue-green'], 'auto');
    const desired = (0,lib_inputs/* optionalInput */.$m)('desired-count');
    const inputs = {
        cluster,
        services: names,
        images,
        strategy,
        wait: (0,lib_inputs/* booleanInput */.tE)('wait', true),
        'timeout-minutes': (0,lib_inputs/* minutesInput */.C$)('timeout-minutes', 30, 24 * 60),
        'poll-interval-seconds': (0,lib_inputs/* secondsInput */.oA)('poll-interval-seconds', 5, 600),
        'rollback-on-failure': (0,lib_inputs/* booleanInput */.tE)('rollback-on-failure', true),
        'force-new-deployment': (0,lib_inputs/* booleanInput */.tE)('force-new-deployment', false),
        'dry-run': (0,lib_inputs/* booleanInput */.tE)('dry-run', false),
    };
    const optional = {
        'task-definition': (0,lib_inputs/* optionalInput */.$m)('task-definition'),
        'task-definition-arn': taskDefinitionArn,
        'codedeploy-application': (0,lib_inputs/* optionalInput */.$m)('codedeploy-application'),
        'codedeploy-deployment-group': (0,lib_inputs/* optionalInput */.$m)('codedeploy-deployment-group'),
        'codedeploy-deployment-config': (0,lib_inputs/* optionalInput */.$m)('codedeploy-deployment-config'),
        appspec: (0,lib_inputs/* optionalInput */.$m)('appspec'),
        'desired-count': desired === undefined
            ? undefined
            : (0,lib_inputs/* numberInput */.QR)('desired-count', 0, { min: 0, max: 5000, integer: true }),
    };
    for (const [key, value] of Object.entries(optional)) {
        if (value !== undefined)
            inputs[key] = value;
    }
    return inputs;
}

// EXTERNAL MODULE: ./src/lib/summary.ts
var summary = __webpack_require__(1119);
;// CONCATENATED MODULE: ./src/ecs-deploy/types.ts
/** The merged verdict of all services: the worst status wins. */
const STATUS_SEVERITY = {
    'dry-run': 0,
    succeeded: 0,
    started: 1,
    'timed-out': 2,
    failed: 3,
    'rolled-back': 4,
};

;// CONCATENATED MODULE: ./src/ecs-deploy/report.ts
/**
 * Turns the per-service results into the step's outputs, annotations and job summary, and the
 * overall verdict: the worst status of all services.
 */





function overallStatus(results) {
    let worst = results[0]?.status ?? 'succeeded';
    for (const r of results)
        if (STATUS_SEVERITY[r.status] > STATUS_SEVERITY[worst])
            worst = r.status;
    return worst;
}
const isFailure = (status) => status === 'failed' || status === 'rolled-back' || status === 'timed-out';
/** The `deployments` output: the contract's fields, plus what was restored when something was. */
function deploymentsJson(results) {
    return JSON.stringify(results.map((r) => ({
        service: r.service,
        taskDefinitionArn: r.taskDefinitionArn,
        previousTaskDefinitionArn: r.previousTaskDefinitionArn,
        deploymentId: r.deploymentId,
        status: r.status,
        seconds: r.seconds,
        strategy: r.strategy,
        ...(r.restore
            ? { restoredTaskDefinitionArn: r.restore.taskDefinitionArn, restore: r.restore.outcome }
            : {}),
    })));
}
function setOutputs(results) {
    const status = overallStatus(results);
    core/* setOutput */.uH('task-definition-arn', results.map((r) => r.taskDefinitionArn).join('\n'));
    core/* setOutput */.uH('previous-task-definition-arn', results.map((r) => r.previousTaskDefinitionArn).join('\n'));
    core/* setOutput */.uH('deployments', deploymentsJson(results));
    core/* setOutput */.uH('status', status);
    return status;
}
const STATUS_LABEL = {
    succeeded: '✅ succeeded',
    failed: '❌ failed',
    'rolled-back': '↩️ rolled back',
    'timed-out': '⏱️ timed out',
    'dry-run': '📝 dry run',
    started: '🚀 started',
};
function summaryRows(results) {
    return results.map((r) => [
        r.service,
        r.strategy,
        `${revisionName(r.previousTaskDefinitionArn)} → ${r.taskDefinitionArn ? revisionName(r.taskDefinitionArn) : 'a new revision'}`,
        (r.images ?? []).join('\n'),
        STATUS_LABEL[r.status] +
            (r.restore
                ? ` (restored ${revisionName(r.restore.taskDefinitionArn)}: ${r.restore.outcome})`
                : ''),
        r.status === 'dry-run' ? '' : (0,summary/* formatSeconds */.Xo)(r.seconds * 1000),
        r.deploymentId,
    ]);
}
function writeSummary(summary, cluster, results, status) {
    summary.heading(`ECS deploy to ${cluster}: ${STATUS_LABEL[status]}`);
    summary.table(['service', 'strategy', 'revision', 'images', 'status', 'duration', 'deployment'], summaryRows(results));
    for (const r of results) {
        if (!r.preview)
            continue;
        summary.heading(`${r.service}: ${r.preview.what}`, 3);
        summary.codeBlock(r.preview.diff.length > 0 ? r.preview.diff.join('\n') : '(no change)', 'diff');
    }
    const phases = results.flatMap((r) => r.phases);
    if (phases.length > 0)
        summary.timeline(`Deploy to ${cluster}`, phases);
    for (const r of results) {
        if (r.causes.length === 0)
            continue;
        summary.heading(`${r.service}: why it ${r.status === 'timed-out' ? 'timed out' : 'failed'}`, 3);
        summary.list(r.causes.filter((c) => !c.message.includes('\n')).map((c) => c.message));
        for (const c of r.causes.filter((c) => c.message.includes('\n')))
            summary.details(c.title, '```\n' + c.message + '\n```');
    }
}
/** Annotations for every cause, then the verdict: throws an OutcomeError when any service failed. */
function conclude(results, status) {
    for (const r of results)
        for (const c of r.causes)
            (0,summary/* annotateCause */.Q3)(c.message, c.title);
    if (!isFailure(status))
        return;
    const failed = results.filter((r) => isFailure(r.status));
    const head = results.length === 1 ? '' : `${failed.length} of ${results.length} services did not deploy. `;
    throw new errors/* OutcomeError */.Rz(`${head}${failed.map((r) => r.message).join(' | ')}`);
}

;// CONCATENATED MODULE: ./src/ecs-deploy/causes.ts
/**
 * Why a deployment failed, in words: the rollout reason, the failed-task count, the newest stopped
 * tasks of the new revision (stoppedReason and each container's exit code and reason) and the
 * service events since the deploy began. Formatting is pure; `collectStoppedTasks` does the reads.
 */

const MAX_STOPPED_TASKS = 3;
const MAX_EVENTS = 10;
const taskId = (arn) => arn ? arn.slice(arn.lastIndexOf('/') + 1) : '(unknown task)';
/** One line per stopped task: why it stopped and how each container ended. */
function describeStoppedTask(task) {
    const containers = (task.containers ?? []).map((c) => {
        const exit = c.exitCode === undefined || c.exitCode === null ? 'no exit code' : `exit code ${c.exitCode}`;
        return `${c.name}: ${exit}${c.reason ? ` (${c.reason})` : ''}`;
    });
    const when = task.stoppedAt ? ` at ${task.stoppedAt.toISOString()}` : '';
    const code = task.stopCode ? ` [${task.stopCode}]` : '';
    return `Task ${taskId(task.taskArn)} stopped${when}${code}: ${task.stoppedReason ?? 'no reason given'}${containers.length ? `; ${containers.join('; ')}` : ''}`;
}
/** The newest stopped tasks that belong to our deployment (by startedBy, else by revision). */
function newestStoppedTasks(tasks, deploymentId, taskDefinitionArn, limit = MAX_STOPPED_TASKS) {
    return tasks
        .filter((t) => t.lastStatus === 'STOPPED' || t.desiredStatus === 'STOPPED' || t.stoppedAt !== undefined)
        .filter((t) => t.startedBy ? t.startedBy === deploymentId : t.taskDefinitionArn === taskDefinitionArn)
        .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
        .slice(0, limit);
}
/** Service events since `since` (epoch ms), oldest first, at most `limit` of the newest. */
function eventsSince(service, since, limit = MAX_EVENTS) {
    // ECS lists events newest first: reverse, so a stable sort keeps events of the same second in order.
    return [...(service?.events ?? [])]
        .reverse()
        .filter((e) => (e.createdAt?.getTime() ?? 0) >= since - 1000)
        .sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0))
        .slice(-limit)
        .map((e) => `${e.createdAt ? e.createdAt.toISOString().slice(11, 19) : '--:--:--'} ${e.message ?? ''}`);
}
function buildCauses(input) {
    const causes = [
        { title: `${input.service}: deployment failed`, message: input.verdict },
    ];
    if (input.rolloutStateReason &&
        !input.verdict.includes(input.rolloutStateReason.replace(/\.+$/, ''))) {
        causes.push({ title: `${input.service}: rollout`, message: input.rolloutStateReason });
    }
    if (input.failedTasks && input.failedTasks > 0) {
        causes.push({
            title: `${input.service}: failed tasks`,
            message: `${input.failedTasks} task${input.failedTasks === 1 ? '' : 's'} of the new revision failed to start or stay healthy.`,
        });
    }
    for (const task of input.stoppedTasks) {
        causes.push({ title: `${input.service}: task stopped`, message: describeStoppedTask(task) });
    }
    if (input.events.length > 0) {
        causes.push({
            title: `${input.service}: service events since the deploy began`,
            message: input.events.join('\n'),
        });
    }
    return causes;
}
/** Reads the newest stopped tasks of the service (ListTasks STOPPED, then DescribeTasks). */
async function collectStoppedTasks(ecs, cluster, service, deploymentId, taskDefinitionArn) {
    const listed = await ecs.send(new dist_cjs/* ListTasksCommand */.MYg({
        cluster,
        serviceName: service,
        desiredStatus: 'STOPPED',
        maxResults: 100,
    }));
    const arns = listed.taskArns ?? [];
    if (arns.length === 0)
        return [];
    const described = await ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: arns.slice(0, 100) }));
    return newestStoppedTasks(described.tasks ?? [], deploymentId, taskDefinitionArn);
}

// EXTERNAL MODULE: ./src/lib/poller.ts
var poller = __webpack_require__(2353);
;// CONCATENATED MODULE: ./src/ecs-deploy/services.ts
/**
 * Reads services: one DescribeServices call per 10 services (the API's limit), all batches in
 * parallel, and the strategy each service gets from its deployment controller.
 */


const DESCRIBE_BATCH = 10;
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
async function describeServices(ecs, cluster, names) {
    const found = new Map();
    const missing = new Map();
    const answers = await Promise.all(chunks(names, DESCRIBE_BATCH).map((batch) => ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: batch }))));
    for (const answer of answers) {
        for (const service of answer.services ?? []) {
            if (service.serviceName)
                found.set(service.serviceName, service);
        }
        for (const failure of answer.failures ?? []) {
            const name = failure.arn?.slice(failure.arn.lastIndexOf('/') + 1) ?? '';
            missing.set(name, failure.reason ?? 'unknown reason');
        }
    }
    for (const name of names) {
        if (!found.has(name) && !missing.has(name))
            missing.set(name, 'MISSING');
    }
    return { found, missing };
}
/** The services as they are before the deploy; a missing or inactive service is the user's error. */
function requireServices(cluster, names, described) {
    const problems = [];
    for (const name of names) {
        const service = described.found.get(name);
        if (!service)
            problems.push(`'${name}' (${described.missing.get(name) ?? 'MISSING'})`);
        else if (service.status !== 'ACTIVE')
            problems.push(`'${name}' (${service.status})`);
    }
    if (problems.length > 0) {
        throw (0,errors/* inputError */.Xu)('services', `names ${problems.length === 1 ? 'a service' : 'services'} that cluster '${cluster}' does not have as active: ${problems.join(', ')}. Check the service names and the cluster.`);
    }
    return names.map((name) => described.found.get(name));
}
/** Which strategy deploys `service`; a strategy that contradicts its controller is the user's error. */
function decideStrategy(service, requested) {
    const controller = service.deploymentController?.type ?? 'ECS';
    const name = service.serviceName ?? '';
    if (controller === 'EXTERNAL') {
        throw new errors/* ConfigurationError */.j1(`Service '${name}' uses the EXTERNAL deployment controller, which ecs-deploy cannot deploy; use your external controller, or recreate the service with the ECS or CODE_DEPLOY controller.`);
    }
    const natural = controller === 'CODE_DEPLOY' ? 'blue-green' : 'rolling';
    if (requested === 'auto' || requested === natural)
        return natural;
    throw (0,errors/* inputError */.Xu)('strategy', `is '${requested}', but service '${name}' uses the ${controller} deployment controller, which deploys ${natural === 'rolling' ? 'rolling updates' : 'blue/green through CodeDeploy'}; use 'auto' or '${natural}'.`);
}

;// CONCATENATED MODULE: ./src/ecs-deploy/watch.ts



async function watch(ecs, cluster, trackings, options) {
    const clock = options.clock ?? Date.now;
    const state = new Map(trackings.map((t) => [t.service, { tracking: t, at: clock(), outcome: 'timed-out' }]));
    const lastLine = new Map();
    const waiting = () => [...state.values()].filter((w) => !w.judgement);
    const result = await (0,poller/* poll */.w)(async () => {
        const open = waiting();
        const described = await describeServices(ecs, cluster, open.map((w) => w.tracking.service));
        const now = clock();
        for (const w of open) {
            const snapshot = described.found.get(w.tracking.service);
            w.last = snapshot ?? w.last;
            const j = judge(snapshot, w.tracking);
            const progress = 'progress' in j ? j.progress : undefined;
            if (progress) {
                const line = progressLine(w.tracking.service, progress);
                if (lastLine.get(w.tracking.service) !== line) {
                    lastLine.set(w.tracking.service, line);
                    options.log(line);
                }
            }
            if (j.verdict === 'in-progress') {
                w.lastProgress = j.progress;
                continue;
            }
            w.judgement = j;
            w.at = now;
            w.outcome = 'judged';
            await options.onVerdict?.(w);
        }
        return waiting().length === 0 ? { done: true, value: undefined } : { done: false };
    }, {
        intervalMs: options.intervalMs,
        deadline: options.deadline,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        onThrottle: (_error, delayMs) => options.log(`ECS is throttling DescribeServices; next poll in ${Math.round(delayMs / 100) / 10}s.`),
    });
    const end = clock();
    for (const w of waiting()) {
        w.at = end;
        w.outcome = result.outcome === 'cancelled' ? 'cancelled' : 'timed-out';
    }
    return trackings.map((t) => state.get(t.service));
}

;// CONCATENATED MODULE: ./src/ecs-deploy/restore.ts
/**
 * `rollback-on-failure` for rolling deploys: when a deployment failed or timed out and ECS did not
 * roll it back, put the previous revision back with UpdateService and wait for that deployment.
 * The step still fails; the result says what was restored and whether it became stable.
 */





async function restoreAll(requests, ctx) {
    const clock = ctx.clock ?? Date.now;
    const begun = [];
    for (const request of requests) {
        const previous = request.plan.previousTaskDefinitionArn;
        const start = clock();
        try {
            const out = await ctx.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({
                cluster: ctx.inputs.cluster,
                service: request.plan.name,
                taskDefinition: previous,
            }));
            const id = out.service?.deployments?.find((d) => d.status === 'PRIMARY')?.id ?? '';
            ctx.log(`${request.plan.name}: rollback-on-failure: restoring ${revisionName(previous)} as deployment ${id}.`);
            begun.push({ request, deploymentId: id, start });
        }
        catch (error) {
            const message = `${request.plan.name}: could not restore ${revisionName(previous)}: ${(0,errors/* messageOf */.bD)(error)}. Restore it by hand: aws ecs update-service --cluster ${ctx.inputs.cluster} --service ${request.plan.name} --task-definition ${previous}`;
            core/* warning */.$e(message);
            request.result.restore = {
                taskDefinitionArn: previous,
                deploymentId: '',
                outcome: 'failed',
                message,
            };
            request.result.message += ` ${message}`;
        }
    }
    if (begun.length === 0)
        return;
    const watched = await watch(ctx.ecs, ctx.inputs.cluster, begun.map((b) => ({
        service: b.request.plan.name,
        deploymentId: b.deploymentId,
        taskDefinitionArn: b.request.plan.previousTaskDefinitionArn,
        priorTaskDefinitionArns: [],
    })), {
        intervalMs: ctx.inputs['poll-interval-seconds'],
        deadline: clock() + ctx.inputs['timeout-minutes'],
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.clock ? { clock: ctx.clock } : {}),
        ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
        log: (line) => ctx.log(`${line} (restore)`),
    });
    begun.forEach((b, i) => {
        const w = watched[i];
        const name = revisionName(b.request.plan.previousTaskDefinitionArn);
        const outcome = w.judgement?.verdict === 'succeeded'
            ? 'restored'
            : w.outcome === 'judged'
                ? 'failed'
                : 'timed-out';
        const message = outcome === 'restored'
            ? `rollback-on-failure restored ${name} (deployment ${b.deploymentId} completed).`
            : outcome === 'failed'
                ? `rollback-on-failure tried to restore ${name}, but that deployment did not succeed: ${w.judgement?.message ?? ''}`
                : `rollback-on-failure started restoring ${name} (deployment ${b.deploymentId}), which had not finished when the wait ended.`;
        ctx.log(`${b.request.plan.name}: ${message}`);
        b.request.result.restore = {
            taskDefinitionArn: b.request.plan.previousTaskDefinitionArn,
            deploymentId: b.deploymentId,
            outcome,
            message,
        };
        b.request.result.message += ` ${message}`;
        b.request.result.phases.push({
            section: b.request.plan.name,
            name: `restoring ${name}`,
            start: b.start,
            end: w.at,
            state: outcome === 'restored' ? 'done' : 'failed',
        });
    });
}

;// CONCATENATED MODULE: ./src/ecs-deploy/rolling.ts
/**
 * Rolling deploys (ECS deployment controller): UpdateService for every service, then one shared
 * wait (`watch.ts`) until each service's own deployment has a verdict, the causes of every
 * failure, and — when ECS did not roll back by itself — the restore of the previous revision.
 */








const seconds = (ms) => Math.round(ms / 100) / 10;
/** True when the service already runs `target` alone and settled, so UpdateService would do nothing. */
function alreadySettled(plan, inputs) {
    const deployments = plan.service.deployments ?? [];
    const only = deployments[0];
    if (deployments.length !== 1 || !only || only.taskDefinition !== plan.target?.arn)
        return false;
    if (inputs['force-new-deployment'])
        return false;
    const desired = inputs['desired-count'];
    if (desired !== undefined && desired !== plan.service.desiredCount)
        return false;
    if (only.rolloutState)
        return only.rolloutState === 'COMPLETED';
    return (only.runningCount ?? 0) === (only.desiredCount ?? 0) && (only.pendingCount ?? 0) === 0;
}
function priorRevisions(plan) {
    const revisions = [
        plan.previousTaskDefinitionArn,
        ...(plan.service.deployments ?? []).map((d) => d.taskDefinition ?? ''),
    ];
    return [...new Set(revisions.filter((r) => r !== ''))];
}
async function start(plan, ctx) {
    const clock = ctx.clock ?? Date.now;
    const target = plan.target.arn;
    const startedAt = clock();
    const base = {
        service: plan.name,
        taskDefinitionArn: target,
        priorTaskDefinitionArns: priorRevisions(plan),
    };
    if (alreadySettled(plan, ctx.inputs)) {
        const id = plan.service.deployments?.[0]?.id ?? '';
        return {
            plan,
            startedAt,
            tracking: { ...base, deploymentId: id },
            settled: `${plan.name}: already runs ${revisionName(target)} (deployment ${id}, settled); nothing to deploy.`,
        };
    }
    const desired = ctx.inputs['desired-count'];
    const out = await ctx.ecs.send(new dist_cjs/* UpdateServiceCommand */.kZr({
        cluster: ctx.inputs.cluster,
        service: plan.name,
        taskDefinition: target,
        forceNewDeployment: ctx.inputs['force-new-deployment'],
        ...(desired !== undefined ? { desiredCount: desired } : {}),
    }));
    const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
    if (!primary?.id) {
        throw new Error(`${plan.name}: UpdateService answered without a PRIMARY deployment; cannot tell which deployment to follow.`);
    }
    ctx.log(`${plan.name}: deploying ${revisionName(target)} (was ${revisionName(plan.previousTaskDefinitionArn)}) as deployment ${primary.id}.`);
    return { plan, startedAt, tracking: { ...base, deploymentId: primary.id } };
}
async function causesOf(w, s, ctx, verdict) {
    const stopped = await collectStoppedTasks(ctx.ecs, ctx.inputs.cluster, s.plan.name, s.tracking.deploymentId, s.tracking.taskDefinitionArn).catch((error) => {
        core/* warning */.$e(`${s.plan.name}: could not read the stopped tasks: ${(0,errors/* messageOf */.bD)(error)}`);
        return [];
    });
    const ours = w.last?.deployments?.find((d) => d.id === s.tracking.deploymentId);
    const j = w.judgement;
    return buildCauses({
        service: s.plan.name,
        verdict,
        ...(j?.verdict === 'failed' && j.rolloutStateReason
            ? { rolloutStateReason: j.rolloutStateReason }
            : {}),
        failedTasks: ours?.failedTasks ?? w.lastProgress?.failedTasks ?? 0,
        stoppedTasks: stopped,
        events: eventsSince(w.last, s.startedAt),
    });
}
function verdictOf(w, s, timeoutMs) {
    const j = w.judgement;
    if (j)
        return { status: j.verdict, message: j.message };
    const p = w.lastProgress;
    const where = p
        ? ` (last seen ${p.running}/${p.desired} running, ${p.pending} pending${p.rolloutState ? `, rollout ${p.rolloutState}` : ''})`
        : '';
    if (w.outcome === 'cancelled') {
        return {
            status: 'failed',
            message: `${s.plan.name}: the run was cancelled while deployment ${s.tracking.deploymentId} was in progress${where}; ECS continues it.`,
        };
    }
    return {
        status: 'timed-out',
        message: `${s.plan.name}: deployment ${s.tracking.deploymentId} of ${revisionName(s.tracking.taskDefinitionArn)} did not finish within ${seconds(timeoutMs)}s${where}.`,
    };
}
function needsRestore(w, s, inputs) {
    if (!inputs['rollback-on-failure'] || w.outcome === 'cancelled')
        return false;
    if (s.plan.previousTaskDefinitionArn === s.tracking.taskDefinitionArn)
        return false;
    const j = w.judgement;
    if (!j)
        return w.outcome === 'timed-out';
    return j.verdict === 'failed' && j.kind === 'rollout-failed' && !j.ecsRollingBack;
}
async function deployRolling(plans, ctx) {
    const clock = ctx.clock ?? Date.now;
    // One service's UpdateService failing (permissions, a deleted service) must not hide the
    // deployments already started for the others: they are still followed to their verdicts.
    const attempts = await Promise.allSettled(plans.map((plan) => start(plan, ctx)));
    const refused = new Map();
    attempts.forEach((attempt, i) => {
        if (attempt.status === 'fulfilled')
            return;
        const plan = plans[i];
        const message = `${plan.name}: UpdateService to ${revisionName(plan.target?.arn)} failed: ${(0,errors/* messageOf */.bD)(attempt.reason)}`;
        ctx.log(message);
        refused.set(plan.name, {
            service: plan.name,
            strategy: 'rolling',
            taskDefinitionArn: plan.target?.arn ?? '',
            previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
            deploymentId: '',
            status: 'failed',
            seconds: 0,
            phases: [],
            causes: [{ title: `${plan.name}: deployment not started`, message }],
            message,
        });
    });
    const started = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const base = (s) => ({
        service: s.plan.name,
        strategy: 'rolling',
        taskDefinitionArn: s.tracking.taskDefinitionArn,
        previousTaskDefinitionArn: s.plan.previousTaskDefinitionArn,
        deploymentId: s.tracking.deploymentId,
        images: imagesOf(s.plan.target?.definition),
    });
    const results = new Map(refused);
    for (const s of started) {
        if (s.settled) {
            ctx.log(s.settled);
            results.set(s.plan.name, {
                ...base(s),
                status: 'succeeded',
                seconds: 0,
                phases: [],
                causes: [],
                message: s.settled,
            });
        }
        else if (!ctx.inputs.wait) {
            results.set(s.plan.name, {
                ...base(s),
                status: 'started',
                seconds: 0,
                phases: [],
                causes: [],
                message: `${s.plan.name}: deployment ${s.tracking.deploymentId} started; not waiting for its outcome (wait: false).`,
            });
        }
    }
    const waiting = started.filter((s) => !results.has(s.plan.name));
    if (waiting.length === 0)
        return plans.map((p) => results.get(p.name));
    const byName = new Map(waiting.map((s) => [s.plan.name, s]));
    const timeoutMs = ctx.inputs['timeout-minutes'];
    const causes = new Map();
    const watched = await watch(ctx.ecs, ctx.inputs.cluster, waiting.map((s) => s.tracking), {
        intervalMs: ctx.inputs['poll-interval-seconds'],
        deadline: clock() + timeoutMs,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.clock ? { clock: ctx.clock } : {}),
        ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
        log: ctx.log,
        onVerdict: (w) => {
            ctx.log(w.judgement.message);
            const s = byName.get(w.tracking.service);
            if (w.judgement.verdict !== 'succeeded')
                causes.set(s.plan.name, causesOf(w, s, ctx, w.judgement.message));
        },
    });
    const restores = [];
    for (const w of watched) {
        const s = byName.get(w.tracking.service);
        const { status, message } = verdictOf(w, s, timeoutMs);
        if (!w.judgement) {
            ctx.log(message);
            causes.set(s.plan.name, causesOf(w, s, ctx, message));
        }
        const phase = {
            section: s.plan.name,
            name: `rolling out ${revisionName(s.tracking.taskDefinitionArn)}`,
            start: s.startedAt,
            end: w.at,
            state: status === 'succeeded' ? 'done' : 'failed',
        };
        const result = {
            ...base(s),
            status,
            seconds: seconds(w.at - s.startedAt),
            phases: [phase],
            causes: [],
            message,
        };
        results.set(s.plan.name, result);
        if (needsRestore(w, s, ctx.inputs))
            restores.push({ result, plan: s.plan });
    }
    for (const [name, pending] of causes)
        results.get(name).causes = await pending;
    if (restores.length > 0)
        await restoreAll(restores, ctx);
    return plans.map((p) => results.get(p.name));
}

;// CONCATENATED MODULE: ./src/ecs-deploy/run.ts
/**
 * ecs-deploy: inputs -> services and strategies -> rendered revisions (read calls only) ->
 * dry-run diff, or registration and the deploys -> outputs, annotations and the job summary.
 */











const log = (line) => core/* info */.pq(line);
async function deployBlueGreenAll(strategy, plans, prepared, ecs, inputs, ctx) {
    const deadline = Date.now() + inputs['timeout-minutes'];
    return Promise.all(plans.map((plan) => strategy.deploy({
        ecs,
        cluster: inputs.cluster,
        service: plan.service,
        taskDefinitionArn: plan.target.arn,
        previousTaskDefinitionArn: plan.previousTaskDefinitionArn,
        inputs,
        signal: ctx.signal,
        log: (line) => log(`${plan.name}: ${line}`),
        deadline,
    }, prepared.get(plan.name))));
}
function describePlan(plan, inputs) {
    if (plan.target && !plan.rendered) {
        const given = inputs['task-definition-arn'];
        const revision = revisionName(plan.target.arn);
        if (given === 'previous')
            return `${plan.name}: the previous revision is ${revision}.`;
        if (given)
            return `${plan.name}: deploying ${revision} as it is.`;
        return `${plan.name}: no change to its definition; keeps ${revision}.`;
    }
    const source = inputs['task-definition'] ?? `the live definition ${revisionName(plan.live.arn)}`;
    const images = imagesOf(plan.rendered?.definition).join(', ');
    return `${plan.name}: rendered from ${source}: ${images}.`;
}
async function main(ctx) {
    const inputs = readInputs();
    const file = await loadDefinitionFile(inputs);
    const ecs = (0,aws/* createClient */.UU)(dist_cjs/* ECSClient */.Zgc);
    const services = await core/* group */.Os('Services', async () => {
        const described = await describeServices(ecs, inputs.cluster, inputs.services);
        const found = requireServices(inputs.cluster, inputs.services, described);
        return found.map((service) => {
            const strategy = decideStrategy(service, inputs.strategy);
            log(`${service.serviceName}: ${strategy} (${service.deploymentController?.type ?? 'ECS'} controller, ${service.launchType ?? service.capacityProviderStrategy?.map((c) => c.capacityProvider).join('+') ?? 'default capacity'}), runs ${revisionName(service.taskDefinition)}, desired ${service.desiredCount}.`);
            return { service, strategy };
        });
    });
    const greenServices = services.filter((s) => s.strategy === 'blue-green');
    let blueGreen;
    const prepared = new Map();
    if (greenServices.length > 0) {
        const strategy = await loadBlueGreen(inputs);
        blueGreen = strategy;
        await core/* group */.Os('CodeDeploy', async () => {
            for (const { service } of greenServices) {
                const plan = await strategy.prepare(service);
                prepared.set(service.serviceName ?? '', plan);
                log(`${service.serviceName}: blue/green through CodeDeploy ${plan.application}/${plan.groupName} with ${plan.configName}.`);
            }
        });
    }
    const plans = await core/* group */.Os('Task definitions', async () => {
        const prepared = await prepare(ecs, inputs, services, file);
        for (const plan of prepared)
            log(describePlan(plan, inputs));
        return prepared;
    });
    let results;
    if (inputs['dry-run']) {
        results = await core/* group */.Os('Dry run: no change is made', () => dryRun(ecs, plans, log));
    }
    else {
        const registerStart = Date.now();
        await core/* group */.Os('Register', async () => {
            await register(ecs, plans);
            for (const plan of plans) {
                log(`${plan.name}: ${plan.registered ? 'registered' : 'reusing'} ${revisionName(plan.target.arn)}.`);
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
                ? deployBlueGreenAll(blueGreen, green, prepared, ecs, inputs, ctx)
                : Promise.resolve([]),
        ]);
        const byName = new Map([...rolled, ...greened].map((r) => [r.service, r]));
        results = plans.map((p) => byName.get(p.name));
        for (const plan of plans) {
            if (!plan.registered)
                continue;
            byName.get(plan.name).phases.unshift({
                section: plan.name,
                name: `register ${revisionName(plan.target.arn)}`,
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

;// CONCATENATED MODULE: ./src/ecs-deploy/index.ts


function ecs_deploy_run() {
    return (0,run/* runAction */.C)('ecs-deploy', main).then(() => undefined);
}


/***/ }),

/***/ 6676:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Qb: () => (/* binding */ isThrottlingError)
/* harmony export */ });
/* unused harmony export httpStatusOf */
const THROTTLING_CODES = new Set([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottledException',
    'TooManyRequestsException',
    'ProvisionedThroughputExceededException',
    'TransactionInProgressException',
    'RequestLimitExceeded',
    'BandwidthLimitExceeded',
    'RequestThrottled',
    'SlowDown',
    'PriorRequestNotComplete',
    'EC2ThrottledException',
]);
function errorCode(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const e = error;
    return e.name ?? e.Code ?? e.code;
}
function isThrottlingError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const e = error;
    if (e.$retryable?.throttling)
        return true;
    if (e.$metadata?.httpStatusCode === 429)
        return true;
    const code = errorCode(error);
    return code !== undefined && THROTTLING_CODES.has(code);
}
function httpStatusOf(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    return error.$metadata?.httpStatusCode;
}


/***/ }),

/***/ 2567:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ backoffDelay)
/* harmony export */ });
/**
 * Delay before retry number `attempt` (1 for the first retry). The window grows as
 * base * factor^(attempt-1), never beyond `capMs`; the delay is drawn uniformly from
 * [window/2, window] so that retries spread out but never collapse to zero.
 */
function backoffDelay(attempt, policy, random = Math.random) {
    const factor = policy.factor ?? 2;
    const window = Math.min(policy.capMs, policy.baseMs * factor ** Math.max(0, attempt - 1));
    return Math.round(window / 2 + random() * (window / 2));
}


/***/ }),

/***/ 2353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ poll)
/* harmony export */ });
/* harmony import */ var _backoff_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2567);
/* harmony import */ var _cancellation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1392);
/* harmony import */ var _aws_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6676);
/**
 * A polling loop with a deadline, a fixed interval, backoff on throttling, and cancellation.
 * Clock and sleep are injectable so tests run it without waiting.
 */



async function poll(check, options) {
    const clock = options.clock ?? Date.now;
    const sleep = options.sleep ?? _cancellation_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .yy;
    const backoff = options.throttleBackoff ?? {
        baseMs: Math.max(options.intervalMs, 500),
        capMs: 30_000,
    };
    let polls = 0;
    let throttled = 0;
    for (;;) {
        if (options.signal?.aborted)
            return { outcome: 'cancelled', polls };
        polls++;
        let delay = options.intervalMs;
        try {
            const step = await check(polls);
            if (step.done)
                return { outcome: 'done', value: step.value, polls };
            throttled = 0;
        }
        catch (error) {
            if (!(0,_aws_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isThrottlingError */ .Qb)(error))
                throw error;
            throttled++;
            delay = Math.max(delay, (0,_backoff_js__WEBPACK_IMPORTED_MODULE_2__/* .backoffDelay */ .E)(throttled, backoff, options.random));
            options.onThrottle?.(error, delay);
        }
        if (options.signal?.aborted)
            return { outcome: 'cancelled', polls };
        const remaining = options.deadline - clock();
        if (remaining <= 0)
            return { outcome: 'timed-out', polls };
        await sleep(Math.min(delay, remaining), options.signal);
    }
}


/***/ }),

/***/ 9146:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oh: () => (/* binding */ describeTaskDefinition),
  JI: () => (/* binding */ latestActiveRevision),
  Lh: () => (/* binding */ registerIfChanged)
});

// UNUSED EXPORTS: registerTaskDefinition

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./src/lib/aws-errors.ts
var aws_errors = __webpack_require__(6676);
;// CONCATENATED MODULE: ./src/lib/raw-json.ts
async function bodyBytes(body) {
    if (body instanceof Uint8Array)
        return body;
    if (typeof body === 'string')
        return Buffer.from(body);
    const chunks = [];
    for await (const chunk of body)
        chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
}
/** Records the parsed JSON body of the command's response into `sink.value`. */
function keepRawResponse(command, sink) {
    command.middlewareStack.addRelativeTo((next) => async (args) => {
        const result = await next(args);
        const response = result.response;
        if (response?.body !== undefined && response.statusCode >= 200 && response.statusCode < 300) {
            const bytes = await bodyBytes(response.body);
            response.body = bytes; // the deserialiser reads a Uint8Array body as it is
            try {
                sink.value = JSON.parse(Buffer.from(bytes).toString('utf8'));
            }
            catch {
                sink.value = undefined;
            }
        }
        return result;
    }, {
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
        name: 'packKeepRawResponse',
        override: true,
    });
}
/** Adds to `target` every field of `source` it lacks, recursing into objects and same-length arrays. */
function addMissingFields(target, source) {
    if (Array.isArray(target) && Array.isArray(source) && target.length === source.length) {
        return target.map((item, i) => addMissingFields(item, source[i]));
    }
    if (isRecord(target) && isRecord(source)) {
        const out = { ...target };
        for (const [key, value] of Object.entries(source)) {
            if (value === undefined)
                continue;
            out[key] = key in target ? addMissingFields(target[key], value) : value;
        }
        return out;
    }
    return target;
}
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
/** Puts the fields of `doc` that the serialiser dropped back into the JSON request body. */
function sendUnmodelledFields(command, doc) {
    command.middlewareStack.add((next) => async (args) => {
        const request = args.request;
        const text = typeof request.body === 'string'
            ? request.body
            : request.body instanceof Uint8Array
                ? // Read the bytes through the buffer: the SDK's body adapter warns on string methods.
                    Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString('utf8')
                : undefined;
        if (text !== undefined && text.startsWith('{')) {
            const body = JSON.stringify(addMissingFields(JSON.parse(text), doc));
            request.body = body;
            if (request.headers['content-length'] !== undefined) {
                request.headers['content-length'] = String(Buffer.byteLength(body));
            }
        }
        return next(args);
    }, { step: 'build', name: 'packSendUnmodelledFields', override: true });
}

// EXTERNAL MODULE: ./src/lib/task-definition.ts
var task_definition = __webpack_require__(3710);
;// CONCATENATED MODULE: ./src/lib/task-definition-registry.ts
/**
 * Reads and registers task definitions as raw JSON, so every field survives, and registers a
 * new revision only when the rendered definition differs from the family's latest ACTIVE one:
 * re-running the same deploy registers nothing.
 */




function fromResponse(raw, parsed) {
    const rawRecord = (raw ?? {});
    const definition = (rawRecord.taskDefinition ?? parsed.taskDefinition ?? {});
    const arn = String(definition.taskDefinitionArn ?? '');
    return {
        arn,
        family: String(definition.family ?? ''),
        revision: Number(definition.revision ?? 0),
        definition,
        tags: rawRecord.tags ?? parsed.tags ?? [],
    };
}
/** Describes `ref` (family, family:revision or ARN) with its tags. */
async function describeTaskDefinition(ecs, ref) {
    const sink = {};
    const command = new dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: ref, include: ['TAGS'] });
    keepRawResponse(command, sink);
    const out = await ecs.send(command);
    return fromResponse(sink.value, out);
}
/** The family's latest ACTIVE revision, or undefined when the family has none. */
async function latestActiveRevision(ecs, family) {
    try {
        return await describeTaskDefinition(ecs, family);
    }
    catch (error) {
        // ECS answers ClientException "Unable to describe task definition." for an unknown family.
        if ((0,aws_errors/* errorCode */.CA)(error) === 'ClientException')
            return undefined;
        throw error;
    }
}
async function registerIfChanged(ecs, rendered, tags) {
    const doc = (0,task_definition/* stripReadOnly */.Vl)(rendered);
    const family = String(doc.family ?? '');
    const latest = await latestActiveRevision(ecs, family);
    if (latest && (0,task_definition/* sameTaskDefinition */.JL)(doc, latest.definition))
        return { taskDefinition: latest, registered: false };
    return { taskDefinition: await registerTaskDefinition(ecs, doc, tags), registered: true };
}
async function registerTaskDefinition(ecs, doc, tags) {
    const input = {
        ...doc,
        ...(tags && tags.length > 0 ? { tags } : {}),
    };
    const sink = {};
    const command = new dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(input);
    sendUnmodelledFields(command, input);
    keepRawResponse(command, sink);
    const out = await ecs.send(command);
    return fromResponse(sink.value, out);
}


/***/ }),

/***/ 3710:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ applyImages),
/* harmony export */   HD: () => (/* binding */ canonicalTaskDefinition),
/* harmony export */   JB: () => (/* binding */ stableStringify),
/* harmony export */   JL: () => (/* binding */ sameTaskDefinition),
/* harmony export */   MR: () => (/* binding */ containerNames),
/* harmony export */   Oz: () => (/* binding */ parseTaskDefinitionFile),
/* harmony export */   TG: () => (/* binding */ pickContainer),
/* harmony export */   Vl: () => (/* binding */ stripReadOnly)
/* harmony export */ });
/* unused harmony export READ_ONLY_FIELDS */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7268);
/**
 * Task definitions as plain JSON objects, so fields this SDK version does not model survive a
 * render and a register. Rendering replaces images; comparison tells whether a rendered
 * definition equals a registered revision (so a re-run registers nothing).
 */


/** Fields ECS returns on a registered revision that RegisterTaskDefinition does not accept. */
const READ_ONLY_FIELDS = [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
    'deleteRequested',
];
function stripReadOnly(def) {
    const copy = { ...def };
    for (const field of READ_ONLY_FIELDS)
        delete copy[field];
    return copy;
}
/**
 * Parses a task definition file (JSON or YAML). Accepts the bare definition or the shape
 * `aws ecs describe-task-definition` prints (`{ taskDefinition, tags }`).
 */
function parseTaskDefinitionFile(input, path, text) {
    let doc;
    try {
        doc = path.endsWith('.json') ? JSON.parse(text) : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    }
    catch (error) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, `file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML/JSON'}: ${error.message.split('\n')[0]}`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, `file ${path} must hold a task definition object.`);
    }
    let record = doc;
    let tags;
    if (typeof record.taskDefinition === 'object' && record.taskDefinition !== null) {
        tags = Array.isArray(record.tags)
            ? record.tags
            : undefined;
        record = record.taskDefinition;
    }
    const definition = stripReadOnly(record);
    if (typeof definition.family !== 'string' || definition.family === '') {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, `file ${path} has no 'family'.`);
    }
    if (!Array.isArray(definition.containerDefinitions) ||
        definition.containerDefinitions.length === 0) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, `file ${path} has no 'containerDefinitions'.`);
    }
    return tags ? { definition, tags } : { definition };
}
function containerNames(def) {
    return (def.containerDefinitions ?? []).map((c) => String(c.name ?? ''));
}
/** Returns a copy with the images replaced; a container that does not exist is the user's error. */
function applyImages(def, images, input = 'images') {
    const names = containerNames(def);
    for (const container of images.keys()) {
        if (!names.includes(container)) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, `names container '${container}', which is not in task definition '${def.family}' (containers: ${names.join(', ')}).`);
        }
    }
    return {
        ...def,
        containerDefinitions: (def.containerDefinitions ?? []).map((c) => images.has(String(c.name)) ? { ...c, image: images.get(String(c.name)) } : { ...c }),
    };
}
/** The container a one-off command targets: the named one, or the only essential container. */
function pickContainer(def, requested, input = 'container') {
    const containers = def.containerDefinitions ?? [];
    if (requested) {
        const found = containers.find((c) => c.name === requested);
        if (!found) {
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .inputError */ .Xu)(input, `names '${requested}', which is not in task definition '${def.family}' (containers: ${containerNames(def).join(', ')}).`);
        }
        return found;
    }
    const essential = containers.filter((c) => c.essential !== false);
    if (essential.length === 1)
        return essential[0];
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Task definition '${def.family}' has ${essential.length} essential containers (${essential.map((c) => c.name).join(', ')}); set input 'container' to choose one.`);
}
// ----- comparison -------------------------------------------------------------------------
const UNORDERED_BY_NAME = new Set([
    'environment',
    'secrets',
    'environmentFiles',
    'ulimits',
    'systemControls',
]);
/** Normalises what ECS fills in or reorders, so equal definitions compare equal. */
function normalise(value, key = '', networkMode) {
    if (Array.isArray(value)) {
        let items = value.map((v) => normalise(v, '', networkMode)).filter((v) => v !== undefined);
        if (UNORDERED_BY_NAME.has(key))
            items = [...items].sort((a, b) => stableStringify(a).localeCompare(stableStringify(b)));
        return items.length === 0 ? undefined : items;
    }
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            const n = normalise(v, k, networkMode);
            if (n !== undefined)
                out[k] = n;
        }
        return Object.keys(out).length === 0 ? undefined : out;
    }
    if (value === null || value === undefined || value === '')
        return undefined;
    return value;
}
function normaliseContainer(c, networkMode) {
    const copy = { essential: true, ...c };
    if (copy.cpu === 0)
        delete copy.cpu;
    if (Array.isArray(copy.portMappings)) {
        copy.portMappings = copy.portMappings.map((p) => {
            const m = { protocol: 'tcp', ...p };
            if (networkMode === 'awsvpc' && m.hostPort === undefined)
                m.hostPort = m.containerPort;
            return m;
        });
    }
    return copy;
}
function canonicalTaskDefinition(def) {
    const stripped = stripReadOnly(def);
    const networkMode = stripped.networkMode;
    const withDefaults = {
        ...stripped,
        containerDefinitions: (stripped.containerDefinitions ?? []).map((c) => normaliseContainer(c, networkMode)),
    };
    return stableStringify(normalise(withDefaults) ?? {});
}
function sameTaskDefinition(a, b) {
    return canonicalTaskDefinition(a) === canonicalTaskDefinition(b);
}
function stableStringify(value) {
    if (Array.isArray(value))
        return `[${value.map(stableStringify).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}


/***/ })

};
