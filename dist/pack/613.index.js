export const id = 613;
export const ids = [613];
export const modules = {

/***/ 613:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployBlueGreen: () => (/* binding */ blue_green_deployBlueGreen),
  loadBalancerOf: () => (/* reexport */ loadBalancerOf),
  prepareBlueGreen: () => (/* reexport */ prepareBlueGreen),
  recordOutput: () => (/* binding */ recordOutput),
  validateBlueGreenInputs: () => (/* reexport */ validateBlueGreenInputs)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-codedeploy/dist-cjs/index.js
var dist_cjs = __webpack_require__(7507);
// EXTERNAL MODULE: ./src/lib/aws.ts + 1 modules
var aws = __webpack_require__(3322);
// EXTERNAL MODULE: ./src/lib/cancellation.ts
var cancellation = __webpack_require__(1392);
// EXTERNAL MODULE: ./src/lib/summary.ts
var summary = __webpack_require__(1119);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/appspec.ts
/**
 * The AppSpec of an ECS blue/green deployment: read from the user's file (YAML or JSON, hooks
 * kept) or generated from the service's load balancer, always with the new task definition in
 * place of whatever TaskDefinition the file names. The revision goes to CodeDeploy as
 * AppSpecContent with its sha256.
 */




const HOOK_EVENTS = [
    'BeforeInstall',
    'AfterInstall',
    'AfterAllowTestTraffic',
    'BeforeAllowTraffic',
    'AfterAllowTraffic',
];
const INPUT = 'appspec';
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The key of `obj` equal to `name` ignoring case (AppSpec files are written both ways). */
function keyOf(obj, name) {
    return Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
}
function field(obj, name) {
    const key = keyOf(obj, name);
    return key === undefined ? undefined : obj[key];
}
/** Reads and checks the `appspec` file; every problem is one line naming the input. */
function readAppSpecFile(path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        throw (0,errors/* inputError */.Xu)(INPUT, `names '${path}', which cannot be read (${code ?? 'unreadable'}).`);
    }
    return parseAppSpec(text, path);
}
function parseAppSpec(text, path = 'the AppSpec') {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' is neither valid YAML nor JSON: ${first}`);
    }
    if (!isObject(doc))
        throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' must hold a mapping (an AppSpec).`);
    targetService(doc, path);
    hooksOf(doc, path);
    return doc;
}
/** The Properties of the single AWS::ECS::Service resource. */
function targetService(doc, path) {
    const resources = field(doc, 'Resources');
    if (!Array.isArray(resources) || resources.length !== 1) {
        throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' must have exactly one entry under Resources.`);
    }
    const resource = resources[0];
    const entry = isObject(resource) ? Object.values(resource)[0] : undefined;
    if (!isObject(entry) || field(entry, 'Type') !== 'AWS::ECS::Service') {
        throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' must describe one resource of Type AWS::ECS::Service.`);
    }
    const props = field(entry, 'Properties');
    if (props !== undefined && !isObject(props)) {
        throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' has Properties that are not a mapping.`);
    }
    if (props === undefined)
        entry.Properties = {};
    const properties = field(entry, 'Properties');
    const lb = field(properties, 'LoadBalancerInfo');
    if (lb !== undefined) {
        if (!isObject(lb))
            throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' has a LoadBalancerInfo that is not a mapping.`);
        const name = field(lb, 'ContainerName');
        const port = Number(field(lb, 'ContainerPort'));
        if (typeof name !== 'string' || name === '' || !Number.isInteger(port) || port <= 0) {
            throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' needs LoadBalancerInfo.ContainerName and a numeric ContainerPort.`);
        }
    }
    return properties;
}
function hooksOf(doc, path) {
    const hooks = field(doc, 'Hooks');
    if (hooks === undefined || hooks === null)
        return [];
    if (!Array.isArray(hooks))
        throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' has Hooks that are not a list.`);
    const out = [];
    for (const hook of hooks) {
        const entries = isObject(hook) ? Object.entries(hook) : [];
        if (entries.length !== 1 || typeof entries[0]?.[1] !== 'string') {
            throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' has a hook that is not 'EventName: function'.`);
        }
        const [event, functionName] = entries[0];
        if (!HOOK_EVENTS.includes(event)) {
            throw (0,errors/* inputError */.Xu)(INPUT, `file '${path}' has a hook for '${event}'; ECS hooks are ${HOOK_EVENTS.join(', ')}.`);
        }
        out.push({ event, functionName });
    }
    return out;
}
/** A minimal AppSpec for the service: its load-balanced container and the new revision. */
function generateAppSpec(target) {
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
function renderAppSpec(base, taskDefinitionArn, service) {
    const doc = structuredClone(base ?? generateAppSpec(service));
    if (keyOf(doc, 'version') === undefined)
        doc.version = 0.0;
    const properties = targetService(doc, 'the AppSpec');
    properties[keyOf(properties, 'TaskDefinition') ?? 'TaskDefinition'] = taskDefinitionArn;
    if (keyOf(properties, 'LoadBalancerInfo') === undefined) {
        properties.LoadBalancerInfo = {
            ContainerName: service.containerName,
            ContainerPort: service.containerPort,
        };
    }
    const lb = field(properties, 'LoadBalancerInfo');
    const content = JSON.stringify(doc, null, 2);
    return {
        content,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex'),
        hooks: hooksOf(doc, 'the AppSpec'),
        containerName: String(field(lb, 'ContainerName')),
        containerPort: Number(field(lb, 'ContainerPort')),
    };
}

// EXTERNAL MODULE: ./src/lib/aws-errors.ts
var aws_errors = __webpack_require__(6676);
;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/create.ts
/**
 * CreateDeployment, safe against a lost answer: CodeDeploy has no idempotency token, so when a
 * retried request is refused because the group already has an active deployment, that deployment
 * is ours if it carries exactly our revision (same AppSpec sha256), and we follow it instead of
 * blaming someone else.
 */



/**
 * The auto-rollback events `rollback-on-failure` asks for: failures and stop requests, and alarm
 * stops when the group watches alarms (CodeDeploy checks alarm events against the group's alarms).
 */
function rollbackEvents(plan) {
    const alarms = plan.group.alarmConfiguration;
    const watched = Boolean(alarms?.enabled && (alarms.alarms?.length ?? 0) > 0);
    return [
        'DEPLOYMENT_FAILURE',
        ...(watched ? ['DEPLOYMENT_STOP_ON_ALARM'] : []),
        'DEPLOYMENT_STOP_ON_REQUEST',
    ];
}
/** The deployment id named in a DeploymentLimitExceededException message. */
function activeDeploymentId(message) {
    return /\bd-[A-Z0-9]{6,}\b/.exec(message)?.[0];
}
async function createDeployment(client, request) {
    const { plan, revision } = request;
    try {
        const out = await client.send(new dist_cjs.CreateDeploymentCommand({
            applicationName: plan.application,
            deploymentGroupName: plan.groupName,
            ...(request.overrideConfig ? { deploymentConfigName: plan.configName } : {}),
            revision: {
                revisionType: 'AppSpecContent',
                appSpecContent: { content: revision.content, sha256: revision.sha256 },
            },
            description: request.description,
            ...(request.rollbackOnFailure
                ? { autoRollbackConfiguration: { enabled: true, events: rollbackEvents(plan) } }
                : {}),
        }));
        return { ok: true, deploymentId: out.deploymentId ?? '', adopted: false };
    }
    catch (error) {
        const code = (0,aws_errors/* errorCode */.CA)(error) ?? 'Error';
        const message = (0,errors/* messageOf */.bD)(error);
        if (code !== 'DeploymentLimitExceededException') {
            return {
                ok: false,
                code,
                message: `CreateDeployment for ${plan.application}/${plan.groupName} failed: ${message}`,
            };
        }
        const active = activeDeploymentId(message);
        if (active) {
            const { deploymentInfo } = await client.send(new dist_cjs.GetDeploymentCommand({ deploymentId: active }));
            const content = deploymentInfo?.revision?.appSpecContent;
            if (content?.sha256 === revision.sha256 || content?.content === revision.content) {
                return { ok: true, deploymentId: active, adopted: true };
            }
        }
        return {
            ok: false,
            code,
            message: `${message}. Another deployment of this group${active ? ` (${active})` : ''} is in progress, ` +
                'started by someone else; wait for it to finish or stop it, then run again.',
        };
    }
}

// EXTERNAL MODULE: ./src/lib/poller.ts
var poller = __webpack_require__(2353);
;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/verdict.ts
/** Statuses after which a deployment never changes again. */
function stateOf(deployment) {
    switch (deployment?.status) {
        case 'Succeeded':
            return 'succeeded';
        case 'Failed':
        case 'Stopped':
            return 'failed';
        default:
            return 'running';
    }
}
function ecsTargetOf(targets) {
    return targets?.find((t) => t.ecsTarget)?.ecsTarget;
}
/** The lifecycle event that failed (the first Failed one, in lifecycle order). */
function failedLifecycleEvent(target) {
    return target?.lifecycleEvents?.find((e) => e.status === 'Failed');
}
/** Production traffic split from the target's task sets, when CodeDeploy reports them. */
function trafficOf(target) {
    const sets = target?.taskSetsInfo;
    if (!sets || sets.length === 0)
        return undefined;
    let green = 0;
    let blue = 0;
    for (const set of sets) {
        if (set.taskSetLabel === 'Green')
            green += set.trafficWeight ?? 0;
        else if (set.taskSetLabel === 'Blue')
            blue += set.trafficWeight ?? 0;
    }
    return { green: Math.round(green), blue: Math.round(blue) };
}
function failureCause(deployment, target) {
    const cause = {
        deploymentId: deployment.deploymentId ?? '',
        status: deployment.status ?? 'Unknown',
    };
    if (deployment.errorInformation?.code)
        cause.errorCode = deployment.errorInformation.code;
    if (deployment.errorInformation?.message)
        cause.errorMessage = deployment.errorInformation.message;
    const event = failedLifecycleEvent(target);
    if (event) {
        const d = event.diagnostics;
        cause.failedEvent = { name: event.lifecycleEventName ?? 'unknown event' };
        if (d?.errorCode)
            cause.failedEvent.errorCode = d.errorCode;
        if (d?.scriptName)
            cause.failedEvent.scriptName = d.scriptName;
        if (d?.message)
            cause.failedEvent.message = d.message;
        if (d?.logTail)
            cause.failedEvent.logTail = d.logTail;
    }
    if (deployment.rollbackInfo?.rollbackDeploymentId) {
        cause.rollbackDeploymentId = deployment.rollbackInfo.rollbackDeploymentId;
    }
    if (deployment.rollbackInfo?.rollbackMessage) {
        cause.rollbackMessage = deployment.rollbackInfo.rollbackMessage;
    }
    return cause;
}
/** The cause in one line: "Deployment d-1 Failed (HOOK_EXECUTION_FAILURE: ...); AfterAllowTestTraffic failed: ...". */
function describeCause(cause) {
    let line = `CodeDeploy deployment ${cause.deploymentId} ${cause.status}`;
    if (cause.errorCode || cause.errorMessage) {
        line += ` (${[cause.errorCode, cause.errorMessage].filter(Boolean).join(': ')})`;
    }
    const event = cause.failedEvent;
    if (event) {
        line += `; lifecycle event ${event.name} failed`;
        const detail = [event.errorCode, event.scriptName && `hook ${event.scriptName}`, event.message]
            .filter(Boolean)
            .join(', ');
        if (detail)
            line += `: ${detail}`;
    }
    return line;
}
/** Does the deployment's own configuration roll it back after this kind of failure? */
function expectsAutoRollback(deployment) {
    const config = deployment.autoRollbackConfiguration;
    if (!config?.enabled)
        return false;
    const events = config.events ?? [];
    if (deployment.errorInformation?.code === 'ALARM_ACTIVE') {
        return events.includes('DEPLOYMENT_STOP_ON_ALARM');
    }
    if (deployment.status === 'Stopped')
        return events.includes('DEPLOYMENT_STOP_ON_REQUEST');
    return events.includes('DEPLOYMENT_FAILURE');
}
/** Seconds between two optional dates, when both are known. */
function secondsBetween(start, end) {
    if (!start || !end)
        return undefined;
    return Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000));
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/progress.ts

class ProgressTracker {
    label;
    last;
    trafficChanges = [];
    /** `label` prefixes every line (the caller already prefixes the service name). */
    constructor(label = '') {
        this.label = label;
    }
    /** Records a snapshot and returns the progress lines for what changed since the last one. */
    observe(next) {
        const lines = progressLines(this.last, next, this.label);
        const traffic = trafficOf(next.target);
        const prevTraffic = this.trafficChanges[this.trafficChanges.length - 1];
        // Traffic steps start with the first shift; 0 % on the replacement before it is no step.
        const changed = prevTraffic
            ? prevTraffic.green !== traffic?.green || prevTraffic.blue !== traffic?.blue
            : (traffic?.green ?? 0) > 0;
        if (traffic && changed) {
            this.trafficChanges.push({ ...traffic, at: next.at });
        }
        this.last = next;
        return lines;
    }
    latest() {
        return this.last;
    }
    lifecycle() {
        return lifecycleSummary(this.last?.target);
    }
}
const eventKey = (e) => e.lifecycleEventName ?? '?';
function progressLines(prev, next, label = '') {
    const lines = [];
    const pre = label ? `${label}: ` : '';
    const id = next.deployment.deploymentId ?? '';
    if (prev?.deployment.status !== next.deployment.status && next.deployment.status) {
        lines.push(`${pre}deployment ${id} is ${next.deployment.status}`);
    }
    const before = new Map((prev?.target?.lifecycleEvents ?? []).map((e) => [eventKey(e), e]));
    for (const event of next.target?.lifecycleEvents ?? []) {
        const old = before.get(eventKey(event));
        if (old?.status === event.status)
            continue;
        const line = eventLine(event);
        if (line)
            lines.push(`${pre}${line}`);
    }
    const was = trafficOf(prev?.target);
    const now = trafficOf(next.target);
    if (now && (!was || was.green !== now.green || was.blue !== now.blue) && (was || now.green > 0)) {
        lines.push(`${pre}production traffic ${now.green}% replacement / ${now.blue}% original`);
    }
    if (next.deployment.instanceTerminationWaitTimeStarted &&
        !prev?.deployment.instanceTerminationWaitTimeStarted) {
        lines.push(`${pre}traffic shifted; waiting to terminate the original task set`);
    }
    return lines;
}
function eventLine(event) {
    const name = eventKey(event);
    const seconds = secondsBetween(event.startTime, event.endTime);
    const took = seconds === undefined ? '' : ` in ${seconds}s`;
    switch (event.status) {
        case 'InProgress':
            return `${name} started`;
        case 'Succeeded':
            return `${name} succeeded${took}`;
        case 'Skipped':
            return `${name} skipped`;
        case 'Failed': {
            const d = event.diagnostics;
            const detail = [d?.errorCode, d?.message].filter(Boolean).join(': ');
            return `${name} FAILED${took}${detail ? ` (${detail})` : ''}`;
        }
        default:
            return undefined;
    }
}
function lifecycleSummary(target) {
    return (target?.lifecycleEvents ?? []).map((e) => {
        const summary = { name: eventKey(e), status: e.status ?? 'Unknown' };
        const seconds = secondsBetween(e.startTime, e.endTime);
        if (seconds !== undefined)
            summary.seconds = seconds;
        return summary;
    });
}
/**
 * Timeline phases: every lifecycle event that ran, the traffic steps seen while polling and the
 * wait before the original task set is terminated.
 */
function phasesOf(section, snapshot, trafficChanges, now) {
    if (!snapshot)
        return [];
    const phases = [];
    const done = snapshot.deployment.status === 'Succeeded';
    let lastEnd;
    for (const event of snapshot.target?.lifecycleEvents ?? []) {
        if (!event.startTime || event.status === 'Skipped' || event.status === 'Pending')
            continue;
        const start = event.startTime.getTime();
        const end = event.endTime?.getTime() ?? now;
        lastEnd = Math.max(lastEnd ?? end, end);
        phases.push({
            section,
            name: eventKey(event),
            start,
            end,
            state: event.status === 'Failed' ? 'failed' : event.status === 'InProgress' ? 'active' : 'done',
        });
    }
    trafficChanges.forEach((change, i) => {
        const end = trafficChanges[i + 1]?.at ?? snapshot.deployment.completeTime?.getTime() ?? now;
        phases.push({
            section,
            name: `traffic ${change.green}%`,
            start: change.at,
            end,
            state: i === trafficChanges.length - 1 && !done ? 'active' : 'done',
        });
    });
    if (snapshot.deployment.instanceTerminationWaitTimeStarted && lastEnd !== undefined) {
        const end = snapshot.deployment.completeTime?.getTime() ?? now;
        phases.push({
            section,
            name: 'termination wait',
            start: lastEnd,
            end,
            state: done ? 'done' : 'active',
        });
    }
    return phases;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/follow.ts
/**
 * Follows a CodeDeploy deployment (GetDeployment + the ECS target's lifecycle events and traffic
 * weights) until it ends, the wait budget runs out or the run is cancelled; and stops one with
 * rollback.
 */






class DeploymentReader {
    client;
    deploymentId;
    clock;
    targetIds = [];
    constructor(client, deploymentId, clock = Date.now) {
        this.client = client;
        this.deploymentId = deploymentId;
        this.clock = clock;
    }
    async read() {
        const { deploymentInfo } = await this.client.send(new dist_cjs.GetDeploymentCommand({ deploymentId: this.deploymentId }));
        const snapshot = { deployment: deploymentInfo ?? {}, at: this.clock() };
        if (this.targetIds.length === 0) {
            const out = await this.client.send(new dist_cjs.ListDeploymentTargetsCommand({ deploymentId: this.deploymentId }));
            this.targetIds = out.targetIds ?? [];
        }
        if (this.targetIds.length > 0) {
            const out = await this.client.send(new dist_cjs.BatchGetDeploymentTargetsCommand({
                deploymentId: this.deploymentId,
                targetIds: this.targetIds,
            }));
            snapshot.target = ecsTargetOf(out.deploymentTargets);
        }
        return snapshot;
    }
}
/** Polls until the deployment is Succeeded, Failed or Stopped, logging what changes. */
async function follow(reader, tracker, options) {
    let warnedThrottle = false;
    const result = await (0,poller/* poll */.w)(async () => {
        const snapshot = await reader.read();
        for (const line of tracker.observe(snapshot))
            options.log(line);
        return stateOf(snapshot.deployment) === 'running'
            ? { done: false }
            : { done: true, value: snapshot };
    }, {
        intervalMs: options.intervalMs,
        deadline: options.deadline,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        onThrottle: (_error, delayMs) => {
            if (warnedThrottle)
                return;
            warnedThrottle = true;
            options.log(`CodeDeploy is throttling; polling every ${Math.round(delayMs / 100) / 10}s for now`);
        },
    });
    const latest = tracker.latest();
    if (result.outcome === 'done')
        return { outcome: 'ended', snapshot: result.value };
    const out = { outcome: result.outcome === 'cancelled' ? 'cancelled' : 'timed-out' };
    if (latest)
        out.snapshot = latest;
    return out;
}
/**
 * StopDeployment. `rollback` true asks CodeDeploy to roll back; undefined leaves it to the
 * deployment's own auto-rollback settings.
 */
async function stopDeployment(client, deploymentId, rollback) {
    for (let attempt = 1;; attempt++) {
        try {
            const out = await client.send(new dist_cjs.StopDeploymentCommand({
                deploymentId,
                ...(rollback === undefined ? {} : { autoRollbackEnabled: rollback }),
            }));
            return {
                stopped: true,
                message: `StopDeployment ${deploymentId}${rollback ? ' with rollback' : ''}: ${out.status ?? 'requested'}${out.statusMessage ? ` (${out.statusMessage})` : ''}`,
            };
        }
        catch (error) {
            if ((0,aws_errors/* errorCode */.CA)(error) === 'DeploymentAlreadyCompletedException') {
                return { stopped: false, message: `Deployment ${deploymentId} had already completed.` };
            }
            if ((0,aws_errors/* isThrottlingError */.Qb)(error) && attempt < 3)
                continue;
            throw new Error(`StopDeployment ${deploymentId} failed: ${(0,errors/* messageOf */.bD)(error)}`);
        }
    }
}
/** Follows CodeDeploy's rollback deployment to its end (or the budget's), with its own progress lines. */
async function followRollbackDeployment(client, deploymentId, options) {
    options.log(`following rollback deployment ${deploymentId}`);
    const clock = options.clock ?? Date.now;
    const rb = await follow(new DeploymentReader(client, deploymentId, clock), new ProgressTracker('rollback'), options);
    const info = rb.snapshot?.deployment;
    const outcome = {
        deploymentId,
        status: info?.status ?? 'Unknown',
        ended: rb.outcome === 'ended',
    };
    if (info)
        outcome.info = info;
    return outcome;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/outcome.ts



const rollbackSucceeded = (r) => r?.status === 'Succeeded';
function rollbackLine(r, expected) {
    if (!r) {
        return expected
            ? 'CodeDeploy was expected to roll it back, but reported no rollback deployment.'
            : 'CodeDeploy did not roll it back (auto-rollback is off for this failure); the service may still run the replacement task set.';
    }
    if (r.status === 'Succeeded')
        return `CodeDeploy rolled it back with deployment ${r.deploymentId} (Succeeded): production traffic is on the original task set.`;
    if (!r.ended)
        return `Rollback deployment ${r.deploymentId} is still ${r.status}; check it in the CodeDeploy console.`;
    const why = r.info?.errorInformation?.message ? `: ${r.info.errorInformation.message}` : '';
    return `Rollback deployment ${r.deploymentId} ${r.status}${why}. Check the service by hand.`;
}
/** The causes of a deployment that ended Failed or Stopped. */
function failureCauses(service, cause, rollback, rollbackExpected) {
    const causes = [
        {
            title: `${service}: CodeDeploy ${cause.errorCode ?? cause.status}`,
            message: `${describeCause(cause)}. ${nextStep(cause)}`,
        },
    ];
    const event = cause.failedEvent;
    if (event?.logTail) {
        const tail = event.logTail.trimEnd().split('\n').slice(-20).join('\n');
        causes.push({ title: `${service}: ${event.name} hook output`, message: tail });
    }
    causes.push({ title: `${service}: rollback`, message: rollbackLine(rollback, rollbackExpected) });
    return causes;
}

function rollbackPhase(service, r, now) {
    const start = r?.info?.createTime?.getTime();
    if (!r || start === undefined)
        return [];
    return [
        {
            section: service,
            name: `rollback ${r.deploymentId}`,
            start,
            end: r.info?.completeTime?.getTime() ?? now,
            state: r.status === 'Succeeded' ? 'done' : r.ended ? 'failed' : 'active',
        },
    ];
}
function outputEntry(base, snapshot, traffic) {
    return {
        ...base,
        lifecycleEvents: lifecycleSummary(snapshot?.target),
        traffic: traffic.map((t) => ({
            at: new Date(t.at).toISOString(),
            replacementPercent: t.green,
        })),
    };
}
/** The `codedeploy-deployments` entry of a finished (or started) deployment. */
function resultEntry(plan, service, deploymentId, status, snapshot, traffic, rollback) {
    const deployment = snapshot?.deployment;
    return outputEntry({
        service,
        application: plan.application,
        deploymentGroup: plan.groupName,
        deploymentConfig: plan.configName,
        deploymentId,
        status,
        ...(deployment?.status ? { codedeployStatus: deployment.status } : {}),
        ...(deployment?.errorInformation?.code
            ? { errorCode: deployment.errorInformation.code }
            : {}),
        ...(rollback
            ? { rollbackDeploymentId: rollback.deploymentId, rollbackStatus: rollback.status }
            : {}),
    }, snapshot, traffic);
}
/** Why we stopped the deployment ourselves: the cancellation, or the wait budget and its parts. */
function interruptionReason(args) {
    const { budget, deploymentId } = args;
    const traffic = trafficOf(args.snapshot?.target);
    const where = `${args.snapshot?.deployment.status ?? 'unknown'}` +
        (traffic ? `, ${traffic.green}% of production traffic on the replacement` : '');
    if (args.cancelled)
        return `The run was cancelled (${args.signalName}) while deployment ${deploymentId} was ${where}.`;
    return (`Deployment ${deploymentId} did not finish within ${(0,summary/* formatSeconds */.Xo)(budget.totalMs)} ` +
        `(timeout-minutes ${(0,summary/* formatSeconds */.Xo)(budget.timeoutMs)} + bake ${(0,summary/* formatSeconds */.Xo)(budget.bakeMs)}` +
        (budget.readyWaitMs ? ` + ready wait ${(0,summary/* formatSeconds */.Xo)(budget.readyWaitMs)}` : '') +
        ` + termination wait ${(0,summary/* formatSeconds */.Xo)(budget.terminationWaitMs)}); it was ${where}.`);
}
/** What our StopDeployment with rollback achieved, as the result's `restore`. */
function restoreOf(previousTaskDefinitionArn, deploymentId, stopMessage, rollback) {
    return {
        taskDefinitionArn: previousTaskDefinitionArn,
        deploymentId: rollback?.deploymentId ?? deploymentId,
        outcome: rollbackSucceeded(rollback)
            ? 'restored'
            : rollback && !rollback.ended
                ? 'timed-out'
                : 'failed',
        message: `${stopMessage}. ${rollbackLine(rollback, true)}`,
    };
}
/** What to look at next, for the cause at hand. */
function nextStep(cause) {
    const hook = cause.failedEvent?.scriptName;
    if (cause.errorCode === 'ALARM_ACTIVE')
        return "Next: look at the alarm's metric while the replacement took traffic (errors or latency of the new revision), fix the revision, then deploy again.";
    if (hook) {
        const fn = hook.slice(hook.lastIndexOf(':') + 1);
        return `Next: read the hook's logs (CloudWatch Logs /aws/lambda/${fn}), fix what it found, then deploy again.`;
    }
    return `Next: aws deploy get-deployment --deployment-id ${cause.deploymentId} shows CodeDeploy's view; fix the cause, then deploy again.`;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/discovery.ts
/**
 * Finds the CodeDeploy application and deployment group that deploy a service, when the inputs
 * do not name them (ListApplications, ListDeploymentGroups, BatchGetDeploymentGroups), and checks
 * them when they do. Read-only: runs before any mutating call.
 */



const APP = 'codedeploy-application';
const GROUP = 'codedeploy-deployment-group';
const lastSegment = (ref) => ref.slice(ref.lastIndexOf('/') + 1);
/** Does the group deploy this service of this cluster? */
function deploysService(group, cluster, service) {
    return (group.ecsServices ?? []).some((s) => s.serviceName === service && lastSegment(s.clusterName ?? '') === lastSegment(cluster));
}
const describeGroupRef = (ref) => `${ref.application}/${ref.group.deploymentGroupName ?? '?'}`;
async function listApplications(client) {
    const names = [];
    let nextToken;
    do {
        const page = await client.send(new dist_cjs.ListApplicationsCommand(nextToken ? { nextToken } : {}));
        names.push(...(page.applications ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return names;
}
async function listGroups(client, application) {
    const names = [];
    let nextToken;
    do {
        const page = await client.send(new dist_cjs.ListDeploymentGroupsCommand({
            applicationName: application,
            ...(nextToken ? { nextToken } : {}),
        }));
        names.push(...(page.deploymentGroups ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return names;
}
async function describeGroups(client, application, names) {
    const infos = [];
    for (let i = 0; i < names.length; i += 100) {
        const out = await client.send(new dist_cjs.BatchGetDeploymentGroupsCommand({
            applicationName: application,
            deploymentGroupNames: names.slice(i, i + 100),
        }));
        infos.push(...(out.deploymentGroupsInfo ?? []));
    }
    return infos;
}
/** The one deployment group that deploys the service; a ConfigurationError when none or several do. */
async function findDeploymentGroup(client, input) {
    const { cluster, service } = input;
    if (input.application && input.group) {
        let group;
        try {
            const out = await client.send(new dist_cjs.GetDeploymentGroupCommand({
                applicationName: input.application,
                deploymentGroupName: input.group,
            }));
            group = out.deploymentGroupInfo;
        }
        catch (error) {
            const code = (0,aws_errors/* errorCode */.CA)(error);
            if (code === 'ApplicationDoesNotExistException')
                throw (0,errors/* inputError */.Xu)(APP, `names '${input.application}', which does not exist.`);
            if (code === 'DeploymentGroupDoesNotExistException')
                throw (0,errors/* inputError */.Xu)(GROUP, `names '${input.group}', which does not exist in application '${input.application}'.`);
            throw error;
        }
        if (!group)
            throw (0,errors/* inputError */.Xu)(GROUP, `names '${input.group}', which CodeDeploy did not describe.`);
        if (!deploysService(group, cluster, service)) {
            const targets = (group.ecsServices ?? [])
                .map((s) => `${s.clusterName}/${s.serviceName}`)
                .join(', ');
            throw (0,errors/* inputError */.Xu)(GROUP, `names '${input.application}/${input.group}', which deploys ${targets || 'no ECS service'}, not ${lastSegment(cluster)}/${service}.`);
        }
        return { application: input.application, group };
    }
    let applications;
    if (input.application) {
        applications = [input.application];
    }
    else {
        applications = await listApplications(client);
    }
    const matches = [];
    const unreadable = [];
    for (const application of applications) {
        let names;
        let groups;
        try {
            names = await listGroups(client, application);
            if (input.group)
                names = names.filter((name) => name === input.group);
            if (names.length === 0)
                continue;
            groups = await describeGroups(client, application, names);
        }
        catch (error) {
            const code = (0,aws_errors/* errorCode */.CA)(error);
            if (input.application && code === 'ApplicationDoesNotExistException')
                throw (0,errors/* inputError */.Xu)(APP, `names '${input.application}', which does not exist.`);
            // A least-privilege role may read only its own application: skip the ones it cannot.
            if (!input.application && code === 'AccessDeniedException') {
                unreadable.push(application);
                continue;
            }
            throw error;
        }
        for (const group of groups) {
            if (group.computePlatform && group.computePlatform !== 'ECS')
                continue;
            if (deploysService(group, cluster, service))
                matches.push({ application, group });
        }
    }
    const scope = input.application
        ? ` in application '${input.application}'`
        : input.group
            ? ` named '${input.group}'`
            : '';
    if (matches.length === 0) {
        throw new errors/* ConfigurationError */.j1(`No CodeDeploy deployment group${scope} deploys service '${service}' of cluster '${lastSegment(cluster)}'. ` +
            `Create one for the service, or name it with '${APP}' and '${GROUP}'.` +
            (unreadable.length
                ? ` (Access was denied to the groups of: ${unreadable.join(', ')}.)`
                : ''));
    }
    if (matches.length > 1) {
        throw new errors/* ConfigurationError */.j1(`Several CodeDeploy deployment groups${scope} deploy service '${service}': ` +
            `${matches.map(describeGroupRef).join(', ')}. Name one with '${APP}' and '${GROUP}'.`);
    }
    return matches[0];
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/traffic.ts
/** The traffic-shift shape of a config (ECS configs without routing shift all at once). */
function trafficShape(config) {
    const routing = config?.trafficRoutingConfig;
    if (routing?.type === 'TimeBasedCanary' && routing.timeBasedCanary) {
        return {
            type: 'Canary',
            percentage: routing.timeBasedCanary.canaryPercentage ?? 0,
            intervalMinutes: routing.timeBasedCanary.canaryInterval ?? 0,
        };
    }
    if (routing?.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
        return {
            type: 'Linear',
            percentage: routing.timeBasedLinear.linearPercentage ?? 100,
            intervalMinutes: routing.timeBasedLinear.linearInterval ?? 0,
        };
    }
    return { type: 'AllAtOnce' };
}
/** The steps in which production traffic moves to green, from the first shift to 100 %. */
function trafficSteps(shape) {
    if (shape.type === 'AllAtOnce')
        return [{ atMinutes: 0, greenPercent: 100 }];
    if (shape.type === 'Canary') {
        if (shape.percentage >= 100)
            return [{ atMinutes: 0, greenPercent: 100 }];
        return [
            { atMinutes: 0, greenPercent: shape.percentage },
            { atMinutes: shape.intervalMinutes, greenPercent: 100 },
        ];
    }
    const pct = shape.percentage > 0 ? shape.percentage : 100;
    const steps = [];
    for (let i = 0;; i++) {
        const greenPercent = Math.min(100, pct * (i + 1));
        steps.push({ atMinutes: i * shape.intervalMinutes, greenPercent });
        if (greenPercent >= 100)
            return steps;
    }
}
/** Minutes between the first traffic shift and 100 % on green. */
function bakeMinutes(shape) {
    const steps = trafficSteps(shape);
    return steps[steps.length - 1]?.atMinutes ?? 0;
}
/** One phrase for people: "canary 10% for 5 min, then 100%". */
function describeShape(shape) {
    if (shape.type === 'AllAtOnce')
        return 'all at once';
    const steps = trafficSteps(shape);
    if (shape.type === 'Canary') {
        return `canary ${shape.percentage}% for ${formatMinutes(shape.intervalMinutes)}, then 100%`;
    }
    return `linear ${shape.percentage}% every ${formatMinutes(shape.intervalMinutes)} (${steps.length} steps)`;
}
function formatMinutes(minutes) {
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
/** Minutes the group waits before terminating the original (blue) task set after success. */
function terminationWaitMinutes(group) {
    const option = group?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess;
    if (!option || option.action === 'KEEP_ALIVE')
        return 0;
    return option.terminationWaitTimeInMinutes ?? 0;
}
/** Minutes the group holds a ready replacement before rerouting (when it waits for a manual go). */
function readyWaitMinutes(group) {
    const option = group?.blueGreenDeploymentConfiguration?.deploymentReadyOption;
    if (option?.actionOnTimeout !== 'STOP_DEPLOYMENT')
        return 0;
    return option.waitTimeInMinutes ?? 0;
}
/** The whole wait: our timeout plus the time CodeDeploy spends by design (bake, waits). */
function waitBudget(timeoutMs, shape, group) {
    const bakeMs = bakeMinutes(shape) * 60_000;
    const readyWaitMs = readyWaitMinutes(group) * 60_000;
    const terminationWaitMs = terminationWaitMinutes(group) * 60_000;
    return {
        totalMs: timeoutMs + bakeMs + readyWaitMs + terminationWaitMs,
        timeoutMs,
        bakeMs,
        readyWaitMs,
        terminationWaitMs,
    };
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/plan.ts
/**
 * Everything a blue/green deployment needs, settled before the first mutating call: the
 * blue/green inputs checked (`validateBlueGreenInputs`, no AWS call), then the deployment group,
 * the deployment config (the group's or `codedeploy-deployment-config`) and the AppSpec base
 * (`prepareBlueGreen`, read-only calls).
 */






const DEFAULT_CONFIG = 'CodeDeployDefault.ECSAllAtOnce';
/** CodeDeploy names: 1-100 characters, no control characters. */
const validName = (name) => name.length >= 1 && name.length <= 100 && ![...name].some((c) => c < ' ' || c === '\u007f');
/** Checks the blue/green inputs without calling AWS; throws one line naming the input. */
function validateBlueGreenInputs(inputs) {
    for (const name of [
        'codedeploy-application',
        'codedeploy-deployment-group',
        'codedeploy-deployment-config',
    ]) {
        const value = inputs[name];
        if (value !== undefined && !validName(value))
            throw (0,errors/* inputError */.Xu)(name, `must be a CodeDeploy name of 1 to 100 characters, got '${value}'.`);
    }
    const validated = {};
    if (inputs.appspec !== undefined)
        validated.appspec = readAppSpecFile(inputs.appspec);
    return validated;
}
/** The service's load-balanced container (CODE_DEPLOY services have exactly one load balancer). */
function loadBalancerOf(service) {
    const lb = service.loadBalancers?.find((l) => l.containerName && l.containerPort);
    return lb ? { containerName: lb.containerName, containerPort: lb.containerPort } : undefined;
}
async function getConfig(client, name, fromInput) {
    try {
        const out = await client.send(new dist_cjs.GetDeploymentConfigCommand({ deploymentConfigName: name }));
        const info = out.deploymentConfigInfo ?? { deploymentConfigName: name };
        if (fromInput && info.computePlatform && info.computePlatform !== 'ECS') {
            throw (0,errors/* inputError */.Xu)('codedeploy-deployment-config', `names '${name}', a ${info.computePlatform} config; ECS needs an ECS config such as CodeDeployDefault.ECSCanary10Percent5Minutes.`);
        }
        return info;
    }
    catch (error) {
        if ((0,aws_errors/* errorCode */.CA)(error) === 'DeploymentConfigDoesNotExistException') {
            if (fromInput)
                throw (0,errors/* inputError */.Xu)('codedeploy-deployment-config', `names '${name}', which does not exist.`);
            throw new errors/* ConfigurationError */.j1(`The deployment group's config '${name}' does not exist.`);
        }
        throw error;
    }
}
async function prepareBlueGreen(client, request) {
    const { inputs, service } = request;
    const serviceName = service.serviceName ?? '';
    const validated = request.validated ?? validateBlueGreenInputs(inputs);
    const lb = loadBalancerOf(service);
    const appspecLb = appspecLoadBalancer(validated.appspec);
    const loadBalancer = appspecLb ?? lb;
    if (!loadBalancer) {
        throw new errors/* ConfigurationError */.j1(`Service '${serviceName}' has no load balancer with a container name and port, so no AppSpec can be generated; give one with 'appspec'.`);
    }
    const ref = await findDeploymentGroup(client, {
        cluster: request.cluster,
        service: serviceName,
        application: inputs['codedeploy-application'],
        group: inputs['codedeploy-deployment-group'],
    });
    const override = inputs['codedeploy-deployment-config'];
    const configName = override ?? ref.group.deploymentConfigName ?? DEFAULT_CONFIG;
    const config = await getConfig(client, configName, override !== undefined);
    const plan = {
        application: ref.application,
        groupName: ref.group.deploymentGroupName ?? '',
        group: ref.group,
        configName,
        config,
        shape: trafficShape(config),
        loadBalancer,
    };
    if (validated.appspec)
        plan.appspec = validated.appspec;
    return plan;
}
function appspecLoadBalancer(doc) {
    if (!doc)
        return undefined;
    const find = (o, key) => {
        if (typeof o !== 'object' || o === null)
            return undefined;
        const k = Object.keys(o).find((x) => x.toLowerCase() === key.toLowerCase());
        return k === undefined ? undefined : o[k];
    };
    const resources = find(doc, 'Resources');
    const first = Array.isArray(resources)
        ? Object.values((resources[0] ?? {}))[0]
        : undefined;
    const lb = find(find(first, 'Properties'), 'LoadBalancerInfo');
    const name = find(lb, 'ContainerName');
    const port = Number(find(lb, 'ContainerPort'));
    return typeof name === 'string' && Number.isInteger(port) && port > 0
        ? { containerName: name, containerPort: port }
        : undefined;
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/deploy.ts
/**
 * One service's blue/green deployment: CreateDeployment with the rendered AppSpec, then follow it
 * to its outcome within the wait budget. On failure, report the cause and CodeDeploy's rollback;
 * on our timeout or on cancellation, StopDeployment with rollback (a cancelled run never leaves a
 * deployment shifting traffic unattended), follow the rollback, and report it.
 */












/** How long a cancelled run spends stopping and following the rollback (GitHub kills at 10 s). */
const CANCEL_BUDGET_MS = 6_000;
/** The least time given to a rollback after a failure or a timeout. */
const MIN_ROLLBACK_BUDGET_MS = 5 * 60_000;
async function deployBlueGreen(request, prepared, deps = {}) {
    const client = deps.client ?? (0,aws/* createClient */.UU)(dist_cjs.CodeDeployClient);
    const clock = deps.clock ?? Date.now;
    const { inputs, signal, log } = request;
    const service = request.service.serviceName ?? '';
    const plan = prepared ?? (await prepareBlueGreen(client, request));
    const revision = renderAppSpec(plan.appspec, request.taskDefinitionArn, plan.loadBalancer);
    const budget = waitBudget(inputs['timeout-minutes'], plan.shape, plan.group);
    const rollbackOnFailure = inputs['rollback-on-failure'];
    const started = clock();
    const base = (status, deploymentId, message) => ({
        service,
        strategy: 'blue-green',
        taskDefinitionArn: request.taskDefinitionArn,
        previousTaskDefinitionArn: request.previousTaskDefinitionArn,
        deploymentId,
        status,
        seconds: Math.round((clock() - started) / 1000),
        phases: [],
        causes: [],
        message,
    });
    log(`CodeDeploy ${plan.application}/${plan.groupName}, config ${plan.configName} (${describeShape(plan.shape)})` +
        (revision.hooks.length ? `, hooks: ${revision.hooks.map((h) => h.event).join(', ')}` : ''));
    if (signal.aborted) {
        const result = base('failed', '', 'cancelled before the deployment was created');
        result.causes.push({
            title: `${service}: cancelled`,
            message: 'The run was cancelled before CodeDeploy was asked to deploy; nothing was started.',
        });
        return result;
    }
    const created = await createDeployment(client, {
        plan,
        revision,
        overrideConfig: inputs['codedeploy-deployment-config'] !== undefined,
        rollbackOnFailure,
        description: `ecs-deploy: ${service} to ${request.taskDefinitionArn}`,
    });
    if (!created.ok) {
        const result = base('failed', '', `CodeDeploy refused the deployment (${created.code})`);
        result.causes.push({
            title: `${service}: CreateDeployment ${created.code}`,
            message: created.message,
        });
        return result;
    }
    const deploymentId = created.deploymentId;
    if (created.adopted)
        log(`CreateDeployment's answer was lost; following ${deploymentId}, which carries this revision`);
    log(`created CodeDeploy deployment ${deploymentId} (wait budget ${(0,summary/* formatSeconds */.Xo)(budget.totalMs)})`);
    const emit = (result, snapshot, tracker, rollback) => {
        deps.onOutput?.(resultEntry(plan, service, deploymentId, result.status, snapshot, tracker.trafficChanges, rollback));
        return result;
    };
    const tracker = new ProgressTracker();
    if (!inputs.wait) {
        return emit(base('started', deploymentId, `started CodeDeploy deployment ${deploymentId}; not waiting (wait: false)`), undefined, tracker);
    }
    const reader = new DeploymentReader(client, deploymentId, clock);
    const deadline = request.deadline + budget.totalMs - budget.timeoutMs;
    const followed = await follow(reader, tracker, {
        intervalMs: inputs['poll-interval-seconds'],
        deadline,
        signal,
        log,
        clock,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
    const intervalMs = inputs['poll-interval-seconds'];
    const followRollback = (id, budgetMs, pollMs) => followRollbackDeployment(client, id, {
        intervalMs: pollMs,
        deadline: clock() + budgetMs,
        log,
        clock,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
    const phases = (snapshot, rollback) => [
        ...phasesOf(service, snapshot, tracker.trafficChanges, clock()),
        ...rollbackPhase(service, rollback, clock()),
    ];
    /** The end of a deployment that failed or stopped: cause, CodeDeploy's rollback, verdict. */
    const judgeFailure = async (snapshot, budgetMs, pollMs, extra, status, restore) => {
        let latest = snapshot;
        const expected = expectsAutoRollback(latest.deployment);
        if (expected && !latest.deployment.rollbackInfo?.rollbackDeploymentId) {
            // CodeDeploy may name the rollback deployment a moment after the failure.
            for (let i = 0; i < 3 && !latest.deployment.rollbackInfo?.rollbackDeploymentId; i++) {
                await (deps.sleep ?? cancellation/* sleep */.yy)(Math.min(pollMs, 1000));
                latest = await reader.read();
            }
        }
        const rollbackId = latest.deployment.rollbackInfo?.rollbackDeploymentId;
        const rollback = rollbackId ? await followRollback(rollbackId, budgetMs, pollMs) : undefined;
        const cause = failureCause(latest.deployment, latest.target);
        const verdict = status ?? (rollbackSucceeded(rollback) ? 'rolled-back' : 'failed');
        const what = cause.errorCode === 'ALARM_ACTIVE'
            ? 'stopped by an alarm'
            : cause.failedEvent !== undefined
                ? `${cause.failedEvent.name} failed`
                : (cause.status ?? 'failed').toLowerCase();
        const result = base(verdict, deploymentId, `CodeDeploy deployment ${deploymentId} ${what}${rollbackSucceeded(rollback) ? `; rolled back by ${rollback.deploymentId}` : ''}`);
        result.causes.push(...extra, ...failureCauses(service, cause, rollback, expected));
        result.phases = phases(latest, rollback);
        if (restore)
            result.restore = restore(rollback);
        for (const c of result.causes)
            log(c.message);
        return emit(result, latest, tracker, rollback);
    };
    if (followed.outcome === 'ended' && followed.snapshot) {
        const snapshot = followed.snapshot;
        if (stateOf(snapshot.deployment) === 'succeeded') {
            const result = base('succeeded', deploymentId, `CodeDeploy deployment ${deploymentId} succeeded (${describeShape(plan.shape)})`);
            result.phases = phases(snapshot);
            return emit(result, snapshot, tracker);
        }
        return judgeFailure(snapshot, Math.max(budget.timeoutMs, MIN_ROLLBACK_BUDGET_MS), intervalMs, []);
    }
    // Our timeout or a cancellation: stop the deployment ourselves.
    const cancelled = followed.outcome === 'cancelled';
    const signalName = signal.reason?.signalName ?? 'cancelled';
    const latest = followed.snapshot;
    const why = interruptionReason({ cancelled, signalName, deploymentId, snapshot: latest, budget });
    log(why);
    const status = cancelled ? 'failed' : 'timed-out';
    const title = `${service}: ${cancelled ? 'cancelled' : 'timed out'}`;
    if (!cancelled && !rollbackOnFailure) {
        const result = base(status, deploymentId, `timed out; deployment ${deploymentId} left running (rollback-on-failure: false)`);
        result.causes.push({
            title,
            message: `${why} rollback-on-failure is false, so it was left to CodeDeploy's own settings and is still running.`,
        });
        result.phases = phases(latest);
        return emit(result, latest, tracker);
    }
    const budgetMs = cancelled
        ? CANCEL_BUDGET_MS
        : Math.max(budget.timeoutMs, MIN_ROLLBACK_BUDGET_MS);
    const pollMs = cancelled ? Math.min(intervalMs, 500) : intervalMs;
    const endBy = clock() + budgetMs;
    const stop = await stopDeployment(client, deploymentId, rollbackOnFailure ? true : undefined);
    log(stop.message);
    // Follow the stop to its end (Stopped, or the outcome it reached first), then the rollback.
    const ended = await follow(reader, tracker, {
        intervalMs: pollMs,
        deadline: endBy,
        log,
        clock,
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
    });
    const final = ended.snapshot ?? latest;
    if (!final || ended.outcome !== 'ended') {
        const result = base(status, deploymentId, `${cancelled ? 'cancelled' : 'timed out'}; StopDeployment sent, deployment ${deploymentId} not yet stopped`);
        result.causes.push({
            title,
            message: `${why} ${stop.message}; it had not stopped when the step ended. Check it in the CodeDeploy console.`,
        });
        result.restore = {
            taskDefinitionArn: request.previousTaskDefinitionArn,
            deploymentId,
            outcome: 'timed-out',
            message: stop.message,
        };
        result.phases = phases(final);
        return emit(result, final, tracker);
    }
    if (stateOf(final.deployment) === 'succeeded') {
        // It finished before the stop landed: the outcome is real.
        const result = base(cancelled ? 'failed' : 'succeeded', deploymentId, `CodeDeploy deployment ${deploymentId} succeeded before it could be stopped`);
        if (cancelled)
            result.causes.push({ title, message: `${why} It succeeded before the stop took effect.` });
        result.phases = phases(final);
        return emit(result, final, tracker);
    }
    const restore = (rollback) => restoreOf(request.previousTaskDefinitionArn, deploymentId, stop.message, rollback);
    return judgeFailure(final, Math.max(0, endBy - clock()), pollMs, [{ title, message: `${why} Stopped it${rollbackOnFailure ? ' with rollback' : ''}.` }], status, restore);
}

;// CONCATENATED MODULE: ./src/ecs-deploy/blue-green/index.ts
/**
 * CodeDeploy blue/green for ecs-deploy. `run.ts` calls `validateBlueGreenInputs` while parsing
 * inputs, may call `prepareBlueGreen` (read-only) before registering the task definition, and
 * hands each CODE_DEPLOY service to `deployBlueGreen`.
 */



const entries = [];
/** The `codedeploy-deployments` output: one entry per blue/green service of this run. */
function recordOutput(entry) {
    entries.push(entry);
    core/* setOutput */.uH('codedeploy-deployments', JSON.stringify(entries));
}
function blue_green_deployBlueGreen(request, plan, deps = {}) {
    return deployBlueGreen(request, plan, { onOutput: recordOutput, ...deps });
}


/***/ })

};
