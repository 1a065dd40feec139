export const id = 561;
export const ids = [561];
export const modules = {

/***/ 9321:
/***/ ((module) => {


// @actions/http-client imports ProxyAgent at load time but only constructs it for its own
// requests through a proxy (OIDC tokens, artifact and cache uploads), which no action here makes.
class ProxyAgent {
  constructor() {
    throw new Error(
      'The ECS delivery pack does not bundle undici: @actions/http-client proxy requests are not supported.',
    );
  }
}
module.exports = { ProxyAgent };


/***/ }),

/***/ 3322:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yO: () => (/* binding */ clientConfig),
  UU: () => (/* binding */ createClient),
  cO: () => (/* binding */ setClientAction)
});

// UNUSED EXPORTS: DEFAULT_TUNING

;// CONCATENATED MODULE: ./src/lib/version.ts
const PACK_NAME = 'ecs-delivery-pack';
// Kept equal to package.json's version by a unit test.
const PACK_VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/lib/aws.ts
/**
 * Creates AWS SDK v3 clients the same way for every action. Region, endpoints and credentials
 * come only from the SDK's standard configuration (AWS_REGION, AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_<SERVICE>, the credential chain); the pack adds its user agent and a retry
 * policy suited to CI, both overridable with the standard AWS_RETRY_MODE / AWS_MAX_ATTEMPTS.
 */

const DEFAULT_TUNING = { maxAttempts: 6, retryMode: 'standard' };
/** The configuration passed to every client; exported for tests. */
function clientConfig(env = process.env, tuning = {}, action) {
    const attemptsFromEnv = Number(env.AWS_MAX_ATTEMPTS);
    const modeFromEnv = env.AWS_RETRY_MODE;
    const userAgent = [[PACK_NAME, PACK_VERSION]];
    if (action)
        userAgent.push([`${PACK_NAME}-action`, action]);
    const config = {
        customUserAgent: userAgent,
        maxAttempts: Number.isInteger(attemptsFromEnv) && attemptsFromEnv > 0
            ? attemptsFromEnv
            : (tuning.maxAttempts ?? DEFAULT_TUNING.maxAttempts),
        retryMode: modeFromEnv === 'standard' || modeFromEnv === 'adaptive'
            ? modeFromEnv
            : (tuning.retryMode ?? DEFAULT_TUNING.retryMode),
    };
    // The SDK reads AWS_REGION itself; AWS_DEFAULT_REGION is what many CI setups export instead.
    if (!env.AWS_REGION && env.AWS_DEFAULT_REGION)
        config.region = env.AWS_DEFAULT_REGION;
    return config;
}
let currentAction;
/** Set once by the run wrapper so every client names the action in its user agent. */
function setClientAction(action) {
    currentAction = action;
}
function createClient(Client, tuning = {}) {
    return new Client(clientConfig(process.env, tuning, currentAction));
}


/***/ }),

/***/ 1392:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ci: () => (/* binding */ listenForCancellation),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony export CancelledError */
function listenForCancellation(proc = process) {
    const controller = new AbortController();
    let received;
    const onSignal = (sig) => {
        if (received)
            return; // a second signal changes nothing: cleanup is already under way
        received = sig;
        controller.abort(new CancelledError(sig));
    };
    proc.on('SIGINT', onSignal);
    proc.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        reason: () => received,
        dispose: () => {
            proc.off('SIGINT', onSignal);
            proc.off('SIGTERM', onSignal);
        },
    };
}
class CancelledError extends Error {
    signalName;
    name = 'CancelledError';
    constructor(signalName) {
        super(`The run was cancelled (${signalName}).`);
        this.signalName = signalName;
    }
}
/** Sleeps `ms`, resolving early (without throwing) when `signal` aborts. */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted || ms <= 0)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ }),

/***/ 7268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rz: () => (/* binding */ OutcomeError),
/* harmony export */   Xu: () => (/* binding */ inputError),
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   j1: () => (/* binding */ ConfigurationError)
/* harmony export */ });
/**
 * A mistake the user can fix in their workflow: a missing or malformed input, a container that
 * does not exist in the task definition, a service that cannot be found. The run wrapper prints
 * its message as one clear line, without a stack trace.
 */
class ConfigurationError extends Error {
    name = 'ConfigurationError';
}
/** Builds the one-line message for a bad input, always naming the input. */
function inputError(input, problem) {
    return new ConfigurationError(`Input '${input}' ${problem}`);
}
/** Message of any thrown value, without assuming it is an Error. */
function messageOf(error) {
    if (error instanceof Error)
        return error.message;
    return String(error);
}
/**
 * The action did its job and the outcome is a failure (a deployment rolled back, a migration
 * exited 1). Printed as its message alone: the verdict, not a bug.
 */
class OutcomeError extends Error {
    name = 'OutcomeError';
}


/***/ }),

/***/ 1662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ optionalInput),
/* harmony export */   Bb: () => (/* binding */ keyValueInput),
/* harmony export */   C$: () => (/* binding */ minutesInput),
/* harmony export */   Cj: () => (/* binding */ containerImagesInput),
/* harmony export */   Hx: () => (/* binding */ assertExclusive),
/* harmony export */   QR: () => (/* binding */ numberInput),
/* harmony export */   YF: () => (/* binding */ requiredInput),
/* harmony export */   _T: () => (/* binding */ commandInput),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   ij: () => (/* binding */ choiceInput),
/* harmony export */   kx: () => (/* binding */ requiredListInput),
/* harmony export */   oA: () => (/* binding */ secondsInput),
/* harmony export */   tE: () => (/* binding */ booleanInput)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7268);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9605);
/**
 * Reads action inputs from the runner (INPUT_* variables) and parses them with `parse.ts`.
 * Every function throws a ConfigurationError naming the input, so an action can read and
 * validate all of its inputs before its first AWS call.
 */



function raw(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name, { trimWhitespace: false });
}
function requiredInput(name) {
    const value = raw(name).trim();
    if (value === '')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(name, 'is required but was not given.');
    return value;
}
function optionalInput(name) {
    const value = raw(name).trim();
    return value === '' ? undefined : value;
}
const booleanInput = (name, fallback) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBoolean */ .yG)(name, raw(name), fallback);
const numberInput = (name, fallback, rule) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseNumber */ .$J)(name, raw(name), fallback, rule);
const listInput = (name) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(raw(name));
function requiredListInput(name) {
    const items = (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseList */ .E1)(raw(name));
    if (items.length === 0)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(name, 'is required but was not given.');
    return items;
}
const keyValueInput = (name) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseKeyValueLines */ .FF)(name, raw(name));
const containerImagesInput = (name) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseContainerImages */ .Zq)(name, raw(name));
const commandInput = (name) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommand */ .RM)(name, raw(name));
const choiceInput = (name, choices, fallback) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseChoice */ .HU)(name, raw(name), choices, fallback);
/** `*-seconds` input in milliseconds. */
const secondsInput = (name, fallbackSeconds, max) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDurationMs */ .yi)(name, raw(name), fallbackSeconds, 'seconds', max);
/** `*-minutes` input in milliseconds. */
const minutesInput = (name, fallbackMinutes, max) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDurationMs */ .yi)(name, raw(name), fallbackMinutes, 'minutes', max);
/** Fails when two inputs that exclude each other are both given. */
function assertExclusive(first, second) {
    if (optionalInput(first) !== undefined && optionalInput(second) !== undefined) {
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(first, `cannot be combined with '${second}'; give one of them.`);
    }
}


/***/ }),

/***/ 9605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  G1: () => (/* binding */ ENV_NAME),
  yG: () => (/* binding */ parseBoolean),
  HU: () => (/* binding */ parseChoice),
  RM: () => (/* binding */ parseCommand),
  Zq: () => (/* binding */ parseContainerImages),
  yi: () => (/* binding */ parseDurationMs),
  FF: () => (/* binding */ parseKeyValueLines),
  E1: () => (/* binding */ parseList),
  $J: () => (/* binding */ parseNumber),
  Vt: () => (/* binding */ parseUniqueList)
});

// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
;// CONCATENATED MODULE: ./src/lib/shell-words.ts
/**
 * Splits a command line the way a POSIX shell splits words, without running a shell:
 * single quotes are literal, double quotes allow \" \\ \$ \` escapes, a backslash outside
 * quotes escapes the next character. No expansion of variables, globs or substitutions.
 * Returns an error (for the caller to attach to an input name) when the quoting is unbalanced.
 */
function splitShellWords(line) {
    const words = [];
    let word = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quote === "'") {
            if (ch === "'")
                quote = undefined;
            else
                word += ch;
            continue;
        }
        if (quote === '"') {
            if (ch === '"')
                quote = undefined;
            else if (ch === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
                const next = line[++i];
                if (next !== '\n')
                    word += next;
            }
            else
                word += ch;
            continue;
        }
        if (ch === "'" || ch === '"') {
            quote = ch;
            inWord = true;
        }
        else if (ch === '\\') {
            if (i + 1 >= line.length)
                return { error: 'ends with a lone backslash' };
            const next = line[++i];
            if (next !== '\n') {
                word += next;
                inWord = true;
            }
        }
        else if (/\s/.test(ch)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            word += ch;
            inWord = true;
        }
    }
    if (quote)
        return { error: `has an unclosed ${quote === "'" ? 'single' : 'double'} quote` };
    if (inWord)
        words.push(word);
    return { words };
}

;// CONCATENATED MODULE: ./src/lib/parse.ts
/**
 * Pure parsers for action inputs. Each takes the input's name (for the error) and its raw text,
 * and throws a ConfigurationError that names the input. `inputs.ts` feeds them from the runner.
 */


const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'off', '0']);
function parseBoolean(name, raw, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (TRUE.has(value))
        return true;
    if (FALSE.has(value))
        return false;
    throw (0,errors/* inputError */.Xu)(name, `must be true or false, got '${value}'.`);
}
function parseNumber(name, raw, fallback, rule = {}) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
        throw (0,errors/* inputError */.Xu)(name, `must be a number, got '${value}'.`);
    }
    const n = Number(value);
    if (rule.integer && !Number.isInteger(n))
        throw (0,errors/* inputError */.Xu)(name, `must be a whole number, got '${value}'.`);
    if (rule.min !== undefined && n < rule.min)
        throw (0,errors/* inputError */.Xu)(name, `must be at least ${rule.min}, got ${value}.`);
    if (rule.max !== undefined && n > rule.max)
        throw (0,errors/* inputError */.Xu)(name, `must be at most ${rule.max}, got ${value}.`);
    return n;
}
/** Newline- or comma-separated values, trimmed, empty entries and `#` comment lines dropped. */
function parseList(raw) {
    return raw
        .split(/\r?\n/)
        .filter((line) => !line.trim().startsWith('#'))
        .flatMap((line) => line.split(','))
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
/** Like parseList, but a value may appear once only. */
function parseUniqueList(name, raw) {
    const items = parseList(raw);
    const seen = new Set();
    for (const item of items) {
        if (seen.has(item))
            throw (0,errors/* inputError */.Xu)(name, `lists '${item}' twice.`);
        seen.add(item);
    }
    return items;
}
/**
 * `KEY=VALUE` pairs, one per line (the value may contain `=` and commas). Blank lines and
 * `#` comments are skipped; a duplicate key is an error because it is almost always a mistake.
 */
function parseKeyValueLines(name, raw, options = {}) {
    const what = options.what ?? 'KEY=VALUE';
    const result = new Map();
    raw.split(/\r?\n/).forEach((line, index) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            return;
        const eq = text.indexOf('=');
        if (eq <= 0)
            throw (0,errors/* inputError */.Xu)(name, `line ${index + 1} must be ${what}, got '${text}'.`);
        const key = text.slice(0, eq).trim();
        const value = text.slice(eq + 1).trim();
        if (options.keyPattern && !options.keyPattern.test(key)) {
            throw (0,errors/* inputError */.Xu)(name, `line ${index + 1}: '${key}' is not a valid name.`);
        }
        if (result.has(key))
            throw (0,errors/* inputError */.Xu)(name, `sets '${key}' twice.`);
        result.set(key, value);
    });
    return result;
}
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONTAINER_NAME = /^[A-Za-z0-9_-]{1,255}$/;
// registry/repo[:tag][@sha256:digest]; deliberately permissive about the registry part.
const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/i;
/** `container=image` lines (or comma-separated pairs), each container named once. */
function parseContainerImages(name, raw) {
    const lines = raw.includes('\n') ? raw : raw.split(',').join('\n');
    const pairs = parseKeyValueLines(name, lines, { what: 'container=image' });
    for (const [container, image] of pairs) {
        if (!CONTAINER_NAME.test(container)) {
            throw (0,errors/* inputError */.Xu)(name, `names container '${container}', which is not a valid container name.`);
        }
        if (image === '')
            throw (0,errors/* inputError */.Xu)(name, `gives no image for container '${container}'.`);
        if (/\s/.test(image) || !IMAGE_REF.test(image)) {
            throw (0,errors/* inputError */.Xu)(name, `gives '${image}' for container '${container}', which is not an image reference.`);
        }
    }
    return pairs;
}
/** A command as a JSON array of strings, or a shell-like string (quotes honoured, no shell). */
function parseCommand(name, raw) {
    const text = raw.trim();
    if (text === '')
        return undefined;
    if (text.startsWith('[')) {
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw (0,errors/* inputError */.Xu)(name, 'starts with [ but is not a valid JSON array.');
        }
        if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string')) {
            throw (0,errors/* inputError */.Xu)(name, 'must be a JSON array of strings.');
        }
        if (parsed.length === 0)
            throw (0,errors/* inputError */.Xu)(name, 'is an empty array.');
        return parsed;
    }
    const split = splitShellWords(text);
    if ('error' in split)
        throw (0,errors/* inputError */.Xu)(name, `${split.error}.`);
    return split.words;
}
function parseChoice(name, raw, choices, fallback) {
    const value = raw.trim();
    if (value === '')
        return fallback;
    if (choices.includes(value))
        return value;
    throw (0,errors/* inputError */.Xu)(name, `must be one of ${choices.join(', ')}, got '${value}'.`);
}
/** Seconds or minutes (decimals allowed, greater than zero) converted to milliseconds. */
function parseDurationMs(name, raw, fallback, unit, max) {
    const n = parseNumber(name, raw, fallback, max === undefined ? {} : { max });
    if (!(n > 0))
        throw (0,errors/* inputError */.Xu)(name, `must be greater than 0, got ${raw.trim()}.`);
    return Math.round(n * (unit === 'minutes' ? 60_000 : 1000));
}


/***/ }),

/***/ 4114:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ runAction)
/* harmony export */ });
/* unused harmony export reportFailure */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _aws_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3322);
/* harmony import */ var _cancellation_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1392);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7268);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1119);
/**
 * The wrapper every action's `run()` goes through: reads cancellation signals, gives the body a
 * job summary to fill, and turns errors into one clear failure line. A ConfigurationError is the
 * user's to fix and an OutcomeError is a verdict: both print without a stack; anything else prints its message and, in debug
 * logging, its stack. The summary is written even when the body fails. The process then exits,
 * so a dangling HTTP keep-alive or retry timer cannot keep the step alive.
 */





async function runAction(name, body, options = {}) {
    const cancellation = options.cancellation ?? (0,_cancellation_js__WEBPACK_IMPORTED_MODULE_2__/* .listenForCancellation */ .ci)();
    const summary = new _summary_js__WEBPACK_IMPORTED_MODULE_3__/* .JobSummary */ .c3();
    (0,_aws_js__WEBPACK_IMPORTED_MODULE_1__/* .setClientAction */ .cO)(name);
    let code = 0;
    try {
        await body({ signal: cancellation.signal, cancellation, summary });
    }
    catch (error) {
        code = 1;
        reportFailure(error);
    }
    finally {
        await summary.write();
        cancellation.dispose();
    }
    if (code === 0 && process.exitCode !== undefined && process.exitCode !== 0)
        code = Number(process.exitCode);
    (options.exit ?? exitSoon)(code);
    return code;
}
function reportFailure(error) {
    const message = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .messageOf */ .bD)(error);
    if ((0,_summary_js__WEBPACK_IMPORTED_MODULE_3__/* .wasAnnotated */ .UQ)(message)) {
        // The cause is already on the run page as an annotation: fail without repeating it.
        process.exitCode = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .ExitCode */ .yU.Failure;
    }
    else {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(message);
    }
    const expected = error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1 || error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .OutcomeError */ .Rz;
    if (!expected && error instanceof Error && error.stack)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(error.stack);
}
function exitSoon(code) {
    // Let stdout drain before exiting: the runner reads the log from the pipe.
    process.stdout.write('', () => process.exit(code));
}


/***/ }),

/***/ 1119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q3: () => (/* binding */ annotateCause),
/* harmony export */   UQ: () => (/* binding */ wasAnnotated),
/* harmony export */   Xo: () => (/* binding */ formatSeconds),
/* harmony export */   c3: () => (/* binding */ JobSummary)
/* harmony export */ });
/* unused harmony exports markdownTable, mermaidTimeline */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/**
 * The job summary: built up during a run as markdown sections and written once at the end
 * (also when the run fails). Failure causes go to `core.error` annotations as well, so they
 * show on the run's page and not only in the log.
 */

const escapeCell = (value) => value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
function markdownTable(headers, rows) {
    const head = `| ${headers.map(escapeCell).join(' | ')} |`;
    const rule = `| ${headers.map(() => '---').join(' | ')} |`;
    const body = rows.map((row) => `| ${headers.map((_, i) => escapeCell(row[i] ?? '')).join(' | ')} |`);
    return [head, rule, ...body].join('\n');
}
const mermaidText = (value) => value.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();
/** A mermaid gantt chart of phases, one section per lane, times as epoch milliseconds. */
function mermaidTimeline(title, phases) {
    if (phases.length === 0)
        return '';
    const lines = [
        '```mermaid',
        'gantt',
        `  title ${mermaidText(title)}`,
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
    ];
    const sections = [...new Set(phases.map((p) => p.section))];
    for (const section of sections) {
        lines.push(`  section ${mermaidText(section)}`);
        for (const phase of phases.filter((p) => p.section === section)) {
            const tag = phase.state === 'failed'
                ? 'crit, '
                : phase.state === 'active'
                    ? 'active, '
                    : phase.state === 'done'
                        ? 'done, '
                        : '';
            const end = Math.max(phase.end, phase.start + 1);
            lines.push(`  ${mermaidText(phase.name)} :${tag}${Math.round(phase.start)}, ${Math.round(end)}`);
        }
    }
    lines.push('```');
    return lines.join('\n');
}
function formatSeconds(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60)
        return `${s}s`;
    const m = Math.floor(s / 60);
    return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
}
class JobSummary {
    parts = [];
    heading(text, level = 2) {
        this.parts.push(`${'#'.repeat(level)} ${text}`);
        return this;
    }
    text(markdown) {
        if (markdown.trim() !== '')
            this.parts.push(markdown);
        return this;
    }
    table(headers, rows) {
        this.parts.push(markdownTable(headers, rows));
        return this;
    }
    timeline(title, phases) {
        return this.text(mermaidTimeline(title, phases));
    }
    list(items) {
        if (items.length > 0)
            this.parts.push(items.map((item) => `- ${item}`).join('\n'));
        return this;
    }
    details(label, body) {
        this.parts.push(`<details><summary>${label}</summary>\n\n${body}\n\n</details>`);
        return this;
    }
    codeBlock(body, language = '') {
        const fence = body.includes('```') ? '````' : '```';
        this.parts.push(`${fence}${language}\n${body}\n${fence}`);
        return this;
    }
    isEmpty() {
        return this.parts.length === 0;
    }
    toMarkdown() {
        return this.parts.join('\n\n') + '\n';
    }
    /** Appends to $GITHUB_STEP_SUMMARY; a failure to write only warns. */
    async write() {
        if (this.isEmpty() || !process.env.GITHUB_STEP_SUMMARY)
            return;
        try {
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(this.toMarkdown()).write();
        }
        catch (error) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}
const annotated = new Set();
/** A failure cause as an error annotation (shown on the run page), with a title. */
function annotateCause(message, title) {
    annotated.add(message);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, title ? { title } : {});
}
/** Whether `message` was already shown as an annotation (so the final failure need not repeat it). */
function wasAnnotated(message) {
    return annotated.has(message);
}


/***/ })

};
