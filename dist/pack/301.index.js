export const id = 301;
export const ids = [301];
export const modules = {

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


/***/ }),

/***/ 7301:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run_migration_run)
});

// EXTERNAL MODULE: ./src/lib/run.ts
var run = __webpack_require__(4114);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/lib/aws.ts + 1 modules
var aws = __webpack_require__(3322);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/summary.ts
var summary = __webpack_require__(1119);
// EXTERNAL MODULE: ./src/lib/task-definition-registry.ts + 1 modules
var task_definition_registry = __webpack_require__(9146);
// EXTERNAL MODULE: ./src/lib/task-definition.ts
var task_definition = __webpack_require__(3710);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/run-migration/identity.ts
/**
 * Who a migration task is. `startedBy` names the migration (the same for every run, so the
 * exclusive check finds a run already under way); the `clientToken` names this one request
 * (the same across SDK retries and step retries of one workflow run attempt, so RunTask never
 * starts a second task).
 */


/** ECS limits: startedBy up to 36 of [A-Za-z0-9_/-]; clientToken up to 64 characters. */
const STARTED_BY_MAX = 36;
const CLIENT_TOKEN_MAX = 64;
const STARTED_BY_PREFIX = 'migrate/';
/** Tag on the task carrying its client token, so a retried step recognises its own task. */
const CLIENT_TOKEN_TAG = 'ecs-delivery-pack:client-token';
const sha256 = (text) => (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
function startedByFor(migrationName) {
    const clean = migrationName.replace(/[^A-Za-z0-9_/-]/g, '-');
    const room = STARTED_BY_MAX - STARTED_BY_PREFIX.length;
    if (clean.length <= room)
        return STARTED_BY_PREFIX + clean;
    const hash = sha256(migrationName).slice(0, 6);
    return `${STARTED_BY_PREFIX}${clean.slice(0, room - hash.length - 1)}-${hash}`;
}
/**
 * The workflow run this step belongs to. Outside a workflow run (no GITHUB_RUN_ID) each start
 * gets a fresh nonce, so two manual runs are never mistaken for one.
 */
function runIdentity(env = process.env) {
    return {
        repository: env.GITHUB_REPOSITORY ?? '',
        runId: env.GITHUB_RUN_ID || `local-${(0,external_node_crypto_.randomUUID)()}`,
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
        job: env.GITHUB_JOB ?? '',
    };
}
/** 64 hex characters: a hash of the run identity and the resolved RunTask request. */
function clientTokenFor(identity, request) {
    const token = sha256((0,task_definition/* stableStringify */.JB)({ identity, request }));
    return token.slice(0, CLIENT_TOKEN_MAX);
}

;// CONCATENATED MODULE: ./src/run-migration/exclusive.ts
/**
 * The exclusive check: another task of the same migration (same startedBy, same family) that is
 * PENDING or RUNNING blocks a new start. A task carrying this run's own client token is not
 * another migration: it is this step's task from an earlier attempt, and RunTask with the same
 * token returns it instead of starting a second one.
 */


const familyOfArn = (taskDefinitionArn) => (taskDefinitionArn.split('/').pop() ?? taskDefinitionArn).split(':')[0] ?? '';
/** Pure: which of the listed tasks block this start. */
function classifyActiveTasks(tasks, family, clientToken) {
    const result = { others: [] };
    for (const task of tasks) {
        if (task.lastStatus === 'STOPPED' || task.lastStatus === 'DELETED')
            continue;
        if (familyOfArn(task.taskDefinitionArn ?? '') !== family)
            continue;
        const token = task.tags?.find((t) => t.key === CLIENT_TOKEN_TAG)?.value;
        if (token === clientToken)
            result.own = task;
        else
            result.others.push(task);
    }
    return result;
}
async function activeMigrationTasks(ecs, cluster, startedBy) {
    // ECS allows no other filter next to startedBy; the family is checked on the described tasks.
    const arns = [];
    let nextToken;
    do {
        const page = await ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster, startedBy, ...(nextToken ? { nextToken } : {}) }));
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    const tasks = [];
    for (let i = 0; i < arns.length; i += 100) {
        const out = await ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: arns.slice(i, i + 100), include: ['TAGS'] }));
        tasks.push(...(out.tasks ?? []));
    }
    return tasks;
}

// EXTERNAL MODULE: ./src/lib/poller.ts
var poller = __webpack_require__(2353);
;// CONCATENATED MODULE: ./src/run-migration/follow-task.ts
/**
 * Follows one task until it is STOPPED by polling DescribeTasks (never the SDK waiter, which
 * may sleep minutes between polls and succeeds whatever the exit code). A task that starts and
 * stops between two polls is simply seen STOPPED and judged by its exit codes.
 */



async function describeTask(ecs, cluster, taskArn) {
    const out = await ecs.send(new dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: [taskArn] }));
    return out.tasks?.find((t) => t.taskArn === taskArn) ?? out.tasks?.[0];
}
async function followTask(ecs, options) {
    let last;
    let lastStatus;
    const pollOptions = {
        intervalMs: options.intervalMs,
        deadline: options.deadline,
        onThrottle: (_error, delay) => options.onThrottle?.(delay),
    };
    if (options.signal)
        pollOptions.signal = options.signal;
    if (options.clock)
        pollOptions.clock = options.clock;
    if (options.sleep)
        pollOptions.sleep = options.sleep;
    const result = await (0,poller/* poll */.w)(async () => {
        // Right after RunTask a task may not be visible yet (failures: MISSING): keep polling.
        const task = await describeTask(ecs, options.cluster, options.taskArn);
        if (!task)
            return { done: false };
        last = task;
        if (task.lastStatus !== lastStatus) {
            lastStatus = task.lastStatus;
            options.onStatus?.(task);
        }
        return task.lastStatus === 'STOPPED' ? { done: true, value: task } : { done: false };
    }, pollOptions);
    if (result.outcome === 'done')
        return { outcome: 'stopped', task: result.value, polls: result.polls };
    return last
        ? { outcome: result.outcome, task: last, polls: result.polls }
        : { outcome: result.outcome, polls: result.polls };
}
/**
 * Stops the task, bounded in time so it fits in GitHub's cancellation window (SIGTERM 7.5 s
 * after SIGINT, the kill 2.5 s after that). Returns an error message instead of throwing.
 */
async function stopTask(ecs, cluster, taskArn, reason, timeoutMs = 5000) {
    try {
        const out = await ecs.send(new dist_cjs/* StopTaskCommand */.PP1({ cluster, task: taskArn, reason: reason.slice(0, 255) }), {
            abortSignal: AbortSignal.timeout(timeoutMs),
        });
        return out.task ? { stopped: true, task: out.task } : { stopped: true };
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { stopped: false, error: message };
    }
}
function describeDuration(task, fallbackMs) {
    const start = task?.startedAt ?? task?.createdAt;
    const end = task?.stoppedAt;
    if (start && end)
        return (0,summary/* formatSeconds */.Xo)(end.getTime() - start.getTime());
    return (0,summary/* formatSeconds */.Xo)(fallbackMs);
}

// EXTERNAL MODULE: ./src/lib/inputs.ts
var lib_inputs = __webpack_require__(1662);
// EXTERNAL MODULE: ./src/lib/parse.ts + 1 modules
var parse = __webpack_require__(9605);
;// CONCATENATED MODULE: ./src/run-migration/inputs.ts



const LAUNCH_TYPES = ['FARGATE', 'EC2', 'EXTERNAL'];
const NAME = /^[A-Za-z0-9_./-]{1,200}$/;
function upperChoice(name, choices) {
    const value = (0,lib_inputs/* optionalInput */.$m)(name);
    if (value === undefined)
        return undefined;
    const upper = value.toUpperCase();
    if (choices.includes(upper))
        return upper;
    throw (0,errors/* inputError */.Xu)(name, `must be one of ${choices.join(', ')}, got '${value}'.`);
}
function assignPublicIp() {
    const value = (0,lib_inputs/* optionalInput */.$m)('assign-public-ip');
    if (value === undefined)
        return undefined;
    const v = value.toLowerCase();
    if (['enabled', 'true', 'yes'].includes(v))
        return 'ENABLED';
    if (['disabled', 'false', 'no'].includes(v))
        return 'DISABLED';
    throw (0,errors/* inputError */.Xu)('assign-public-ip', `must be ENABLED or DISABLED, got '${value}'.`);
}
/** `provider[:weight[:base]]` items, e.g. `FARGATE_SPOT:3, FARGATE:1:1`. */
function parseCapacityProviderStrategy(items) {
    const name = 'capacity-provider-strategy';
    const seen = new Set();
    return items.map((item) => {
        const [provider = '', weight, base, ...rest] = item.split(':').map((s) => s.trim());
        if (!/^[A-Za-z0-9_-]{1,255}$/.test(provider) || rest.length > 0) {
            throw (0,errors/* inputError */.Xu)(name, `item '${item}' must be provider[:weight[:base]].`);
        }
        if (seen.has(provider))
            throw (0,errors/* inputError */.Xu)(name, `lists '${provider}' twice.`);
        seen.add(provider);
        const number = (text, what, max) => {
            if (text === undefined || text === '')
                return undefined;
            if (!/^\d+$/.test(text) || Number(text) > max) {
                throw (0,errors/* inputError */.Xu)(name, `item '${item}': ${what} must be a whole number 0-${max}.`);
            }
            return Number(text);
        };
        const out = { capacityProvider: provider };
        const w = number(weight, 'weight', 1000);
        const b = number(base, 'base', 100000);
        if (w !== undefined)
            out.weight = w;
        if (b !== undefined)
            out.base = b;
        return out;
    });
}
function readInputs() {
    const cluster = (0,lib_inputs/* requiredInput */.YF)('cluster');
    const service = (0,lib_inputs/* optionalInput */.$m)('service');
    const taskDefinition = (0,lib_inputs/* optionalInput */.$m)('task-definition');
    if (!service && !taskDefinition) {
        throw (0,errors/* inputError */.Xu)('task-definition', "or 'service' is required: give the task definition to run, or a service to take it from.");
    }
    const environment = (0,lib_inputs/* keyValueInput */.Bb)('environment');
    for (const key of environment.keys()) {
        if (!parse/* ENV_NAME */.G1.test(key)) {
            throw (0,errors/* inputError */.Xu)('environment', `sets '${key}', which is not a valid environment variable name.`);
        }
    }
    const launchType = upperChoice('launch-type', LAUNCH_TYPES);
    const strategy = parseCapacityProviderStrategy((0,lib_inputs/* listInput */.dt)('capacity-provider-strategy'));
    if (launchType && strategy.length > 0) {
        throw (0,errors/* inputError */.Xu)('launch-type', "cannot be combined with 'capacity-provider-strategy'; give one of them.");
    }
    const migrationName = (0,lib_inputs/* optionalInput */.$m)('migration-name');
    if (migrationName !== undefined && !NAME.test(migrationName)) {
        throw (0,errors/* inputError */.Xu)('migration-name', 'may use letters, digits, and - _ . / only (at most 200 characters).');
    }
    const inputs = {
        cluster,
        images: (0,lib_inputs/* containerImagesInput */.Cj)('images'),
        command: (0,lib_inputs/* commandInput */._T)('command'),
        environment,
        subnets: (0,lib_inputs/* listInput */.dt)('subnets'),
        'security-groups': (0,lib_inputs/* listInput */.dt)('security-groups'),
        'capacity-provider-strategy': strategy,
        'timeout-minutes': (0,lib_inputs/* minutesInput */.C$)('timeout-minutes', 30, 60 * 24 * 7),
        'poll-interval-seconds': (0,lib_inputs/* secondsInput */.oA)('poll-interval-seconds', 3, 300),
        logs: (0,lib_inputs/* booleanInput */.tE)('logs', true),
        'stop-on-timeout': (0,lib_inputs/* booleanInput */.tE)('stop-on-timeout', true),
        exclusive: (0,lib_inputs/* booleanInput */.tE)('exclusive', true),
    };
    if (service)
        inputs.service = service;
    if (taskDefinition)
        inputs['task-definition'] = taskDefinition;
    const container = (0,lib_inputs/* optionalInput */.$m)('container');
    if (container)
        inputs.container = container;
    const ip = assignPublicIp();
    if (ip)
        inputs['assign-public-ip'] = ip;
    if (launchType)
        inputs['launch-type'] = launchType;
    const platformVersion = (0,lib_inputs/* optionalInput */.$m)('platform-version');
    if (platformVersion) {
        if (launchType === 'EC2' || launchType === 'EXTERNAL') {
            throw (0,errors/* inputError */.Xu)('platform-version', `applies to Fargate only, but 'launch-type' is ${launchType}.`);
        }
        inputs['platform-version'] = platformVersion;
    }
    if (migrationName)
        inputs['migration-name'] = migrationName;
    return inputs;
}

;// CONCATENATED MODULE: ./src/run-migration/launch.ts

function placement(inputs, service, sources) {
    const out = {};
    if (inputs['launch-type']) {
        out.launchType = inputs['launch-type'];
    }
    else if (inputs['capacity-provider-strategy'].length > 0) {
        out.capacityProviderStrategy = inputs['capacity-provider-strategy'];
    }
    else if (service?.capacityProviderStrategy && service.capacityProviderStrategy.length > 0) {
        out.capacityProviderStrategy = service.capacityProviderStrategy;
        sources.push('capacity provider strategy from the service');
    }
    else if (service?.launchType) {
        out.launchType = service.launchType;
        sources.push(`launch type ${service.launchType} from the service`);
    }
    const fargateCapable = out.launchType !== 'EC2' && out.launchType !== 'EXTERNAL';
    if (inputs['platform-version']) {
        out.platformVersion = inputs['platform-version'];
    }
    else if (service?.platformVersion && fargateCapable) {
        out.platformVersion = service.platformVersion;
        sources.push(`platform version ${service.platformVersion} from the service`);
    }
    return out;
}
function network(inputs, service, def, sources) {
    const mode = def.networkMode ?? 'bridge';
    const given = inputs.subnets.length > 0 || inputs['security-groups'].length > 0 || inputs['assign-public-ip'];
    if (mode !== 'awsvpc') {
        if (given) {
            const input = inputs.subnets.length > 0
                ? 'subnets'
                : inputs['security-groups'].length > 0
                    ? 'security-groups'
                    : 'assign-public-ip';
            throw (0,errors/* inputError */.Xu)(input, `is set, but task definition '${def.family}' uses network mode ${String(mode)}, which takes no network configuration (only awsvpc does).`);
        }
        return undefined;
    }
    const fromService = service?.networkConfiguration?.awsvpcConfiguration;
    const subnets = inputs.subnets.length > 0 ? inputs.subnets : (fromService?.subnets ?? []);
    if (subnets.length === 0) {
        throw (0,errors/* inputError */.Xu)('subnets', `is required: task definition '${def.family}' uses the awsvpc network mode and ${inputs.service ? `service '${inputs.service}' has no network configuration` : "no 'service' was given to copy one from"}.`);
    }
    if (inputs.subnets.length === 0)
        sources.push('subnets from the service');
    const config = { subnets };
    const groups = inputs['security-groups'].length > 0 ? inputs['security-groups'] : fromService?.securityGroups;
    if (groups && groups.length > 0) {
        config.securityGroups = groups;
        if (inputs['security-groups'].length === 0)
            sources.push('security groups from the service');
    }
    const ip = inputs['assign-public-ip'] ?? fromService?.assignPublicIp;
    if (ip)
        config.assignPublicIp = ip;
    return config;
}
function containerOverride(inputs, container) {
    if (!inputs.command && inputs.environment.size === 0)
        return undefined;
    const override = { name: container };
    if (inputs.command)
        override.command = inputs.command;
    if (inputs.environment.size > 0) {
        override.environment = [...inputs.environment].map(([name, value]) => ({ name, value }));
    }
    return override;
}
function planLaunch(args) {
    const { inputs, service, definition } = args;
    const sources = [];
    const request = {
        cluster: inputs.cluster,
        taskDefinition: args.taskDefinitionArn,
        count: 1,
        ...placement(inputs, service, sources),
    };
    const awsvpc = network(inputs, service, definition, sources);
    if (awsvpc)
        request.networkConfiguration = { awsvpcConfiguration: awsvpc };
    const override = containerOverride(inputs, args.container);
    if (override)
        request.overrides = { containerOverrides: [override] };
    return { request, sources };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var client_cloudwatch_logs_dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./src/lib/cancellation.ts
var cancellation = __webpack_require__(1392);
// EXTERNAL MODULE: ./src/lib/aws-errors.ts
var aws_errors = __webpack_require__(6676);
// EXTERNAL MODULE: ./src/lib/backoff.ts
var backoff = __webpack_require__(2567);
;// CONCATENATED MODULE: ./src/run-migration/log-follower.ts
/**
 * Streams a container's awslogs output while the task runs: GetLogEvents from the head of the
 * stream, following nextForwardToken, so no line is printed twice and none is skipped. The
 * stream is at its end for now when the token comes back unchanged; once the task has stopped,
 * an end reached by a read that began after the stop means everything has been printed.
 */





class LogFollower {
    logs;
    target;
    options;
    lastLines = [];
    lineCount = 0;
    pages = 0;
    streamFound = false;
    token;
    stopped = false;
    halted = false;
    wake = new AbortController();
    constructor(logs, target, options) {
        this.logs = logs;
        this.target = target;
        this.options = options;
    }
    /** The task is STOPPED: drain what is left, then finish. */
    taskStopped() {
        this.stopped = true;
        this.wake.abort();
    }
    /** Stop following now (timeout or cancellation), without draining. */
    halt() {
        this.halted = true;
        this.wake.abort();
    }
    async run() {
        const sleep = this.options.sleep ?? cancellation/* sleep */.yy;
        const keepWaiting = this.options.missingReadsAfterStop ?? 3;
        let throttled = 0;
        let missingAfterStop = 0;
        while (!this.halted) {
            const stoppedBefore = this.stopped;
            let delay = this.options.intervalMs;
            try {
                const atEnd = await this.readPage();
                throttled = 0;
                if (!atEnd)
                    continue;
                if (stoppedBefore)
                    return;
            }
            catch (error) {
                if ((0,aws_errors/* errorCode */.CA)(error) === 'ResourceNotFoundException') {
                    if (stoppedBefore && ++missingAfterStop >= keepWaiting) {
                        this.options.warn(`Log stream ${this.target.stream} in group ${this.target.group} was not found: the container wrote no logs, or the log configuration points elsewhere.`);
                        return;
                    }
                }
                else if ((0,aws_errors/* isThrottlingError */.Qb)(error)) {
                    throttled++;
                    delay = Math.max(delay, (0,backoff/* backoffDelay */.E)(throttled, { baseMs: 500, capMs: 10_000 }));
                }
                else {
                    this.options.warn(`Stopped streaming logs from ${this.target.group}/${this.target.stream}: ${(0,errors/* messageOf */.bD)(error)} (the migration is still followed).`);
                    return;
                }
            }
            if (this.halted)
                return;
            // Stopped while that read was under way: read again at once, so the drain begins after the stop.
            if (this.stopped && !stoppedBefore)
                continue;
            if (this.wake.signal.aborted)
                this.wake = new AbortController();
            await sleep(delay, this.wake.signal);
        }
    }
    /** Reads one page and prints it; true when the stream is at its end for now. */
    async readPage() {
        const out = await this.logs.send(new client_cloudwatch_logs_dist_cjs/* GetLogEventsCommand */.h7S({
            logGroupName: this.target.group,
            logStreamName: this.target.stream,
            startFromHead: true,
            ...(this.token ? { nextToken: this.token } : {}),
        }));
        this.streamFound = true;
        this.pages++;
        for (const event of out.events ?? [])
            this.emit(event.message ?? '');
        const next = out.nextForwardToken;
        const atEnd = next === undefined || next === this.token;
        if (next !== undefined)
            this.token = next;
        return atEnd && (out.events ?? []).length === 0;
    }
    emit(message) {
        const keep = this.options.keepLast ?? 30;
        for (const line of message.replace(/\r?\n$/, '').split(/\r?\n/)) {
            this.lineCount++;
            this.options.print(line);
            this.lastLines.push(line);
            if (this.lastLines.length > keep)
                this.lastLines.shift();
        }
    }
}

;// CONCATENATED MODULE: ./src/run-migration/verdict.ts
const taskIdOf = (taskArn) => taskArn.split('/').pop() ?? taskArn;
const reasonOf = (c) => (c.reason ? ` (reason: ${c.reason})` : '');
/** RunTask answered with failures[] and no task. */
function runTaskFailureVerdict(failures) {
    const causes = failures.map((f) => {
        const parts = [f.reason ?? 'unknown reason'];
        if (f.detail)
            parts.push(f.detail);
        if (f.arn)
            parts.push(`(${f.arn})`);
        return `RunTask failure: ${parts.join(': ')}`;
    });
    if (causes.length === 0)
        causes.push('RunTask returned no task and no failure.');
    return {
        status: 'failed',
        headline: `ECS did not start the migration task: ${failures
            .map((f) => f.reason)
            .filter(Boolean)
            .join(', ') || 'no reason given'}.`,
        causes,
        notes: [],
    };
}
/** Judges a STOPPED task. `target` is the container the migration ran in. */
function stoppedTaskVerdict(task, target, roles) {
    const containers = task.containers ?? [];
    const essential = (name) => roles.find((r) => r.name === name)?.essential ?? true;
    const targetContainer = containers.find((c) => c.name === target);
    const exitCode = targetContainer?.exitCode ?? undefined;
    const causes = [];
    const notes = [];
    const stopped = `task stopped reason: ${task.stoppedReason ?? 'none given'}`;
    const id = taskIdOf(task.taskArn ?? '');
    if (task.stopCode === 'TaskFailedToStart') {
        causes.push(`Task ${id} failed to start: ${task.stoppedReason ?? 'no reason given'}.`);
        for (const c of containers) {
            if (c.reason && c.reason !== task.stoppedReason)
                causes.push(`Container '${c.name}': ${c.reason}.`);
        }
    }
    if (!targetContainer) {
        causes.push(`Task ${id} has no container '${target}'; ${stopped}.`);
    }
    else if (targetContainer.exitCode === undefined || targetContainer.exitCode === null) {
        if (task.stopCode !== 'TaskFailedToStart') {
            causes.push(`Migration container '${target}' has no exit code: it did not run to completion${reasonOf(targetContainer)}; ${stopped}.`);
        }
    }
    for (const c of containers) {
        if (c.exitCode === undefined || c.exitCode === null || c.exitCode === 0)
            continue;
        if (!essential(c.name)) {
            notes.push(`Non-essential container '${c.name}' exited ${c.exitCode}${reasonOf(c)}; it does not fail the migration.`);
            continue;
        }
        const who = c.name === target ? 'Migration container' : 'Essential container';
        causes.push(`${who} '${c.name}' exited ${c.exitCode}${reasonOf(c)}; ${stopped}.`);
    }
    if (causes.length === 0) {
        return {
            status: 'succeeded',
            exitCode: exitCode ?? 0,
            headline: `Migration task ${id} succeeded: container '${target}' exited 0.`,
            causes,
            notes,
        };
    }
    const verdict = {
        status: 'failed',
        headline: `Migration task ${id} failed: ${causes[0]}`,
        causes,
        notes,
    };
    if (exitCode !== undefined)
        verdict.exitCode = exitCode;
    return verdict;
}

;// CONCATENATED MODULE: ./src/run-migration/log-target.ts

function logTargetFor(container, taskArn) {
    const config = container.logConfiguration;
    const name = String(container.name);
    if (!config?.logDriver) {
        return {
            unavailable: `container '${name}' has no log configuration, so there are no logs to stream.`,
        };
    }
    if (config.logDriver !== 'awslogs') {
        return {
            unavailable: `container '${name}' logs with the ${config.logDriver} driver; only awslogs output can be streamed.`,
        };
    }
    const options = config.options ?? {};
    const group = options['awslogs-group'];
    const prefix = options['awslogs-stream-prefix'];
    if (!group)
        return { unavailable: `container '${name}' has no awslogs-group option.` };
    if (!prefix) {
        return {
            unavailable: `container '${name}' has no awslogs-stream-prefix, so its log stream is named after the Docker container id and cannot be found.`,
        };
    }
    const target = { group, stream: `${prefix}/${name}/${taskIdOf(taskArn)}` };
    if (options['awslogs-region'])
        target.region = options['awslogs-region'];
    return { target };
}
/** The region of an ARN (`arn:aws:ecs:<region>:...`), if it has one. */
const regionOfArn = (arn) => arn.split(':')[3] || undefined;
/** The CloudWatch console encodes path parts twice, with `$` in place of `%`. */
const consoleEncode = (text) => encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');
function logStreamConsoleUrl(target, region) {
    return (`https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}` +
        `#logsV2:log-groups/log-group/${consoleEncode(target.group)}/log-events/${consoleEncode(target.stream)}`);
}
function taskConsoleUrl(taskArn, cluster, region) {
    const clusterName = cluster.split('/').pop() ?? cluster;
    return (`https://${region}.console.aws.amazon.com/ecs/v2/clusters/${encodeURIComponent(clusterName)}` +
        `/tasks/${encodeURIComponent(taskIdOf(taskArn))}/configuration?region=${region}`);
}

;// CONCATENATED MODULE: ./src/run-migration/follow-with-logs.ts
/**
 * Follows the started task until it is STOPPED (or the step times out or is cancelled) while
 * streaming the target container's awslogs output; the log follower drains after STOPPED and
 * is halted at once on timeout or cancellation, so StopTask is not delayed.
 */










async function followWithLogs(ctx, inputs, run) {
    const ecs = (0,aws/* createClient */.UU)(dist_cjs/* ECSClient */.Zgc);
    const intervalMs = inputs['poll-interval-seconds'];
    let follower;
    let logs = {};
    if (inputs.logs) {
        const found = logTargetFor(run.container, run.taskArn);
        if ('target' in found) {
            const config = found.target.region
                ? { ...(0,aws/* clientConfig */.yO)(), region: found.target.region }
                : undefined;
            const client = config ? new client_cloudwatch_logs_dist_cjs/* CloudWatchLogsClient */.TFr(config) : (0,aws/* createClient */.UU)(client_cloudwatch_logs_dist_cjs/* CloudWatchLogsClient */.TFr);
            const name = String(run.container.name);
            follower = new LogFollower(client, found.target, {
                intervalMs,
                print: (line) => core/* info */.pq(`${name} | ${line}`),
                warn: (message) => core/* warning */.$e(message),
            });
            core/* info */.pq(`Streaming ${found.target.group} / ${found.target.stream}`);
            logs = { logTarget: found.target };
        }
        else {
            core/* info */.pq(`No live logs: ${found.unavailable}`);
            logs = { logNote: found.unavailable };
        }
    }
    else {
        logs = { logNote: "not streamed ('logs: false')" };
    }
    const onAbort = () => follower?.halt();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const streaming = follower?.run();
    const result = await followTask(ecs, {
        cluster: inputs.cluster,
        taskArn: run.taskArn,
        intervalMs,
        deadline: run.started + inputs['timeout-minutes'],
        signal: ctx.signal,
        onStatus: (t) => core/* info */.pq(`Task ${taskIdOf(run.taskArn)} is ${t.lastStatus}${t.lastStatus === 'STOPPED' && t.stoppedReason ? ` (${t.stoppedReason})` : ''}.`),
        onThrottle: (delay) => core/* info */.pq(`DescribeTasks is throttled; next poll in ${(0,summary/* formatSeconds */.Xo)(delay)}.`),
    });
    if (result.outcome === 'stopped') {
        follower?.taskStopped();
        await streaming;
    }
    else {
        // Timed out or cancelled: the task must be stopped first; a read in flight is not awaited long.
        follower?.halt();
        await Promise.race([streaming, (0,cancellation/* sleep */.yy)(1000)]);
    }
    ctx.signal.removeEventListener('abort', onAbort);
    if (follower)
        logs = { ...logs, lastLines: follower.lastLines };
    return result.outcome === 'stopped'
        ? { outcome: 'stopped', task: result.task, logs }
        : { outcome: result.outcome, ...(result.task ? { task: result.task } : {}), logs };
}

;// CONCATENATED MODULE: ./src/run-migration/report.ts


const ICON = {
    succeeded: '✅',
    failed: '❌',
    'timed-out': '⏱️',
};
const code = (text) => '`' + text.replace(/`/g, "'") + '`';
function commandText(command) {
    return command
        .map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`))
        .join(' ');
}
function taskPhases(task) {
    if (!task?.createdAt)
        return [];
    const t = (d) => d?.getTime();
    const created = t(task.createdAt);
    const started = t(task.startedAt);
    const stopping = t(task.executionStoppedAt) ?? t(task.stoppingAt);
    const stopped = t(task.stoppedAt);
    const failed = task.stopCode === 'TaskFailedToStart';
    const phases = [];
    const section = 'task';
    phases.push({
        section,
        name: 'provisioning and pull',
        start: created,
        end: started ?? stopped ?? created,
        state: failed ? 'failed' : 'done',
    });
    if (started !== undefined) {
        phases.push({
            section,
            name: 'migration running',
            start: started,
            end: stopping ?? stopped ?? started,
            state: 'done',
        });
    }
    if (stopped !== undefined && stopping !== undefined && stopped > stopping) {
        phases.push({ section, name: 'stopping', start: stopping, end: stopped, state: 'done' });
    }
    return phases;
}
function renderSummary(summary, r) {
    summary.heading(`${ICON[r.verdict.status]} Migration ${r.migrationName}: ${r.verdict.status}`);
    summary.text(r.verdict.headline);
    const rows = [];
    if (r.taskArn) {
        const link = r.region ? ` ([console](${taskConsoleUrl(r.taskArn, r.cluster, r.region)}))` : '';
        rows.push(['Task', `${code(r.taskArn)}${link}`]);
    }
    rows.push(['Task definition', code(r.taskDefinitionArn)]);
    rows.push(['Container', code(r.container)]);
    rows.push(['Command', r.command ? code(commandText(r.command)) : 'image default']);
    if (r.environmentNames.length > 0)
        rows.push(['Environment set', r.environmentNames.map(code).join(', ')]);
    rows.push(['Status', r.verdict.status]);
    rows.push(['Exit code', r.verdict.exitCode === undefined ? 'none' : String(r.verdict.exitCode)]);
    rows.push(['Duration', r.duration]);
    if (r.task?.stoppedReason)
        rows.push(['Stopped reason', r.task.stoppedReason]);
    if (r.task?.stopCode)
        rows.push(['Stop code', r.task.stopCode]);
    if (r.logTarget) {
        const where = `${code(r.logTarget.group)} / ${code(r.logTarget.stream)}`;
        const region = r.logTarget.region ?? r.region;
        rows.push([
            'Logs',
            region
                ? `[${r.logTarget.stream}](${logStreamConsoleUrl(r.logTarget, region)}) in ${code(r.logTarget.group)}`
                : where,
        ]);
    }
    else if (r.logNote) {
        rows.push(['Logs', r.logNote]);
    }
    summary.table(['', ''], rows);
    if (r.verdict.causes.length > 0)
        summary.list(r.verdict.causes);
    if (r.actions.length > 0)
        summary.list(r.actions);
    if (r.verdict.notes.length > 0)
        summary.list(r.verdict.notes);
    const containers = r.task?.containers ?? [];
    if (containers.length > 0) {
        summary.table(['container', 'essential', 'status', 'exit code', 'reason'], containers.map((c) => [
            c.name ?? '',
            r.roles.find((role) => role.name === c.name)?.essential === false ? 'no' : 'yes',
            c.lastStatus ?? '',
            c.exitCode === undefined || c.exitCode === null ? 'none' : String(c.exitCode),
            c.reason ?? '',
        ]));
    }
    const phases = taskPhases(r.task);
    if (phases.length > 0)
        summary.timeline(`Migration task ${taskIdOf(r.taskArn ?? '')}`, phases);
    if (r.lastLines.length > 0) {
        summary.details(`Last ${r.lastLines.length} log lines`, '```\n' + r.lastLines.join('\n').replace(/```/g, "'''") + '\n```');
    }
}

;// CONCATENATED MODULE: ./src/run-migration/source.ts
/**
 * Where the migration's task definition and launch settings come from: the `service` (its
 * current task definition, network configuration, launch type or capacity providers and
 * platform version) and/or the `task-definition` input. Read-only calls.
 */




/** Runs read-only calls, turning an unknown cluster into an error naming the input. */
async function withClusterCheck(cluster, work) {
    try {
        return await work();
    }
    catch (error) {
        if ((0,aws_errors/* errorCode */.CA)(error) === 'ClusterNotFoundException') {
            throw (0,errors/* inputError */.Xu)('cluster', `names '${cluster}', which was not found: ${(0,errors/* messageOf */.bD)(error)}`);
        }
        throw error;
    }
}
async function describeService(ecs, cluster, name) {
    const out = await withClusterCheck(cluster, () => ecs.send(new dist_cjs/* DescribeServicesCommand */.H7c({ cluster, services: [name] })));
    const service = out.services?.[0];
    if (!service) {
        const reason = out.failures?.[0]?.reason ?? 'MISSING';
        throw (0,errors/* inputError */.Xu)('service', `names '${name}', which was not found in cluster '${cluster}' (${reason}).`);
    }
    if (service.status === 'INACTIVE') {
        throw (0,errors/* inputError */.Xu)('service', `names '${name}', which is INACTIVE in cluster '${cluster}'.`);
    }
    return service;
}
async function resolveTaskDefinition(ecs, ref, input) {
    try {
        return await (0,task_definition_registry/* describeTaskDefinition */.oh)(ecs, ref);
    }
    catch (error) {
        if ((0,aws_errors/* errorCode */.CA)(error) === 'ClientException' ||
            (0,aws_errors/* errorCode */.CA)(error) === 'InvalidParameterException') {
            throw (0,errors/* inputError */.Xu)(input, input === 'service'
                ? `runs task definition '${ref}', which could not be described: ${(0,errors/* messageOf */.bD)(error)}`
                : `names '${ref}', which could not be described: ${(0,errors/* messageOf */.bD)(error)}`);
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/run-migration/run.ts
/**
 * run-migration: inputs -> task definition (and a revision with new images) -> exclusive check
 * -> RunTask (idempotent) -> follow until STOPPED while streaming logs -> verdict, outputs and
 * summary. On timeout or cancellation the task is stopped (or, when asked, left running) and
 * the step fails naming it.
 */

















function setOutputs(o) {
    if (o.taskArn)
        core/* setOutput */.uH('task-arn', o.taskArn);
    if (o.taskDefinitionArn)
        core/* setOutput */.uH('task-definition-arn', o.taskDefinitionArn);
    if (o.verdict) {
        core/* setOutput */.uH('status', o.verdict.status);
        core/* setOutput */.uH('exit-code', o.verdict.exitCode === undefined ? '' : String(o.verdict.exitCode));
    }
    if (o.task?.stoppedReason)
        core/* setOutput */.uH('stopped-reason', o.task.stoppedReason);
}
async function main(ctx) {
    const inputs = readInputs();
    const ecs = (0,aws/* createClient */.UU)(dist_cjs/* ECSClient */.Zgc);
    // 1. Everything is resolved and validated before the first mutating call.
    const service = inputs.service
        ? await describeService(ecs, inputs.cluster, inputs.service)
        : undefined;
    const ref = inputs['task-definition'] ?? service?.taskDefinition ?? '';
    const source = await resolveTaskDefinition(ecs, ref, inputs['task-definition'] ? 'task-definition' : 'service');
    const rendered = inputs.images.size > 0
        ? (0,task_definition/* applyImages */.B)((0,task_definition/* stripReadOnly */.Vl)(source.definition), inputs.images)
        : undefined;
    const definition = rendered ?? source.definition;
    const target = (0,task_definition/* pickContainer */.TG)(definition, inputs.container);
    const container = String(target.name);
    const roles = (definition.containerDefinitions ?? []).map((c) => ({
        name: String(c.name),
        essential: c.essential !== false,
    }));
    const draft = planLaunch({
        inputs,
        ...(service ? { service } : {}),
        taskDefinitionArn: source.arn,
        definition,
        container,
    });
    const migrationName = inputs['migration-name'] ?? source.family;
    const startedBy = startedByFor(migrationName);
    const clientToken = clientTokenFor(runIdentity(), {
        ...draft.request,
        images: [...inputs.images].sort(),
    });
    core/* info */.pq(`Migration ${migrationName}: ${inputs.command ? commandText(inputs.command) : 'the image command'} in container '${container}' of ${source.arn}`);
    for (const line of draft.sources)
        core/* info */.pq(`Using ${line}.`);
    // 2. Exclusive: refuse while another task of this migration is PENDING or RUNNING.
    if (inputs.exclusive) {
        const active = classifyActiveTasks(await withClusterCheck(inputs.cluster, () => activeMigrationTasks(ecs, inputs.cluster, startedBy)), source.family, clientToken);
        if (active.others.length > 0) {
            const list = active.others
                .map((t) => `${t.taskArn} (${t.lastStatus}, started by ${t.startedBy})`)
                .join(', ');
            const message = `Another task of migration ${migrationName} is already running: ${list}. Wait for it to finish (or stop it), or set 'exclusive: false'.`;
            setOutputs({
                verdict: { status: 'failed', headline: message, causes: [message], notes: [] },
            });
            ctx.summary.heading(`❌ Migration ${migrationName}: not started`).text(message);
            throw new errors/* OutcomeError */.Rz(message);
        }
        if (active.own)
            core/* info */.pq(`Task ${active.own.taskArn} was started by an earlier attempt of this step; following it instead of starting another.`);
    }
    // 3. A revision running the new images (or the identical one already registered).
    let taskDefinitionArn = source.arn;
    const actions = [];
    if (rendered) {
        const result = await (0,task_definition_registry/* registerIfChanged */.Lh)(ecs, rendered, source.tags);
        taskDefinitionArn = result.taskDefinition.arn;
        const line = result.registered
            ? `Registered ${taskDefinitionArn} with the new images.`
            : `Reused ${taskDefinitionArn}: it already runs these images.`;
        core/* info */.pq(line);
        actions.push(line);
    }
    core/* setOutput */.uH('task-definition-arn', taskDefinitionArn);
    const plan = planLaunch({
        inputs,
        ...(service ? { service } : {}),
        taskDefinitionArn,
        definition,
        container,
    });
    const report = (verdict, extra = {}) => ({
        migrationName,
        cluster: inputs.cluster,
        taskDefinitionArn,
        container,
        ...(inputs.command ? { command: inputs.command } : {}),
        environmentNames: [...inputs.environment.keys()],
        roles,
        verdict,
        duration: '0s',
        lastLines: [],
        actions,
        ...extra,
    });
    if (ctx.signal.aborted) {
        const message = `The run was cancelled (${ctx.cancellation.reason() ?? 'signal'}) before the migration task was started; nothing is running.`;
        const verdict = { status: 'failed', headline: message, causes: [message], notes: [] };
        setOutputs({ taskDefinitionArn, verdict });
        renderSummary(ctx.summary, report(verdict));
        throw new errors/* OutcomeError */.Rz(message);
    }
    // 4. RunTask. No abort signal: once sent it completes, so a task started during a
    // cancellation is known and can be stopped.
    const started = Date.now();
    let out;
    try {
        out = await ecs.send(new dist_cjs/* RunTaskCommand */._eD({
            ...plan.request,
            startedBy,
            clientToken,
            tags: [{ key: CLIENT_TOKEN_TAG, value: clientToken }],
        }));
    }
    catch (error) {
        const message = `RunTask was refused for ${taskDefinitionArn} in cluster ${inputs.cluster}: ${(0,errors/* messageOf */.bD)(error)}`;
        const verdict = { status: 'failed', headline: message, causes: [message], notes: [] };
        setOutputs({ taskDefinitionArn, verdict });
        renderSummary(ctx.summary, report(verdict));
        throw new errors/* OutcomeError */.Rz(message);
    }
    const task = out.tasks?.[0];
    if (!task?.taskArn) {
        const verdict = runTaskFailureVerdict(out.failures ?? []);
        setOutputs({ taskDefinitionArn, verdict });
        for (const cause of verdict.causes)
            (0,summary/* annotateCause */.Q3)(cause, 'Migration did not start');
        renderSummary(ctx.summary, report(verdict));
        throw new errors/* OutcomeError */.Rz(verdict.headline);
    }
    const taskArn = task.taskArn;
    core/* setOutput */.uH('task-arn', taskArn);
    const region = regionOfArn(taskArn);
    core/* info */.pq(`Started task ${taskArn} (startedBy ${startedBy}).`);
    // 5. Follow until STOPPED, streaming logs meanwhile.
    const followed = await followWithLogs(ctx, inputs, {
        ecsTask: task,
        taskArn,
        container: target,
        started,
    });
    const duration = describeDuration(followed.task, Date.now() - started);
    const base = {
        taskArn,
        ...(followed.task ? { task: followed.task } : {}),
        ...(region ? { region } : {}),
        duration,
        ...followed.logs,
    };
    if (followed.outcome === 'stopped') {
        const verdict = stoppedTaskVerdict(followed.task, container, roles);
        setOutputs({ taskArn, taskDefinitionArn, verdict, task: followed.task });
        for (const note of verdict.notes)
            core/* warning */.$e(note);
        renderSummary(ctx.summary, report(verdict, base));
        if (verdict.status !== 'succeeded') {
            for (const cause of verdict.causes)
                (0,summary/* annotateCause */.Q3)(cause, 'Migration failed');
            throw new errors/* OutcomeError */.Rz(`${verdict.headline} Task: ${taskArn}`);
        }
        core/* info */.pq(verdict.headline);
        return;
    }
    // 6. Timed out or cancelled: stop the task (or say it is left running), and fail.
    const why = followed.outcome === 'timed-out'
        ? `did not finish within ${(0,summary/* formatSeconds */.Xo)(inputs['timeout-minutes'])}`
        : `was still ${followed.task?.lastStatus ?? 'starting'} when the run was cancelled (${ctx.cancellation.reason() ?? 'signal'})`;
    let fate;
    let stopped;
    if (inputs['stop-on-timeout']) {
        const reason = followed.outcome === 'timed-out'
            ? `run-migration: step timed out after ${(0,summary/* formatSeconds */.Xo)(inputs['timeout-minutes'])}`
            : 'run-migration: workflow run cancelled';
        const result = await stopTask(ecs, inputs.cluster, taskArn, reason);
        if (result.stopped) {
            fate = 'it was stopped (StopTask).';
            stopped = result.task;
        }
        else {
            fate = `stopping it failed (${result.error}); it may still be running: stop it with 'aws ecs stop-task --cluster ${inputs.cluster} --task ${taskArn}'.`;
        }
    }
    else {
        fate = `it is left running because 'stop-on-timeout' is false; follow it in the console or stop it with 'aws ecs stop-task --cluster ${inputs.cluster} --task ${taskArn}'.`;
    }
    const message = `Migration task ${taskArn} ${why}; ${fate}`;
    const verdict = {
        status: followed.outcome === 'timed-out' ? 'timed-out' : 'failed',
        headline: message,
        causes: [message],
        notes: [],
    };
    const lastTask = stopped ?? followed.task;
    setOutputs({ taskArn, taskDefinitionArn, verdict, ...(lastTask ? { task: lastTask } : {}) });
    (0,summary/* annotateCause */.Q3)(message, followed.outcome === 'timed-out' ? 'Migration timed out' : 'Migration cancelled');
    renderSummary(ctx.summary, report(verdict, base));
    throw new errors/* OutcomeError */.Rz(message);
}

;// CONCATENATED MODULE: ./src/run-migration/index.ts


function run_migration_run() {
    return (0,run/* runAction */.C)('run-migration', main).then(() => undefined);
}


/***/ })

};
