export const id = 790;
export const ids = [790];
export const modules = {

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

/***/ 9790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ verify_webhook_run)
});

// EXTERNAL MODULE: ./src/lib/run.ts
var run = __webpack_require__(4114);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
;// CONCATENATED MODULE: ./src/lib/mask.ts
/**
 * Masks a secret in every form it could take on its way to a log: raw, URL-encoded (both
 * encodeURIComponent and form encoding), base64 and base64url, and each line of a multi-line
 * value. Call before the first request that carries the secret.
 */

function derivedForms(secret) {
    const forms = new Set([
        secret,
        encodeURIComponent(secret),
        encodeURIComponent(secret).replace(/%20/g, '+'),
        encodeURI(secret),
        Buffer.from(secret, 'utf8').toString('base64'),
        Buffer.from(secret, 'utf8').toString('base64url'),
        JSON.stringify(secret).slice(1, -1),
    ]);
    for (const line of secret.split(/\r?\n/))
        if (line.trim() !== '')
            forms.add(line);
    return [...forms].filter((form) => form.length > 0);
}
function maskSecret(secret, setSecret = core/* setSecret */.Pq) {
    if (!secret)
        return;
    for (const form of derivedForms(secret))
        setSecret(form);
}
/** Replaces every derived form of the secrets in `text` with ***, for text we print ourselves. */
function mask_redact(text, secrets) {
    let out = text;
    const forms = secrets
        .flatMap((s) => (s ? derivedForms(s) : []))
        .sort((a, b) => b.length - a.length);
    for (const form of forms)
        out = out.split(form).join('***');
    return out;
}

// EXTERNAL MODULE: ./src/lib/summary.ts
var summary = __webpack_require__(1119);
;// CONCATENATED MODULE: ./src/verify-webhook/payloads.ts
/**
 * Telegram: update_id 1. A bot that drops updates older than the newest it has seen (a common
 * way to de-duplicate) ignores it, and it can never make such a bot skip real updates, whose ids
 * are far larger. Chat id 1 is not a real chat, so a reply fails harmlessly.
 */
const TELEGRAM_PROBE_UPDATE_ID = 1;
function probePayload(provider, nowSeconds, nonce) {
    const json = (value, headers = {}) => ({
        body: JSON.stringify(value),
        contentType: 'application/json',
        headers,
    });
    switch (provider) {
        case 'telegram':
            return json({
                update_id: TELEGRAM_PROBE_UPDATE_ID,
                message: {
                    message_id: 1,
                    date: nowSeconds,
                    chat: { id: 1, type: 'private', first_name: 'verify-webhook' },
                    from: { id: 1, is_bot: false, first_name: 'verify-webhook' },
                    text: 'verify-webhook probe',
                },
            });
        case 'github':
            return json({
                zen: 'Keep it logically awesome.',
                hook_id: 0,
                hook: {
                    type: 'Repository',
                    id: 0,
                    name: 'web',
                    active: true,
                    events: ['push'],
                    config: { content_type: 'json', insecure_ssl: '0' },
                },
            }, {
                'X-GitHub-Event': 'ping',
                'X-GitHub-Delivery': nonce,
                'X-GitHub-Hook-ID': '0',
            });
        case 'slack':
            return json({ token: 'verify-webhook', challenge: nonce, type: 'url_verification' });
        case 'stripe':
            return json({
                id: `evt_verify_webhook_${nonce.replace(/-/g, '')}`,
                object: 'event',
                api_version: '2024-06-20',
                created: nowSeconds,
                type: 'verify_webhook.probe',
                livemode: false,
                pending_webhooks: 1,
                request: { id: null, idempotency_key: null },
                data: { object: {} },
            });
        case 'hmac':
            return json({ event: 'ping', id: nonce, source: 'verify-webhook', timestamp: nowSeconds });
    }
}

;// CONCATENATED MODULE: ./src/verify-webhook/signing.ts
/**
 * The providers' delivery authentication schemes, as pure functions over the exact bytes sent.
 *
 * - Telegram: the `secret_token` given to setWebhook, echoed in X-Telegram-Bot-Api-Secret-Token.
 * - GitHub: X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the body.
 * - Slack: X-Slack-Signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`, with the
 *   timestamp in X-Slack-Request-Timestamp (receivers refuse ones older than five minutes).
 * - Stripe: Stripe-Signature: `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, keyed
 *   with the whole endpoint secret (`whsec_...`); receivers apply a tolerance (default 300 s).
 * - Generic HMAC: a header carrying `<prefix><digest>` of the body, hex or base64.
 */

const PROVIDERS = ['telegram', 'github', 'slack', 'stripe', 'hmac'];
const HMAC_ALGORITHMS = ['sha256', 'sha1', 'sha512'];
const DIGEST_ENCODINGS = ['hex', 'base64'];
const hmac = (algorithm, key, ...parts) => {
    const mac = (0,external_node_crypto_.createHmac)(algorithm, key);
    for (const part of parts)
        mac.update(part);
    return mac;
};
const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';
const GITHUB_SIGNATURE_HEADER = 'X-Hub-Signature-256';
const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';
function githubSignature(secret, body) {
    return `sha256=${hmac('sha256', secret, body).digest('hex')}`;
}
function slackSignature(secret, timestamp, body) {
    return `v0=${hmac('sha256', secret, `v0:${timestamp}:`, body).digest('hex')}`;
}
function stripeSignature(secret, timestamp, body) {
    return `t=${timestamp},v1=${hmac('sha256', secret, `${timestamp}.`, body).digest('hex')}`;
}
function hmacSignature(secret, scheme, body) {
    return `${scheme.prefix}${hmac(scheme.algorithm, secret, body).digest(scheme.encoding)}`;
}
/**
 * The authentication headers a provider sends with `body`, signed with `secret` at
 * `timestampSeconds` (Slack and Stripe sign the time too).
 */
function authHeaders(provider, secret, body, timestampSeconds, scheme) {
    switch (provider) {
        case 'telegram':
            return { [TELEGRAM_SECRET_HEADER]: secret };
        case 'github':
            return { [GITHUB_SIGNATURE_HEADER]: githubSignature(secret, body) };
        case 'slack':
            return {
                [SLACK_TIMESTAMP_HEADER]: String(timestampSeconds),
                [SLACK_SIGNATURE_HEADER]: slackSignature(secret, timestampSeconds, body),
            };
        case 'stripe':
            return { [STRIPE_SIGNATURE_HEADER]: stripeSignature(secret, timestampSeconds, body) };
        case 'hmac':
            if (!scheme)
                throw new Error('The hmac provider needs a header, algorithm and prefix.');
            return { [scheme.header]: hmacSignature(secret, scheme, body) };
    }
}
/** Whether a provider signs a timestamp, so a replayed (stale) delivery can be told apart. */
const signsTimestamp = (provider) => provider === 'slack' || provider === 'stripe';

;// CONCATENATED MODULE: ./src/verify-webhook/deliveries.ts
/**
 * The probe plan: which deliveries to send and what each must get back. Forged deliveries carry
 * no authentication, or a signature made with a random secret (and, for schemes that sign the
 * time, a correct signature on a timestamp ten minutes old: a replay). `full` adds a correctly
 * signed harmless delivery.
 */


const PROBE_MODES = ['none', 'reject', 'full'];
/** Seconds a replayed delivery is dated back: beyond the five-minute tolerance of Slack and Stripe. */
const REPLAY_AGE_SECONDS = 600;
function planDeliveries(input) {
    if (input.mode === 'none')
        return [];
    const { provider, nowSeconds, hmac } = input;
    const payload = probePayload(provider, nowSeconds, input.nonce);
    const base = {
        'Content-Type': payload.contentType,
        'User-Agent': 'verify-webhook (ecs-delivery-pack)',
        ...payload.headers,
    };
    const sign = (secret, at) => authHeaders(provider, secret, payload.body, at, hmac);
    const what = provider === 'telegram' ? 'secret token' : 'signature';
    const plan = [
        {
            name: 'unsigned',
            description: `no ${what}`,
            expect: 'reject',
            headers: { ...base },
            body: payload.body,
        },
        {
            name: 'wrong-secret',
            description: provider === 'telegram' ? 'a wrong secret token' : 'signed with a wrong secret',
            expect: 'reject',
            headers: { ...base, ...sign(input.wrongSecret, nowSeconds) },
            body: payload.body,
        },
    ];
    if (signsTimestamp(provider)) {
        plan.push({
            name: 'replayed',
            description: `correctly signed, dated ${REPLAY_AGE_SECONDS / 60} minutes ago`,
            expect: 'reject',
            headers: { ...base, ...sign(input.secret, nowSeconds - REPLAY_AGE_SECONDS) },
            body: payload.body,
        });
    }
    if (input.mode === 'full') {
        plan.push({
            name: 'signed',
            description: provider === 'telegram' ? 'the right secret token' : 'correctly signed',
            expect: 'accept',
            headers: { ...base, ...sign(input.secret, nowSeconds) },
            body: payload.body,
        });
    }
    return plan;
}
/** A random stand-in for `secret`: same length and alphabet class, never equal to it. */
function wrongSecretFor(secret, randomHex) {
    const length = Math.max(16, secret.length);
    let candidate = secret;
    while (candidate === secret) {
        candidate = randomHex(Math.ceil(length / 2)).slice(0, length);
        if (secret.startsWith('whsec_'))
            candidate = `whsec_${candidate}`;
    }
    return candidate;
}

// EXTERNAL MODULE: ./src/lib/inputs.ts
var lib_inputs = __webpack_require__(1662);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/verify-webhook/endpoint-url.ts
/**
 * The URL rule for webhook endpoints and the Bot API base: https, or plain http to a loopback
 * address only (a local Bot API server, a server under test). Deliveries and bot tokens never
 * travel unencrypted across a network.
 */


/** 127.0.0.0/8, ::1 (also as an IPv4-mapped address) and the name localhost. */
function isLoopbackHost(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost'))
        return true;
    if ((0,external_node_net_.isIP)(host) === 4)
        return host.split('.')[0] === '127';
    if ((0,external_node_net_.isIP)(host) === 6) {
        if (host === '::1' || /^(0{0,4}:){7}0{0,3}1$/.test(host))
            return true;
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
        if (mapped?.[1])
            return mapped[1].split('.')[0] === '127';
        const mappedHex = /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.exec(host);
        return mappedHex !== null;
    }
    return false;
}
/**
 * Parses `raw` as an absolute https URL (http allowed for loopback hosts). The error names the
 * input and never repeats a user:password part.
 */
function parseEndpointUrl(input, raw) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw (0,errors/* inputError */.Xu)(input, 'must be an absolute URL such as https://bot.example.com/webhook.');
    }
    if (url.username !== '' || url.password !== '') {
        throw (0,errors/* inputError */.Xu)(input, 'must not carry a user name or password.');
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol === 'http:') {
        if (isLoopbackHost(url.hostname))
            return url;
        throw (0,errors/* inputError */.Xu)(input, `must use https; plain http is allowed only for loopback addresses (127.0.0.0/8, ::1, localhost), got host '${url.hostname}'.`);
    }
    throw (0,errors/* inputError */.Xu)(input, `must be an https URL, got scheme '${url.protocol.replace(/:$/, '')}'.`);
}

;// CONCATENATED MODULE: ./src/verify-webhook/inputs.ts
/**
 * The inputs of verify-webhook, read and validated in one place before any request. Secrets are
 * masked the moment they are read, and no error message ever repeats them.
 */






/** Telegram's rule for secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and -. */
const TELEGRAM_SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]+$/;
const UPDATE_TYPE = /^[a-z][a-z_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Reads both secrets and masks them, before anything else can print them. */
function readSecrets() {
    const secret = (0,lib_inputs/* optionalInput */.$m)('secret');
    const token = (0,lib_inputs/* optionalInput */.$m)('telegram-bot-token');
    maskSecret(secret);
    maskSecret(token);
    return { ...(secret ? { secret } : {}), ...(token ? { token } : {}) };
}
const TELEGRAM_ONLY = [
    'telegram-bot-token',
    'allowed-updates',
    'max-connections',
    'drop-pending-updates',
];
const HMAC_ONLY = ['hmac-header', 'hmac-algorithm', 'hmac-prefix', 'hmac-encoding'];
function readInputs(secrets = readSecrets()) {
    (0,lib_inputs/* requiredInput */.YF)('provider');
    const provider = (0,lib_inputs/* choiceInput */.ij)('provider', PROVIDERS, 'telegram');
    // Kept as written: Telegram compares and stores the URL exactly as setWebhook was given it.
    const url = (0,lib_inputs/* requiredInput */.YF)('url');
    parseEndpointUrl('url', url);
    const { secret, token } = secrets;
    const probe = (0,lib_inputs/* choiceInput */.ij)('probe', PROBE_MODES, 'reject');
    const rejectStatus = readRejectStatus();
    const timeoutMs = (0,lib_inputs/* secondsInput */.oA)('timeout-seconds', 120, 3600);
    if (probe !== 'none' && secret === undefined) {
        throw (0,errors/* inputError */.Xu)('secret', `is required when 'probe' is ${probe}: without it the endpoint cannot tell forged deliveries from real ones.`);
    }
    if (provider === 'telegram' && secret !== undefined && !TELEGRAM_SECRET.test(secret)) {
        throw (0,errors/* inputError */.Xu)('secret', 'must be 1-256 characters of A-Z, a-z, 0-9, _ and - for telegram (the secret_token rule).');
    }
    const inputs = { provider, url, probe, rejectStatus, timeoutMs };
    if (secret !== undefined)
        inputs.secret = secret;
    if (provider === 'telegram') {
        inputs.telegram = readTelegram(token);
    }
    else {
        const given = TELEGRAM_ONLY.filter((name) => (0,lib_inputs/* optionalInput */.$m)(name) !== undefined);
        if ((0,lib_inputs/* booleanInput */.tE)('register', false))
            given.unshift('register');
        if (given[0])
            throw (0,errors/* inputError */.Xu)(given[0], `applies to provider telegram only, not ${provider}.`);
    }
    if (provider === 'hmac') {
        inputs.hmac = readHmac();
    }
    else {
        for (const name of HMAC_ONLY)
            if ((0,lib_inputs/* optionalInput */.$m)(name) !== undefined)
                throw (0,errors/* inputError */.Xu)(name, `applies to provider hmac only, not ${provider}.`);
    }
    return inputs;
}
function readRejectStatus() {
    const raw = (0,lib_inputs/* listInput */.dt)('reject-status');
    const items = raw.length === 0 ? ['401', '403'] : raw;
    return items.map((item) => {
        if (!/^\d{3}$/.test(item) || Number(item) < 300 || Number(item) > 599)
            throw (0,errors/* inputError */.Xu)('reject-status', `must list HTTP statuses from 300 to 599, got '${item}'.`);
        return Number(item);
    });
}
function readTelegram(token) {
    if (token === undefined)
        throw (0,errors/* inputError */.Xu)('telegram-bot-token', 'is required for provider telegram.');
    if (!BOT_TOKEN.test(token))
        throw (0,errors/* inputError */.Xu)('telegram-bot-token', "is not a bot token (expected '<bot id>:<secret>').");
    const apiUrl = parseEndpointUrl('telegram-api-url', (0,lib_inputs/* optionalInput */.$m)('telegram-api-url') ?? 'https://api.telegram.org').href;
    const telegram = {
        token,
        apiUrl,
        register: (0,lib_inputs/* booleanInput */.tE)('register', false),
        maxPendingUpdates: (0,lib_inputs/* numberInput */.QR)('max-pending-updates', 100, { min: 0, integer: true }),
        errorWindowMs: (0,lib_inputs/* secondsInput */.oA)('error-window-seconds', 300),
    };
    if ((0,lib_inputs/* optionalInput */.$m)('allowed-updates') !== undefined) {
        const updates = (0,lib_inputs/* listInput */.dt)('allowed-updates');
        for (const update of updates)
            if (!UPDATE_TYPE.test(update))
                throw (0,errors/* inputError */.Xu)('allowed-updates', `lists '${update}', which is not an update type such as message or callback_query.`);
        telegram.allowedUpdates = [...new Set(updates)];
    }
    if ((0,lib_inputs/* optionalInput */.$m)('max-connections') !== undefined)
        telegram.maxConnections = (0,lib_inputs/* numberInput */.QR)('max-connections', 40, {
            min: 1,
            max: 100,
            integer: true,
        });
    if ((0,lib_inputs/* optionalInput */.$m)('drop-pending-updates') !== undefined)
        telegram.dropPendingUpdates = (0,lib_inputs/* booleanInput */.tE)('drop-pending-updates', false);
    return telegram;
}
function readHmac() {
    const header = (0,lib_inputs/* optionalInput */.$m)('hmac-header');
    if (header === undefined)
        throw (0,errors/* inputError */.Xu)('hmac-header', 'is required for provider hmac (e.g. X-Signature).');
    if (!HEADER_NAME.test(header))
        throw (0,errors/* inputError */.Xu)('hmac-header', `must be an HTTP header name, got '${header}'.`);
    return {
        header,
        algorithm: (0,lib_inputs/* choiceInput */.ij)('hmac-algorithm', HMAC_ALGORITHMS, 'sha256'),
        prefix: (0,lib_inputs/* optionalInput */.$m)('hmac-prefix') ?? '',
        encoding: (0,lib_inputs/* choiceInput */.ij)('hmac-encoding', DIGEST_ENCODINGS, 'hex'),
    };
}

// EXTERNAL MODULE: ./src/lib/backoff.ts
var backoff = __webpack_require__(2567);
// EXTERNAL MODULE: ./src/lib/cancellation.ts
var cancellation = __webpack_require__(1392);
;// CONCATENATED MODULE: ./src/verify-webhook/http.ts
/**
 * Network failures described without the request: Node's fetch errors can carry the URL, and a
 * Bot API URL carries the token, so only the error code is ever shown.
 */
const CODES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EPIPE: 'connection reset',
    UND_ERR_SOCKET: 'connection closed',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found (DNS)',
    ETIMEDOUT: 'connection timed out',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
    UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
};
function codeOf(error) {
    let current = error;
    for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
        const code = current.code;
        if (typeof code === 'string')
            return code;
        current = current.cause;
    }
    return undefined;
}
/** A short, URL-free description of why a request got no HTTP answer. */
function describeNetworkError(error, timeoutMs) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError')
        return timeoutMs
            ? `no answer within ${Math.round(timeoutMs / 100) / 10}s`
            : 'no answer in time';
    if (name === 'AbortError')
        return 'cancelled';
    const code = codeOf(error);
    if (code && CODES[code])
        return CODES[code];
    if (code && /CERT|SSL|TLS/.test(code))
        return `TLS error (${code})`;
    return code ? `network error (${code})` : 'network error';
}

;// CONCATENATED MODULE: ./src/verify-webhook/probe-verdict.ts
function judgeAnswer(expect, answer, rejectStatus) {
    if ('unreachable' in answer)
        return 'not-ready';
    const { status } = answer;
    const ok = status >= 200 && status < 300;
    if (expect === 'reject') {
        if (rejectStatus.includes(status))
            return 'passed';
        if (ok)
            return 'insecure';
    }
    else if (ok) {
        return 'passed';
    }
    if (status >= 500 || status === 408 || status === 429)
        return 'not-ready';
    return 'wrong-status';
}
function describeAnswer(answer) {
    if (!answer)
        return 'not sent';
    return 'unreachable' in answer ? answer.unreachable : `HTTP ${answer.status}`;
}
/** One line per failed probe, written for the person reading the failed run. */
function probeProblem(record, rejectStatus) {
    const { delivery, verdict, answer, attempts } = record;
    const got = describeAnswer(answer);
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
    const expected = rejectStatus.join(' or ');
    switch (verdict) {
        case 'passed':
            return undefined;
        case 'insecure':
            return `The endpoint accepted a forged delivery (${delivery.description}) with ${got}: it does not authenticate deliveries, so anyone can send it updates.`;
        case 'not-ready':
            return `The endpoint was not ready for the delivery with ${delivery.description}: last answer ${got} after ${tries}; it never answered before 'timeout-seconds' ran out.`;
        case 'wrong-status':
            return delivery.expect === 'reject'
                ? `The delivery with ${delivery.description} got ${got} after ${tries}, expected ${expected} ('reject-status').`
                : `The correctly signed delivery got ${got} after ${tries}, expected 2xx: the endpoint's secret differs from 'secret', or it refuses the probe payload.`;
        case 'not-sent':
            return undefined;
    }
}
/** `probe-result`: passed, insecure, failed, unreachable or skipped. */
function probeResult(records) {
    if (records.length === 0)
        return 'skipped';
    if (records.some((r) => r.verdict === 'insecure'))
        return 'insecure';
    if (records.every((r) => r.verdict === 'passed'))
        return 'passed';
    const sent = records.filter((r) => r.verdict !== 'not-sent');
    if (sent.length > 0 &&
        sent.every((r) => r.verdict === 'passed' || (r.answer && 'unreachable' in r.answer)))
        return 'unreachable';
    return 'failed';
}

;// CONCATENATED MODULE: ./src/verify-webhook/probe.ts
/**
 * Sends the probe deliveries and retries them with backoff while the endpoint warms up, until the
 * deadline. A forged delivery that is accepted ends the probing at once. Response bodies are
 * read and discarded unseen: an endpoint may echo what it was sent.
 */




/** Longest a single delivery may take before it counts as unanswered. */
const REQUEST_TIMEOUT_MS = 10_000;
const fetchSend = async (url, delivery, signal) => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
        const response = await fetch(url, {
            method: 'POST',
            headers: delivery.headers,
            body: delivery.body,
            redirect: 'manual',
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        await response.body?.cancel().catch(() => undefined);
        return { status: response.status };
    }
    catch (error) {
        return { unreachable: describeNetworkError(error, REQUEST_TIMEOUT_MS) };
    }
};
async function runProbes(options) {
    const send = options.send ?? fetchSend;
    const clock = options.clock ?? Date.now;
    const sleep = options.sleep ?? cancellation/* sleep */.yy;
    const log = options.log ?? (() => undefined);
    const records = options.deliveries.map((delivery) => ({
        delivery: { name: delivery.name, description: delivery.description, expect: delivery.expect },
        verdict: 'not-sent',
        attempts: 0,
    }));
    for (let round = 1;; round++) {
        for (const [index, delivery] of options.deliveries.entries()) {
            const record = records[index];
            if (record.verdict === 'passed')
                continue;
            if (options.signal?.aborted)
                return records;
            const answer = await send(options.url, delivery, options.signal);
            record.answer = answer;
            record.attempts += 1;
            record.verdict = judgeAnswer(delivery.expect, answer, options.rejectStatus);
            log(`${delivery.expect === 'reject' ? 'Forged' : 'Signed'} delivery (${delivery.description}): ${describeAnswer(answer)} -> ${record.verdict}`);
            if (record.verdict === 'insecure')
                return records;
        }
        if (records.every((r) => r.verdict === 'passed'))
            return records;
        const remaining = options.deadline - clock();
        if (remaining <= 0 || options.signal?.aborted)
            return records;
        const delay = Math.min(remaining, (0,backoff/* backoffDelay */.E)(round, options.backoff, options.random));
        log(`Endpoint not verified yet; retrying in ${(delay / 1000).toFixed(1)}s.`);
        await sleep(delay, options.signal);
    }
}

;// CONCATENATED MODULE: ./src/verify-webhook/telegram-verdict.ts
/** Telegram's default when setWebhook is called without max_connections. */
const DEFAULT_MAX_CONNECTIONS = 40;
const sameSet = (a, b) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
/** Each way the registration differs from the expectation, as a sentence fragment. */
function differences(info, expected) {
    const out = [];
    if (info.url !== expected.url) {
        out.push(info.url === ''
            ? `no webhook is set (expected ${expected.url})`
            : `the webhook points at ${info.url}, expected ${expected.url}`);
    }
    if (expected.allowedUpdates !== undefined) {
        const actual = info.allowed_updates ?? [];
        if (!sameSet(actual, expected.allowedUpdates))
            out.push(`allowed_updates is [${actual.join(', ')}], expected [${expected.allowedUpdates.join(', ')}]`);
    }
    if (expected.maxConnections !== undefined) {
        const actual = info.max_connections ?? DEFAULT_MAX_CONNECTIONS;
        if (actual !== expected.maxConnections)
            out.push(`max_connections is ${actual}, expected ${expected.maxConnections}`);
    }
    return out;
}
/**
 * Why setWebhook must be called: every difference, and the secret whenever one is given (the
 * Bot API never returns it, so the only way to be sure it is the right one is to set it).
 * drop_pending_updates only acts on a setWebhook call, so it does not force one.
 */
function registrationReasons(info, expected) {
    const reasons = differences(info, expected);
    if (expected.secret !== undefined)
        reasons.push('a secret is given, and getWebhookInfo cannot confirm it');
    return reasons;
}
function setWebhookParams(expected) {
    return {
        url: expected.url,
        ...(expected.secret !== undefined ? { secret_token: expected.secret } : {}),
        ...(expected.allowedUpdates !== undefined
            ? { allowed_updates: [...expected.allowedUpdates] }
            : {}),
        ...(expected.maxConnections !== undefined ? { max_connections: expected.maxConnections } : {}),
        ...(expected.dropPendingUpdates !== undefined
            ? { drop_pending_updates: expected.dropPendingUpdates }
            : {}),
    };
}
function formatAge(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 120)
        return `${s}s`;
    const m = Math.round(s / 60);
    if (m < 120)
        return `${m}m`;
    const h = Math.round(m / 60);
    return h < 48 ? `${h}h` : `${Math.round(h / 24)}d`;
}
function judgeHealth(info, rules, nowMs) {
    const problems = [];
    const warnings = [];
    let lastError;
    if (info.last_error_date !== undefined && info.last_error_date > 0) {
        const at = info.last_error_date * 1000;
        const ageMs = Math.max(0, nowMs - at);
        const message = info.last_error_message ?? 'unknown error';
        let ignoredBecause;
        if (ageMs > rules.errorWindowMs)
            ignoredBecause = `older than 'error-window-seconds' (${formatAge(rules.errorWindowMs)})`;
        else if (rules.urlChangedAt !== undefined && at < rules.urlChangedAt)
            ignoredBecause = 'it happened before this run moved the webhook to the new URL';
        lastError = { message, at, ageMs, counts: ignoredBecause === undefined };
        if (ignoredBecause)
            lastError.ignoredBecause = ignoredBecause;
        if (lastError.counts)
            problems.push(`Telegram reports a delivery error ${formatAge(ageMs)} ago, within 'error-window-seconds' (${formatAge(rules.errorWindowMs)}): ${message}`);
    }
    if (info.pending_update_count > rules.maxPendingUpdates)
        problems.push(`${info.pending_update_count} updates are waiting for delivery, more than 'max-pending-updates' (${rules.maxPendingUpdates}): the endpoint is not taking them.`);
    if (info.last_synchronization_error_date !== undefined) {
        const ageMs = Math.max(0, nowMs - info.last_synchronization_error_date * 1000);
        if (ageMs <= rules.errorWindowMs)
            warnings.push(`The Bot API server reports a synchronization error with Telegram's datacenters ${formatAge(ageMs)} ago.`);
    }
    return { problems, warnings, ...(lastError ? { lastError } : {}) };
}

;// CONCATENATED MODULE: ./src/verify-webhook/report.ts


const PROBE_WORDS = {
    passed: 'passed',
    insecure: 'INSECURE: accepted',
    'not-ready': 'not ready',
    'wrong-status': 'wrong status',
    'not-sent': 'not sent',
};
function writeReport(summary, input) {
    const { telegram, redact } = input;
    const icon = input.verdict.problems.length === 0 ? '✅' : '❌';
    summary.heading(`${icon} Webhook verification: ${input.verdict.status}`);
    const rows = [
        ['Provider', input.provider],
        ['Endpoint', redact(input.url)],
    ];
    if (telegram) {
        const { info, health } = telegram;
        rows.push(['Telegram delivers to', info.url === '' ? '(no webhook set)' : redact(info.url)], [
            'Registration',
            telegram.registered
                ? `setWebhook called: ${redact(telegram.reasons.join('; '))}`
                : telegram.differences.length > 0
                    ? `differs: ${redact(telegram.differences.join('; '))}${telegram.registrationSkipped ? ` (setWebhook not called: ${telegram.registrationSkipped})` : ''}`
                    : 'matches',
        ], ['Pending updates', String(info.pending_update_count)], ['Max connections', String(info.max_connections ?? DEFAULT_MAX_CONNECTIONS)], [
            'Allowed updates',
            info.allowed_updates?.length ? info.allowed_updates.join(', ') : 'default',
        ], ['IP address', info.ip_address ?? ''], ['Custom certificate', info.has_custom_certificate ? 'yes' : 'no'], [
            'Last delivery error',
            health.lastError
                ? `${redact(health.lastError.message)} (${formatAge(health.lastError.ageMs)} ago; ${health.lastError.counts ? 'counts' : `ignored: ${health.lastError.ignoredBecause}`})`
                : 'none',
        ]);
    }
    rows.push(['Probes', input.probeMode === 'none' ? 'skipped' : input.probeMode]);
    summary.table(['Check', 'Result'], rows);
    if (input.probes.length > 0) {
        summary.heading('Probe deliveries', 3).table(['Delivery', 'Expected', 'Answer', 'Attempts', 'Result'], input.probes.map((r) => [
            r.delivery.description,
            r.delivery.expect === 'reject' ? 'rejected' : '2xx',
            describeAnswer(r.answer),
            String(r.attempts),
            PROBE_WORDS[r.verdict],
        ]));
    }
    summary.timeline('verify-webhook', input.phases);
    if (input.verdict.problems.length > 0)
        summary.heading('Problems', 3).list(input.verdict.problems.map(redact));
    const warnings = telegram?.health.warnings ?? [];
    if (warnings.length > 0)
        summary.heading('Warnings', 3).list(warnings.map(redact));
}

;// CONCATENATED MODULE: ./src/verify-webhook/telegram-api.ts
/**
 * A minimal Bot API client: getWebhookInfo and setWebhook over JSON POST. Honours a 429's
 * `parameters.retry_after`, retries 5xx and dropped connections a few times with backoff, and
 * never lets the request URL (which carries the bot token) into an error.
 */




class TelegramApiError extends Error {
    status;
    name = 'TelegramApiError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
class TelegramClient {
    token;
    options;
    base;
    fetch;
    sleep;
    constructor(apiUrl, token, options = {}) {
        this.token = token;
        this.options = options;
        this.base = apiUrl.replace(/\/+$/, '');
        this.fetch = options.fetch ?? fetch;
        this.sleep = options.sleep ?? cancellation/* sleep */.yy;
    }
    getWebhookInfo() {
        return this.call('getWebhookInfo', {});
    }
    async setWebhook(params) {
        const ok = await this.call('setWebhook', params);
        if (ok !== true)
            throw new TelegramApiError('setWebhook did not confirm the new webhook.');
    }
    async call(method, params) {
        const maxRetries = this.options.maxRetries ?? 4;
        const redact = this.options.redact ?? ((text) => text);
        for (let attempt = 0;; attempt++) {
            let retryIn;
            let why;
            let response;
            try {
                response = await this.fetch(`${this.base}/bot${this.token}/${method}`, {
                    method: 'POST',
                    headers: { 'Content-Type': 'application/json' },
                    body: JSON.stringify(params),
                    redirect: 'error',
                    signal: this.options.signal
                        ? AbortSignal.any([this.options.signal, AbortSignal.timeout(30_000)])
                        : AbortSignal.timeout(30_000),
                });
            }
            catch (error) {
                why = describeNetworkError(error, 30_000);
                if (attempt >= maxRetries || this.options.signal?.aborted)
                    throw new TelegramApiError(`Telegram ${method} failed: ${why}.`);
                retryIn = (0,backoff/* backoffDelay */.E)(attempt + 1, { baseMs: 500, capMs: 8_000 }, this.options.random);
                this.options.log?.(`Telegram ${method}: ${why}; retrying in ${(retryIn / 1000).toFixed(1)}s.`);
                await this.sleep(retryIn, this.options.signal);
                continue;
            }
            const envelope = await readEnvelope(response);
            if (envelope?.ok === true && response.ok)
                return envelope.result;
            const status = envelope?.error_code ?? response.status;
            const description = redact(envelope?.description ?? `HTTP ${response.status}`);
            if (status === 401 || status === 404) {
                throw new errors/* ConfigurationError */.j1(`Telegram refused the bot token (${status} ${description}): check 'telegram-bot-token' and 'telegram-api-url'.`);
            }
            const retryAfter = envelope?.parameters?.retry_after;
            if (status === 429) {
                retryIn = Math.max(0, (typeof retryAfter === 'number' ? retryAfter : 1) * 1000);
                if (retryIn > (this.options.maxRetryAfterMs ?? 60_000))
                    throw new TelegramApiError(`Telegram ${method} is rate limited for ${retryIn / 1000}s; try again later.`, 429);
                why = `rate limited (429), retry after ${retryIn / 1000}s`;
            }
            else if (status >= 500) {
                retryIn = (0,backoff/* backoffDelay */.E)(attempt + 1, { baseMs: 500, capMs: 8_000 }, this.options.random);
                why = `${status} ${description}`;
            }
            else {
                throw new TelegramApiError(`Telegram ${method} failed: ${status} ${description}`, status);
            }
            if (attempt >= maxRetries || this.options.signal?.aborted)
                throw new TelegramApiError(`Telegram ${method} failed: ${why}.`, status);
            this.options.log?.(`Telegram ${method}: ${why}; retrying in ${(retryIn / 1000).toFixed(1)}s.`);
            await this.sleep(retryIn, this.options.signal);
        }
    }
}
async function readEnvelope(response) {
    try {
        const parsed = JSON.parse(await response.text());
        if (parsed && typeof parsed === 'object' && 'ok' in parsed)
            return parsed;
    }
    catch {
        // not JSON: a proxy's error page; described by the status alone
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/verify-webhook/telegram-check.ts

function timer(phases, clock) {
    return async (name, work) => {
        const start = clock();
        try {
            return await work();
        }
        finally {
            phases.push({ section: 'Telegram', name, start, end: clock(), state: 'done' });
        }
    };
}
function expectedRegistration(url, secret, telegram) {
    const expected = { url };
    if (secret !== undefined)
        expected.secret = secret;
    if (telegram.allowedUpdates)
        expected.allowedUpdates = telegram.allowedUpdates;
    if (telegram.maxConnections !== undefined)
        expected.maxConnections = telegram.maxConnections;
    if (telegram.dropPendingUpdates !== undefined)
        expected.dropPendingUpdates = telegram.dropPendingUpdates;
    return expected;
}
const describeInfo = (info) => `Telegram delivers to ${info.url === '' ? '(no webhook set)' : info.url}; ${info.pending_update_count} pending updates, max_connections ${info.max_connections ?? '-'}, allowed_updates ${info.allowed_updates?.join(',') || 'default'}, ip_address ${info.ip_address ?? '-'}.`;
async function inspectTelegram(client, expected, log, clock = Date.now) {
    const phases = [];
    const info = await timer(phases, clock)('getWebhookInfo', () => client.getWebhookInfo());
    log(describeInfo(info));
    const reasons = registrationReasons(info, expected);
    if (reasons.length > 0)
        log(`Differs from the expected registration: ${reasons.join('; ')}.`);
    return { expected, info, reasons, phases };
}
/**
 * Registers when allowed and needed, then judges. `blockedBy` is why registration must not
 * happen now (the endpoint failed its probes).
 */
async function completeTelegram(client, inspection, telegram, log, blockedBy, clock = Date.now) {
    const { expected, reasons } = inspection;
    const phases = [...inspection.phases];
    const timed = timer(phases, clock);
    let info = inspection.info;
    let registered = false;
    let registrationSkipped;
    let urlChangedAt;
    if (telegram.register && reasons.length > 0) {
        if (blockedBy) {
            registrationSkipped = blockedBy;
            log(`Not calling setWebhook: ${blockedBy}.`);
        }
        else {
            log(`Calling setWebhook: ${reasons.join('; ')}.`);
            if (info.url !== expected.url)
                urlChangedAt = clock();
            await timed('setWebhook', () => client.setWebhook(setWebhookParams(expected)));
            registered = true;
            info = await timed('getWebhookInfo again', () => client.getWebhookInfo());
            log(`After setWebhook: ${describeInfo(info)}`);
        }
    }
    else if (reasons.length > 0 && differences(info, expected).length === 0) {
        log("The secret cannot be read back from Telegram; set 'register: true' to make sure it is the one given.");
    }
    const health = judgeHealth(info, {
        maxPendingUpdates: telegram.maxPendingUpdates,
        errorWindowMs: telegram.errorWindowMs,
        ...(urlChangedAt !== undefined ? { urlChangedAt } : {}),
    }, clock());
    return {
        info,
        reasons,
        registered,
        ...(registrationSkipped ? { registrationSkipped } : {}),
        differences: differences(info, expected),
        health,
        phases,
    };
}

;// CONCATENATED MODULE: ./src/verify-webhook/verdict.ts
/**
 * The step's verdict, as a pure function of the Telegram report and the probe records: the
 * one-word `status` and every problem, in the order a person should fix them.
 */

function judge(telegram, probes, rejectStatus) {
    const mismatch = telegram?.differences.length
        ? [
            `The Telegram webhook is not registered as expected: ${telegram.differences.join('; ')}.${telegram.registered
                ? ' setWebhook did not take effect.'
                : telegram.registrationSkipped
                    ? ` setWebhook was not called: ${telegram.registrationSkipped}.`
                    : " Set 'register: true' to fix it."}`,
        ]
        : [];
    const unhealthy = telegram?.health.problems ?? [];
    const problemsOf = (records) => records
        .map((record) => probeProblem(record, rejectStatus))
        .filter((p) => p !== undefined);
    const problems = [
        ...problemsOf(probes.filter((r) => r.verdict === 'insecure')),
        ...mismatch,
        ...unhealthy,
        ...problemsOf(probes.filter((r) => r.verdict !== 'insecure')),
    ];
    const result = probeResult(probes);
    let status;
    if (result === 'insecure')
        status = 'insecure';
    else if (mismatch.length > 0)
        status = 'mismatch';
    else if (unhealthy.length > 0)
        status = 'unhealthy';
    else if (problems.length > 0)
        status = 'failed';
    else
        status = telegram?.registered ? 'registered' : 'verified';
    return { status, problems };
}

;// CONCATENATED MODULE: ./src/verify-webhook/run.ts
/**
 * verify-webhook: inputs -> Telegram registration read -> probe deliveries -> setWebhook (with
 * `register`, only once the probes passed) and a second read -> outputs, summary and verdict.
 */













async function main(ctx) {
    let inputs;
    try {
        inputs = readInputs(readSecrets());
    }
    catch (error) {
        core/* setOutput */.uH('probe-result', 'skipped');
        core/* setOutput */.uH('status', 'failed');
        throw error;
    }
    const secrets = [inputs.secret, inputs.telegram?.token];
    const redact = (text) => mask_redact(text, secrets);
    const log = (line) => core/* info */.pq(redact(line));
    const phases = [];
    let telegram;
    let probes = [];
    const fail = (error) => {
        core/* setOutput */.uH('probe-result', probeResult(probes));
        core/* setOutput */.uH('status', 'failed');
        if (telegram)
            setTelegramOutputs(telegram, redact);
        throw error;
    };
    try {
        const settings = inputs.telegram;
        const client = settings &&
            new TelegramClient(settings.apiUrl, settings.token, { signal: ctx.signal, log, redact });
        const inspection = settings && client
            ? await core/* group */.Os('Telegram webhook registration', () => inspectTelegram(client, expectedRegistration(inputs.url, inputs.secret, settings), log))
            : undefined;
        probes = await probe(inputs, ctx, redact, log, phases);
        if (ctx.signal.aborted)
            throw new errors/* OutcomeError */.Rz('The run was cancelled before the webhook was verified.');
        if (settings && client && inspection) {
            const failed = probes.find((r) => r.verdict !== 'passed');
            telegram = await core/* group */.Os('Telegram webhook state', () => completeTelegram(client, inspection, settings, log, failed ? 'the endpoint failed its probe deliveries' : undefined));
            phases.push(...telegram.phases);
            phases.sort((a, b) => a.start - b.start);
        }
    }
    catch (error) {
        fail(error);
    }
    const verdict = judge(telegram, probes, inputs.rejectStatus);
    core/* setOutput */.uH('webhook-url', redact(telegram ? telegram.info.url : inputs.url));
    if (telegram)
        setTelegramOutputs(telegram, redact);
    core/* setOutput */.uH('probe-result', probeResult(probes));
    core/* setOutput */.uH('status', verdict.status);
    for (const warning of telegram?.health.warnings ?? [])
        core/* warning */.$e(redact(warning));
    writeReport(ctx.summary, {
        provider: inputs.provider,
        url: inputs.url,
        ...(telegram ? { telegram } : {}),
        probes,
        probeMode: inputs.probe,
        phases,
        verdict,
        redact,
    });
    if (verdict.problems.length === 0) {
        log(`Webhook ${verdict.status}.`);
        return;
    }
    for (const problem of verdict.problems)
        (0,summary/* annotateCause */.Q3)(redact(problem), `verify-webhook: ${verdict.status}`);
    const more = verdict.problems.length - 1;
    throw new errors/* OutcomeError */.Rz(redact(`${verdict.problems[0]}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''}; see the annotations)` : ''}`));
}
async function probe(inputs, ctx, redact, log, phases) {
    if (inputs.probe === 'none' || inputs.secret === undefined)
        return [];
    const secret = inputs.secret;
    const start = Date.now();
    const deliveries = planDeliveries({
        provider: inputs.provider,
        secret,
        mode: inputs.probe,
        nowSeconds: Math.floor(start / 1000),
        wrongSecret: wrongSecretFor(secret, (n) => (0,external_node_crypto_.randomBytes)(n).toString('hex')),
        nonce: (0,external_node_crypto_.randomUUID)(),
        ...(inputs.hmac ? { hmac: inputs.hmac } : {}),
    });
    const records = await core/* group */.Os(`Probe deliveries to ${redact(inputs.url)}`, () => runProbes({
        url: inputs.url,
        deliveries,
        rejectStatus: inputs.rejectStatus,
        deadline: start + inputs.timeoutMs,
        backoff: { baseMs: Math.min(1000, Math.max(50, inputs.timeoutMs / 20)), capMs: 15_000 },
        signal: ctx.signal,
        log,
    }));
    const failed = records.some((r) => r.verdict !== 'passed');
    phases.push({
        section: 'Endpoint',
        name: 'probes',
        start,
        end: Date.now(),
        state: failed ? 'failed' : 'done',
    });
    return records;
}
function setTelegramOutputs(report, redact) {
    core/* setOutput */.uH('webhook-url', redact(report.info.url));
    core/* setOutput */.uH('pending-update-count', String(report.info.pending_update_count));
    core/* setOutput */.uH('last-error-message', redact(report.info.last_error_message ?? ''));
}

;// CONCATENATED MODULE: ./src/verify-webhook/index.ts


function verify_webhook_run() {
    return (0,run/* runAction */.C)('verify-webhook', main).then(() => undefined);
}


/***/ })

};
