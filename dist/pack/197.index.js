export const id = 197;
export const ids = [197];
export const modules = {

/***/ 7197:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ cloudfront_invalidate_run)
});

// EXTERNAL MODULE: ./src/lib/run.ts
var run = __webpack_require__(4114);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudfront/dist-cjs/index.js
var dist_cjs = __webpack_require__(3169);
// EXTERNAL MODULE: ./src/lib/aws.ts + 1 modules
var aws = __webpack_require__(3322);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/poller.ts
var poller = __webpack_require__(2353);
// EXTERNAL MODULE: ./src/lib/summary.ts
var summary = __webpack_require__(1119);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/lib/inputs.ts
var inputs = __webpack_require__(1662);
;// CONCATENATED MODULE: ./src/cloudfront-invalidate/inputs.ts
/** Every input of cloudfront-invalidate, read and validated before the first AWS call. */




const DISTRIBUTION_ID = /^[A-Z0-9]{1,64}$/;
/** `paths` is a list of lines: a comma is a legal URL character, so lines are not split on it. */
function lines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
function readInputs() {
    const distributions = (0,inputs/* requiredListInput */.kx)('distribution-id');
    for (const id of distributions) {
        if (!DISTRIBUTION_ID.test(id)) {
            throw (0,errors/* inputError */.Xu)('distribution-id', `has '${id}', which is not a CloudFront distribution ID (like E2QWRUHAPOMQZL).`);
        }
    }
    if (new Set(distributions).size !== distributions.length) {
        throw (0,errors/* inputError */.Xu)('distribution-id', 'lists a distribution twice.');
    }
    const pathsFile = (0,inputs/* optionalInput */.$m)('paths-file');
    let pathLines;
    if (pathsFile !== undefined) {
        let isFile = false;
        try {
            isFile = (0,external_node_fs_.statSync)(pathsFile).isFile();
        }
        catch {
            throw (0,errors/* inputError */.Xu)('paths-file', `names '${pathsFile}', which does not exist.`);
        }
        if (!isFile)
            throw (0,errors/* inputError */.Xu)('paths-file', `names '${pathsFile}', which is not a file.`);
        pathLines = lines((0,external_node_fs_.readFileSync)(pathsFile, 'utf8'));
    }
    else {
        pathLines = lines(core/* getInput */.V4('paths') || '/*');
    }
    for (const line of pathLines) {
        if (line.length > 4000)
            throw (0,errors/* inputError */.Xu)(pathsFile ? 'paths-file' : 'paths', `has a path longer than 4,000 characters.`);
    }
    const callerReference = (0,inputs/* optionalInput */.$m)('caller-reference');
    if (callerReference !== undefined && callerReference.length > 100) {
        throw (0,errors/* inputError */.Xu)('caller-reference', 'must be at most 100 characters.');
    }
    return {
        'distribution-id': distributions,
        pathLines,
        pathsSource: pathsFile !== undefined ? 'paths-file' : 'paths',
        ...(pathsFile !== undefined ? { 'paths-file': pathsFile } : {}),
        'max-paths': (0,inputs/* numberInput */.QR)('max-paths', 1000, { min: 1, max: 100_000, integer: true }),
        wait: (0,inputs/* booleanInput */.tE)('wait', true),
        'timeout-minutes': (0,inputs/* minutesInput */.C$)('timeout-minutes', 20, 360),
        'poll-interval-seconds': (0,inputs/* secondsInput */.oA)('poll-interval-seconds', 10, 600),
        ...(callerReference !== undefined ? { 'caller-reference': callerReference } : {}),
    };
}

// EXTERNAL MODULE: ./src/lib/aws-errors.ts
var aws_errors = __webpack_require__(6676);
// EXTERNAL MODULE: ./src/lib/backoff.ts
var backoff = __webpack_require__(2567);
// EXTERNAL MODULE: ./src/lib/cancellation.ts
var cancellation = __webpack_require__(1392);
;// CONCATENATED MODULE: ./src/cloudfront-invalidate/invalidations.ts
/**
 * CloudFront calls: CreateInvalidation with retry on TooManyInvalidationsInProgress and
 * throttling (the SDK retries neither the first nor, beyond its attempts, the second), and
 * GetInvalidation for the wait.
 */





class InvalidationTimeout extends errors/* OutcomeError */.Rz {
}
const isRetryable = (error) => (0,aws_errors/* errorCode */.CA)(error) === 'TooManyInvalidationsInProgress' || (0,aws_errors/* isThrottlingError */.Qb)(error);
function describeCreateError(error, distributionId, reference) {
    const code = (0,aws_errors/* errorCode */.CA)(error);
    if (code === 'NoSuchDistribution') {
        return new errors/* ConfigurationError */.j1(`Distribution ${distributionId} does not exist (or these credentials cannot see it).`);
    }
    if (code === 'InvalidationBatchAlreadyExists') {
        return new errors/* ConfigurationError */.j1(`Caller reference '${reference}' was already used on ${distributionId} with other paths; give a new 'caller-reference'.`);
    }
    if (code === 'AccessDenied') {
        return new errors/* ConfigurationError */.j1(`Not allowed to create invalidations on ${distributionId}: ${(0,errors/* messageOf */.bD)(error)} (see docs/iam/cloudfront-invalidate.json).`);
    }
    return new Error(`CreateInvalidation on ${distributionId} failed: ${code ?? 'error'}: ${(0,errors/* messageOf */.bD)(error)}`);
}
async function createInvalidation(client, distributionId, reference, paths, options) {
    const clock = options.clock ?? Date.now;
    const sleep = options.sleep ?? cancellation/* sleep */.yy;
    for (let attempt = 1;; attempt++) {
        try {
            const out = await client.send(new dist_cjs/* CreateInvalidationCommand */.Yo6({
                DistributionId: distributionId,
                InvalidationBatch: {
                    CallerReference: reference,
                    Paths: { Quantity: paths.length, Items: [...paths] },
                },
            }), options.signal ? { abortSignal: options.signal } : {});
            const invalidation = out.Invalidation;
            if (!invalidation?.Id)
                throw new Error(`CreateInvalidation on ${distributionId} returned no invalidation.`);
            const createdAt = invalidation.CreateTime;
            return {
                distributionId,
                id: invalidation.Id,
                status: invalidation.Status ?? 'InProgress',
                paths: paths.length,
                reference,
                // A new invalidation is always InProgress; one already Completed, or made before this
                // run began, is the one CloudFront had for this reference.
                existing: invalidation.Status === 'Completed' ||
                    (createdAt !== undefined && createdAt.getTime() < options.startedAt - 1000),
                ...(createdAt ? { createdAt } : {}),
            };
        }
        catch (error) {
            if (options.signal?.aborted)
                throw error;
            if (!isRetryable(error))
                throw describeCreateError(error, distributionId, reference);
            const delay = (0,backoff/* backoffDelay */.E)(attempt, options.backoff, options.random);
            const remaining = options.deadline - clock();
            if (remaining <= delay) {
                throw new InvalidationTimeout(`Timed out creating an invalidation on ${distributionId}: CloudFront still answered ${(0,aws_errors/* errorCode */.CA)(error)} after ${attempt} attempts.`);
            }
            options.log?.(`${distributionId}: ${(0,aws_errors/* errorCode */.CA)(error)}; retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt}).`);
            await sleep(delay, options.signal);
            if (options.signal?.aborted)
                throw error;
        }
    }
}
async function invalidationStatus(client, distributionId, id, signal) {
    const out = await client.send(new dist_cjs/* GetInvalidationCommand */.Wwh({ DistributionId: distributionId, Id: id }), signal ? { abortSignal: signal } : {});
    return out.Invalidation?.Status ?? 'InProgress';
}

// EXTERNAL MODULE: ./src/cloudfront-invalidate/paths.ts
var cloudfront_invalidate_paths = __webpack_require__(5522);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/cloudfront-invalidate/reference.ts
/**
 * The CallerReference of each invalidation batch. CloudFront answers a repeated reference with
 * the same paths by returning the invalidation it already has, so a step that runs again in the
 * same workflow attempt creates nothing new. The run attempt is part of it on purpose: a
 * re-run attempt may have uploaded the files again after the first invalidation finished, and
 * then needs an invalidation of its own.
 */

function pathSetHash(paths) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update([...paths].sort().join('\n'))
        .digest('hex')
        .slice(0, 16);
}
function runIdentity(env = process.env, now = Date.now()) {
    // Outside GitHub Actions there is no run to repeat: every run gets its own reference.
    if (!env.GITHUB_RUN_ID)
        return { runId: `local-${now}` };
    return { runId: env.GITHUB_RUN_ID, attempt: env.GITHUB_RUN_ATTEMPT ?? '1' };
}
/**
 * `<given or derived>-<batch>of<count>`; derived: `run-<id>-<attempt>-<distribution>-<hash>`,
 * hashing the whole path set (all batches), so each batch's reference is stable.
 */
function callerReference(options) {
    const base = options.given ??
        [
            'run',
            options.run.runId,
            options.run.attempt ?? '1',
            options.distributionId,
            pathSetHash(options.allPaths),
        ].join('-');
    return options.batches === 1 ? base : `${base}-${options.batch}of${options.batches}`;
}

;// CONCATENATED MODULE: ./src/cloudfront-invalidate/run.ts
/**
 * cloudfront-invalidate: paths -> normalised set -> (collapsed) -> batches per distribution ->
 * CreateInvalidation with a deterministic CallerReference -> wait until Completed.
 * Status: `completed` (all Completed), `created` (wait: false), `skipped` (no path to
 * invalidate), `timed-out`, `failed`.
 */










function planPaths(lines, maxPaths) {
    const normalised = (0,cloudfront_invalidate_paths/* normalisePaths */.lv)(lines);
    const { paths, collapsed } = (0,cloudfront_invalidate_paths/* collapsePaths */.Mq)(normalised, maxPaths);
    return { paths, requested: normalised.length, collapsed, batches: (0,cloudfront_invalidate_paths/* batchPaths */.Nq)(paths) };
}
function setOutputs(created, pathCount, status) {
    core/* setOutput */.uH('invalidation-ids', created.map((c) => c.id).join('\n'));
    core/* setOutput */.uH('path-count', String(pathCount));
    core/* setOutput */.uH('status', status);
}
async function main(ctx) {
    const inputs = readInputs();
    const started = Date.now();
    const deadline = started + inputs['timeout-minutes'];
    const plan = planPaths(inputs.pathLines, inputs['max-paths']);
    const distributions = inputs['distribution-id'];
    ctx.summary.heading('CloudFront invalidation');
    if (plan.paths.length === 0) {
        const message = `Nothing to invalidate: ${inputs.pathsSource === 'paths-file' ? `paths-file ${inputs['paths-file']} lists no path` : 'no path given'}; no invalidation created.`;
        core/* info */.pq(message);
        ctx.summary.text(message);
        setOutputs([], 0, 'skipped');
        return;
    }
    core/* info */.pq(`${plan.requested} path(s) after normalising${plan.collapsed ? `, collapsed to ${plan.paths.length} (max-paths ${inputs['max-paths']})` : ''}; ${plan.batches.length} batch(es) per distribution.`);
    core/* startGroup */.Oh('Paths');
    for (const path of plan.paths)
        core/* info */.pq(path);
    core/* endGroup */.N4();
    const client = (0,aws/* createClient */.UU)(dist_cjs/* CloudFrontClient */.GHk);
    const run = runIdentity();
    const created = [];
    const phases = [];
    const log = (line) => core/* info */.pq(line);
    const backoff = {
        baseMs: Math.min(Math.max(inputs['poll-interval-seconds'], 200), 5000),
        capMs: 60_000,
    };
    let status = 'failed';
    try {
        await Promise.all(distributions.map(async (distributionId) => {
            for (const [index, batch] of plan.batches.entries()) {
                const reference = callerReference({
                    ...(inputs['caller-reference'] ? { given: inputs['caller-reference'] } : {}),
                    run,
                    distributionId,
                    allPaths: plan.paths,
                    batch: index + 1,
                    batches: plan.batches.length,
                });
                const t0 = Date.now();
                const result = await createInvalidation(client, distributionId, reference, batch, {
                    deadline,
                    signal: ctx.signal,
                    backoff,
                    log,
                    startedAt: started,
                });
                created.push(result);
                phases.push({
                    section: distributionId,
                    name: `create ${result.id}`,
                    start: t0,
                    end: Date.now(),
                    state: 'done',
                });
                core/* info */.pq(result.existing
                    ? `${distributionId}: CloudFront already has invalidation ${result.id} for reference ${reference} (${result.status}); nothing new created.`
                    : `${distributionId}: created invalidation ${result.id} (${batch.length} path(s), ${result.status}, reference ${reference}).`);
            }
        }));
        if (!inputs.wait)
            status = 'created';
        else
            status = await waitForAll(client, created, inputs, deadline, ctx.signal, phases);
    }
    catch (error) {
        status = error instanceof InvalidationTimeout ? 'timed-out' : 'failed';
        setOutputs(created, plan.paths.length, status);
        (0,summary/* annotateCause */.Q3)((0,errors/* messageOf */.bD)(error), 'CloudFront invalidation');
        writeSummary(ctx, created, plan, status, phases);
        throw error;
    }
    setOutputs(created, plan.paths.length, status);
    writeSummary(ctx, created, plan, status, phases);
    if (status === 'timed-out') {
        const pending = created
            .filter((c) => c.status !== 'Completed')
            .map((c) => `${c.distributionId}/${c.id}`);
        const message = `Timed out after ${(0,summary/* formatSeconds */.Xo)(inputs['timeout-minutes'])} waiting for ${pending.join(', ')} to complete (they continue in CloudFront).`;
        (0,summary/* annotateCause */.Q3)(message, 'CloudFront invalidation');
        throw new errors/* OutcomeError */.Rz(message);
    }
    if (ctx.signal.aborted)
        throw new errors/* OutcomeError */.Rz('Cancelled while waiting; the invalidations continue in CloudFront.');
}
const HEARTBEAT_MS = 60_000;
async function waitForAll(client, created, inputs, deadline, signal, phases) {
    const waitStart = Date.now();
    let lastState = '';
    let lastPrinted = 0;
    const result = await (0,poller/* poll */.w)(async () => {
        const pending = created.filter((c) => c.status !== 'Completed');
        await Promise.all(pending.map(async (c) => {
            c.status = await invalidationStatus(client, c.distributionId, c.id, signal);
        }));
        const left = created.filter((c) => c.status !== 'Completed');
        // One line when something completes, and a heartbeat a minute otherwise: not one per poll.
        const state = `${created.length - left.length}/${created.length} completed${left.length ? `; waiting for ${left.map((c) => `${c.distributionId}/${c.id}`).join(', ')}` : ''}.`;
        if (state !== lastState || Date.now() - lastPrinted >= HEARTBEAT_MS) {
            core/* info */.pq(`${(0,summary/* formatSeconds */.Xo)(Date.now() - waitStart)}: ${state}`);
            lastState = state;
            lastPrinted = Date.now();
        }
        return left.length === 0 ? { done: true, value: true } : { done: false };
    }, {
        intervalMs: inputs['poll-interval-seconds'],
        deadline,
        signal,
        onThrottle: (_e, delay) => core/* info */.pq(`Throttled; next poll in ${(delay / 1000).toFixed(1)}s.`),
    });
    for (const c of created) {
        phases.push({
            section: c.distributionId,
            name: `${c.id} ${c.status}`,
            start: waitStart,
            end: Date.now(),
            state: c.status === 'Completed' ? 'done' : 'active',
        });
    }
    if (result.outcome === 'done')
        return 'completed';
    if (result.outcome === 'cancelled')
        return 'failed';
    return 'timed-out';
}
function writeSummary(ctx, created, plan, status, phases) {
    ctx.summary
        .text(`**${status}**: ${plan.paths.length} path(s)${plan.collapsed ? ` (collapsed from ${plan.requested})` : ''} in ${plan.batches.length} batch(es) per distribution.`)
        .table(['distribution', 'invalidation', 'paths', 'status', 'caller reference'], created.map((c) => [
        c.distributionId,
        c.id + (c.existing ? ' (existing)' : ''),
        String(c.paths),
        c.status,
        c.reference,
    ]))
        .timeline('Invalidations', phases)
        .details('Paths', plan.paths.slice(0, 200).join('\n') +
        (plan.paths.length > 200 ? `\n... and ${plan.paths.length - 200} more` : ''));
}

;// CONCATENATED MODULE: ./src/cloudfront-invalidate/index.ts


function cloudfront_invalidate_run() {
    return (0,run/* runAction */.C)('cloudfront-invalidate', main).then(() => undefined);
}


/***/ }),

/***/ 5522:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lo: () => (/* binding */ withFolderPaths),
/* harmony export */   Mq: () => (/* binding */ collapsePaths),
/* harmony export */   Nq: () => (/* binding */ batchPaths),
/* harmony export */   O0: () => (/* binding */ encodePath),
/* harmony export */   lv: () => (/* binding */ normalisePaths)
/* harmony export */ });
/* unused harmony exports isWildcard, dropCovered, CLOUDFRONT_LIMITS */
/**
 * Invalidation paths as CloudFront expects them, as pure functions. CloudFront wants a leading
 * `/`, non-ASCII and RFC 1738 "unsafe" characters percent-encoded and nothing else encoded
 * (else the path names another cache entry), and `*` only as the last character.
 */
/** RFC 1738 unsafe characters (besides `%`, handled on its own, and controls / non-ASCII). */
const UNSAFE = new Set([' ', '"', '<', '>', '#', '{', '}', '|', '\\', '^', '~', '[', ']', '`']);
const hex = (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
function encodeChar(ch) {
    return [...Buffer.from(ch, 'utf8')].map(hex).join('');
}
/**
 * One path in CloudFront's form. Already-encoded `%XX` sequences are kept (so a path from
 * s3-sync's file is not encoded twice); a `*` anywhere but at the end is a literal character.
 */
function encodePath(raw) {
    const text = raw.startsWith('/') ? raw : `/${raw}`;
    const chars = [...text];
    let out = '';
    for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        const code = ch.codePointAt(0);
        if (ch === '%') {
            out += /^[0-9A-Fa-f]{2}$/.test(chars.slice(i + 1, i + 3).join('')) ? '%' : '%25';
        }
        else if (ch === '*') {
            out += i === chars.length - 1 ? '*' : '%2A';
        }
        else if (code < 0x21 || code > 0x7e || UNSAFE.has(ch)) {
            out += encodeChar(ch);
        }
        else
            out += ch;
    }
    return out;
}
const isWildcard = (path) => path.endsWith('*');
/** `index.html` is also served as its folder: `/docs/index.html` adds `/docs/`. */
function withFolderPaths(path) {
    const match = /^(.*\/)index\.html?$/.exec(path);
    return match ? [path, match[1]] : [path];
}
/** Drops paths a wildcard already covers (`/assets/*` covers `/assets/a.js` and `/assets/x/*`). */
function dropCovered(paths) {
    const prefixes = paths.filter(isWildcard).map((p) => p.slice(0, -1));
    return paths.filter((path) => !prefixes.some((prefix) => path !== `${prefix}*` && path.startsWith(prefix)));
}
/**
 * Lines of a `paths` input or a paths file to the set to invalidate: blank lines and `#`
 * comments skipped, encoded, `index.html` folders added, de-duplicated, covered paths dropped,
 * sorted.
 */
function normalisePaths(lines) {
    const set = new Set();
    for (const line of lines) {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        for (const path of withFolderPaths(encodePath(text)))
            set.add(path);
    }
    return dropCovered([...set]).sort();
}
/** CloudFront's in-progress limits per distribution. */
const CLOUDFRONT_LIMITS = { paths: 3000, wildcards: 15 };
function folderAt(path, depth) {
    const segments = path.split('/').slice(1); // '' before the leading '/'
    // A path with more than `depth` folders collapses to its first `depth` folders.
    if (segments.length - 1 <= depth - 1)
        return undefined;
    return `/${segments.slice(0, depth).join('/')}/*`;
}
/**
 * Above `maxPaths`, replaces paths by prefix wildcards: the deepest folder depth at which the
 * result fits in `maxPaths` paths with at most `maxWildcards` wildcards, else `/*`. At depth d,
 * the paths under the same first d folders become `/<folders>/*` (a lone path stays as it is).
 */
function collapsePaths(paths, maxPaths, maxWildcards = CLOUDFRONT_LIMITS.wildcards) {
    const fits = (set) => set.length <= maxPaths && set.filter(isWildcard).length <= maxWildcards;
    if (paths.length <= maxPaths)
        return { paths: [...paths], collapsed: false };
    const maxDepth = Math.max(0, ...paths.map((p) => p.split('/').length - 2));
    for (let depth = maxDepth; depth >= 1; depth--) {
        const groups = new Map();
        for (const path of paths) {
            const folder = folderAt(path, depth) ?? path;
            groups.set(folder, [...(groups.get(folder) ?? []), path]);
        }
        // A folder with one path keeps the path itself: the same count, one wildcard fewer.
        const result = [...groups].map(([folder, members]) => members.length === 1 ? members[0] : folder);
        const candidate = dropCovered([...new Set(result)]).sort();
        if (fits(candidate))
            return { paths: candidate, collapsed: true };
    }
    return { paths: ['/*'], collapsed: true };
}
/** Splits a path set into batches within the in-progress limits. */
function batchPaths(paths, limits = CLOUDFRONT_LIMITS) {
    const batches = [];
    let current = [];
    let wildcards = 0;
    for (const path of paths) {
        const wild = isWildcard(path) ? 1 : 0;
        if (current.length >= limits.paths || wildcards + wild > limits.wildcards) {
            batches.push(current);
            current = [];
            wildcards = 0;
        }
        current.push(path);
        wildcards += wild;
    }
    if (current.length > 0)
        batches.push(current);
    return batches;
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


/***/ })

};
