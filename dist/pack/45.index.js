export const id = 45;
export const ids = [45];
export const modules = {

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

/***/ 7045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ s3_sync_run)
});

// EXTERNAL MODULE: ./src/lib/run.ts
var run = __webpack_require__(4114);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/lib/aws.ts + 1 modules
var aws = __webpack_require__(3322);
// EXTERNAL MODULE: ./src/lib/errors.ts
var errors = __webpack_require__(7268);
// EXTERNAL MODULE: ./src/lib/summary.ts
var summary = __webpack_require__(1119);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/s3-sync/cache-control.ts
/**
 * Cache-Control per file: the user's `glob=header` rules in order, then the defaults; the first
 * rule whose glob matches the file's path (relative to `source`) wins. A glob without a slash
 * matches the file name in any folder (`*.html` matches `docs/index.html`).
 */


const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';
const SHORT = 'public, max-age=300';
/**
 * A file whose name carries a content hash: `index-BkL3x9aZ.js` (Vite), `main.3f2a1b9c.js`
 * (webpack / Create React App), `chunk.8d7e.0a1b2c3d.css`. The hash is 8+ characters of
 * letters, digits, `_` or `-` with at least one digit, between separators before the extension.
 */
const FINGERPRINT = /[.-](?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_]{8,}(?:\.[A-Za-z0-9]+)+$/;
function isFingerprinted(path) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return FINGERPRINT.test(name);
}
const DEFAULT_RULES = [
    { glob: '*.{html,htm}', header: NO_CACHE, origin: 'default' },
    // Next.js puts only content-addressed files under _next/static.
    { glob: '_next/static/**', header: IMMUTABLE, origin: 'default' },
];
/** Parses `glob=header` lines, keeping their order; the header may contain `=`. */
function parseCacheRules(name, raw) {
    const rules = [];
    raw.split(/\r?\n/).forEach((line, index) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#'))
            return;
        const eq = text.indexOf('=');
        if (eq <= 0)
            throw (0,errors/* inputError */.Xu)(name, `line ${index + 1} must be glob=header, got '${text}'.`);
        const glob = text.slice(0, eq).trim();
        const header = text.slice(eq + 1).trim();
        if (header === '')
            throw (0,errors/* inputError */.Xu)(name, `line ${index + 1} gives no header for '${glob}'.`);
        if (/[\r\n]/.test(header) || /[^\x20-\x7e]/.test(header)) {
            throw (0,errors/* inputError */.Xu)(name, `line ${index + 1}: header '${header}' has characters an HTTP header cannot carry.`);
        }
        try {
            picomatch_default()(glob);
        }
        catch {
            throw (0,errors/* inputError */.Xu)(name, `line ${index + 1}: '${glob}' is not a valid glob.`);
        }
        rules.push({ glob, header, origin: 'input' });
    });
    return rules;
}
/** A function giving each path its Cache-Control: user rules, then defaults, then fingerprint/short. */
function cacheControlResolver(userRules) {
    const rules = [...userRules, ...DEFAULT_RULES].map((rule) => ({
        rule,
        test: picomatch_default()(rule.glob, { dot: true, basename: !rule.glob.includes('/') }),
    }));
    return (path) => {
        for (const { rule, test } of rules) {
            if (test(path))
                return { header: rule.header, rule: `${rule.glob} (${rule.origin})` };
        }
        if (isFingerprinted(path))
            return { header: IMMUTABLE, rule: 'fingerprinted (default)' };
        return { header: SHORT, rule: 'other (default)' };
    };
}

// EXTERNAL MODULE: ./node_modules/mime/dist/src/index.js + 3 modules
var src = __webpack_require__(5086);
;// CONCATENATED MODULE: ./src/s3-sync/content-type.ts
/** Content-Type for every file: from its extension, with `charset=utf-8` for text formats. */

const FALLBACK_TYPE = 'application/octet-stream';
const TEXT_TYPES = new Set([
    'application/javascript',
    'application/json',
    'application/manifest+json',
    'application/ld+json',
    'application/xml',
    'application/xhtml+xml',
    'application/rss+xml',
    'application/atom+xml',
    'image/svg+xml',
]);
function contentTypeFor(path) {
    const type = src/* default */.A.getType(path) ?? FALLBACK_TYPE;
    return type.startsWith('text/') || TEXT_TYPES.has(type) ? `${type}; charset=utf-8` : type;
}
/** HTML pages are the entry points a visitor loads first; they go up after everything else. */
function isEntryPoint(path) {
    return /\.html?$/i.test(path);
}

// EXTERNAL MODULE: ./src/lib/inputs.ts
var inputs = __webpack_require__(1662);
;// CONCATENATED MODULE: ./src/s3-sync/inputs.ts
/** Every input of s3-sync, read and validated before the first AWS call. */






const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
function parseBucket(raw) {
    if (!BUCKET.test(raw) || raw.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(raw)) {
        throw (0,errors/* inputError */.Xu)('bucket', `'${raw}' is not a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens; give the name, not s3:// or an ARN).`);
    }
    return raw;
}
function parsePrefix(raw) {
    const trimmed = raw.trim().replace(/^\/+/, '');
    if (trimmed === '')
        return '';
    if (trimmed.split('/').some((segment) => segment === '.' || segment === '..')) {
        throw (0,errors/* inputError */.Xu)('prefix', `'${raw}' must not contain '.' or '..' segments.`);
    }
    return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}
function readInputs() {
    const source = (0,external_node_path_.resolve)((0,inputs/* requiredInput */.YF)('source'));
    let isDir = false;
    try {
        isDir = (0,external_node_fs_.statSync)(source).isDirectory();
    }
    catch {
        throw (0,errors/* inputError */.Xu)('source', `'${core/* getInput */.V4('source')}' does not exist (build the site before this step).`);
    }
    if (!isDir)
        throw (0,errors/* inputError */.Xu)('source', `'${core/* getInput */.V4('source')}' is not a folder.`);
    return {
        source,
        bucket: parseBucket((0,inputs/* requiredInput */.YF)('bucket')),
        prefix: parsePrefix((0,inputs/* optionalInput */.$m)('prefix') ?? ''),
        'cache-control': parseCacheRules('cache-control', core/* getInput */.V4('cache-control')),
        delete: (0,inputs/* booleanInput */.tE)('delete', false),
        concurrency: (0,inputs/* numberInput */.QR)('concurrency', 16, { min: 1, max: 256, integer: true }),
        'dry-run': (0,inputs/* booleanInput */.tE)('dry-run', false),
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/s3-sync/pool.ts
/**
 * Bounded concurrency: runs `fn` over `items` with at most `limit` in flight, results in input
 * order. After the first failure (or cancellation) no new item starts; the first error is thrown.
 */
async function mapLimit(items, limit, fn, signal) {
    const results = new Array(items.length);
    let next = 0;
    let failed = false;
    const worker = async () => {
        while (!failed && next < items.length) {
            if (signal?.aborted) {
                failed = true;
                throw signal.reason instanceof Error ? signal.reason : new Error('The run was cancelled.');
            }
            const index = next++;
            try {
                results[index] = await fn(items[index], index);
            }
            catch (error) {
                failed = true;
                throw error;
            }
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    const settled = await Promise.allSettled(workers);
    const rejection = settled.find((s) => s.status === 'rejected');
    if (rejection)
        throw rejection.reason;
    return results;
}

;// CONCATENATED MODULE: ./src/s3-sync/local-files.ts
/**
 * Walks the source folder and hashes every file (SHA-256) with bounded concurrency. Small files
 * are read in one call and their content kept (up to a memory budget) so an upload does not
 * read them again; large files are streamed.
 */






// The callback API: fs/promises' readFile costs noticeably more per file on Node 20.
const readWhole = (0,external_node_util_.promisify)(external_node_fs_.readFile);
/** Files up to this size are read whole; larger ones are streamed. */
const WHOLE_FILE_LIMIT = 8 * 1024 * 1024;
/** At most this many bytes of content are kept in memory for the uploads. */
const KEEP_BUDGET = 256 * 1024 * 1024;
async function listFiles(root) {
    const entries = await (0,promises_.readdir)(root, { recursive: true, withFileTypes: true });
    const files = [];
    for (const entry of entries) {
        const absolute = (0,external_node_path_.join)(entry.parentPath, entry.name);
        if (entry.isFile())
            files.push(absolute);
        else if (entry.isSymbolicLink() && (await (0,promises_.stat)(absolute)).isFile())
            files.push(absolute);
    }
    return files.sort();
}
function sha256File(path) {
    return new Promise((resolve, reject) => {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        (0,external_node_fs_.createReadStream)(path)
            .on('data', (chunk) => hash.update(chunk))
            .on('error', reject)
            .on('end', () => resolve(hash.digest('hex')));
    });
}
async function scanSource(root, concurrency) {
    const files = await listFiles(root);
    let kept = 0;
    return mapLimit(files, concurrency, async (absolute) => {
        const path = (0,external_node_path_.relative)(root, absolute).split(external_node_path_.sep).join('/');
        const info = await (0,promises_.stat)(absolute);
        if (info.size > WHOLE_FILE_LIMIT) {
            return { path, absolute, size: info.size, sha256: await sha256File(absolute) };
        }
        const content = await readWhole(absolute);
        const sha256 = (0,external_node_crypto_.createHash)('sha256').update(content).digest('hex');
        const keep = kept + content.length <= KEEP_BUDGET;
        if (keep)
            kept += content.length;
        return { path, absolute, size: content.length, sha256, ...(keep ? { content } : {}) };
    });
}

;// CONCATENATED MODULE: ./src/s3-sync/plan.ts
/**
 * The sync plan, as pure functions: which local files need a HeadObject to compare, which are
 * new, changed or unchanged, and the order they go up in. A file is unchanged only when the
 * object's stored SHA-256, Content-Type and Cache-Control all equal the local ones, so a changed
 * rule re-publishes the headers too.
 */

const HASH_METADATA_KEY = 'sha256';
function keyFor(prefix, path) {
    return prefix + path;
}
/** Local files that exist remotely with the same size: only these need a HeadObject. */
function headCandidates(files, remote, prefix) {
    return files
        .filter((file) => remote.get(keyFor(prefix, file.path))?.size === file.size)
        .map((file) => keyFor(prefix, file.path));
}
function differenceOf(file, head) {
    if (head.sha256 === undefined)
        return 'no stored hash';
    if (head.sha256 !== file.sha256)
        return 'content';
    if ((head.contentType ?? '') !== file.contentType)
        return 'Content-Type';
    if ((head.cacheControl ?? '') !== file.cacheControl)
        return 'Cache-Control';
    return undefined;
}
function buildPlan(files, remote, heads, options) {
    const plan = { assets: [], entryPoints: [], deletions: [], kept: [], unchanged: [] };
    const localKeys = new Set();
    for (const file of files) {
        const key = keyFor(options.prefix, file.path);
        localKeys.add(key);
        const existing = remote.get(key);
        let upload;
        if (!existing)
            upload = { file, key, change: 'new' };
        else if (existing.size !== file.size)
            upload = { file, key, change: 'changed', reason: 'size' };
        else {
            const head = heads.get(key);
            const reason = head ? differenceOf(file, head) : 'not compared';
            if (reason)
                upload = { file, key, change: 'changed', reason };
        }
        if (!upload)
            plan.unchanged.push(file);
        else if (isEntryPoint(file.path))
            plan.entryPoints.push(upload);
        else
            plan.assets.push(upload);
    }
    const gone = [...remote.keys()].filter((key) => !localKeys.has(key)).sort();
    if (options.delete)
        plan.deletions = gone;
    else
        plan.kept = gone;
    // Largest first within a wave keeps the pool busy to the end.
    const bySize = (a, b) => b.file.size - a.file.size || a.key.localeCompare(b.key);
    plan.assets.sort(bySize);
    plan.entryPoints.sort(bySize);
    return plan;
}
function uploadCount(plan) {
    return plan.assets.length + plan.entryPoints.length;
}
function uploadBytes(plan) {
    return [...plan.assets, ...plan.entryPoints].reduce((sum, u) => sum + u.file.size, 0);
}
/** DeleteObjects takes at most 1,000 keys per request. */
function deleteBatches(keys, size = 1000) {
    const batches = [];
    for (let i = 0; i < keys.length; i += size)
        batches.push(keys.slice(i, i + size));
    return batches;
}

// EXTERNAL MODULE: ./src/lib/aws-errors.ts
var aws_errors = __webpack_require__(6676);
;// CONCATENATED MODULE: ./src/s3-sync/remote.ts
/** S3 calls: list the prefix, read stored hashes, upload with headers, delete in batches. */







function describeS3Error(error, bucket, what) {
    const code = (0,aws_errors/* errorCode */.CA)(error);
    if (code === 'NoSuchBucket')
        return new errors/* ConfigurationError */.j1(`Bucket '${bucket}' does not exist.`);
    if (code === 'AccessDenied' || code === 'Forbidden') {
        return new errors/* ConfigurationError */.j1(`Not allowed to ${what} in bucket '${bucket}': ${(0,errors/* messageOf */.bD)(error)} (see docs/iam/s3-sync.json).`);
    }
    return new Error(`${what} in '${bucket}' failed: ${code ?? 'error'}: ${(0,errors/* messageOf */.bD)(error)}`);
}
async function listRemote(client, bucket, prefix, signal) {
    const objects = new Map();
    let token;
    try {
        do {
            const page = await client.send(new dist_cjs/* ListObjectsV2Command */.u6x({
                Bucket: bucket,
                ...(prefix ? { Prefix: prefix } : {}),
                ...(token ? { ContinuationToken: token } : {}),
            }), signal ? { abortSignal: signal } : {});
            for (const item of page.Contents ?? []) {
                if (item.Key !== undefined)
                    objects.set(item.Key, { key: item.Key, size: item.Size ?? 0 });
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
    }
    catch (error) {
        throw describeS3Error(error, bucket, 'list objects');
    }
    return objects;
}
async function headObjects(client, bucket, keys, concurrency, signal) {
    const heads = await mapLimit(keys, concurrency, async (key) => {
        try {
            const out = await client.send(new dist_cjs/* HeadObjectCommand */.l81({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
            const head = {};
            const sha = out.Metadata?.[HASH_METADATA_KEY];
            if (sha !== undefined)
                head.sha256 = sha;
            if (out.ContentType !== undefined)
                head.contentType = out.ContentType;
            if (out.CacheControl !== undefined)
                head.cacheControl = out.CacheControl;
            return [key, head];
        }
        catch (error) {
            // Deleted between the listing and now: compare as "no stored hash", so it is uploaded.
            if ((0,aws_errors/* errorCode */.CA)(error) === 'NotFound' || (0,aws_errors/* errorCode */.CA)(error) === 'NoSuchKey')
                return [key, {}];
            throw describeS3Error(error, bucket, `read ${key}`);
        }
    }, signal);
    return new Map(heads);
}
async function uploadAll(client, bucket, uploads, concurrency, onDone, signal) {
    await mapLimit(uploads, concurrency, async (upload) => {
        const { file } = upload;
        // Large files stream; the rest were kept from hashing or are read whole.
        const body = file.content ??
            (file.size > WHOLE_FILE_LIMIT
                ? (0,external_node_fs_.createReadStream)(file.absolute)
                : await readWhole(file.absolute));
        try {
            await client.send(new dist_cjs/* PutObjectCommand */.wKZ({
                Bucket: bucket,
                Key: upload.key,
                Body: body,
                ContentLength: file.size,
                // S3 checks the bytes against the hash we store; the SDK need not compute a CRC32.
                ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
                ContentType: upload.file.contentType,
                CacheControl: upload.file.cacheControl,
                Metadata: { [HASH_METADATA_KEY]: upload.file.sha256 },
            }), signal ? { abortSignal: signal } : {});
        }
        catch (error) {
            throw describeS3Error(error, bucket, `upload ${upload.key}`);
        }
        onDone(upload);
    }, signal);
}
async function deleteKeys(client, bucket, batches, signal) {
    let deleted = 0;
    for (const batch of batches) {
        let out;
        try {
            out = await client.send(new dist_cjs/* DeleteObjectsCommand */.xvx({
                Bucket: bucket,
                Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
            }), signal ? { abortSignal: signal } : {});
        }
        catch (error) {
            throw describeS3Error(error, bucket, 'delete objects');
        }
        const errors = out.Errors ?? [];
        if (errors.length > 0) {
            const first = errors[0];
            throw new Error(`Could not delete ${errors.length} key(s) from '${bucket}', e.g. ${first.Key}: ${first.Code} ${first.Message ?? ''}`.trim());
        }
        deleted += batch.length;
    }
    return deleted;
}

// EXTERNAL MODULE: ./src/cloudfront-invalidate/paths.ts
var cloudfront_invalidate_paths = __webpack_require__(5522);
;// CONCATENATED MODULE: ./src/s3-sync/url-paths.ts
/**
 * The URL paths a publish changed, for cloudfront-invalidate's `paths-file`: every changed or
 * deleted object, and new files that a visitor could have asked for before they existed (a new
 * fingerprinted asset cannot be in any cache, so it is left out). An `index.html` adds its
 * folder path. Paths are written encoded as CloudFront expects.
 */


function changedUrlPaths(plan) {
    const keys = [];
    for (const upload of [...plan.assets, ...plan.entryPoints]) {
        if (upload.change === 'new' && isFingerprinted(upload.file.path))
            continue;
        keys.push(upload.key);
    }
    keys.push(...plan.deletions);
    const paths = new Set();
    for (const key of keys)
        for (const path of (0,cloudfront_invalidate_paths/* withFolderPaths */.Lo)((0,cloudfront_invalidate_paths/* encodePath */.O0)(key)))
            paths.add(path);
    return [...paths].sort();
}

;// CONCATENATED MODULE: ./src/s3-sync/run.ts
/**
 * s3-sync: scan and hash the source, list the prefix, HeadObject the same-size candidates,
 * plan, then upload assets, then HTML entry points, then (with `delete`) delete.
 * Status: `synced` (something changed), `unchanged` (nothing to do), `dry-run`, `failed`.
 */















function writeChangedPaths(paths, env = process.env) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 's3-sync-'));
    const file = (0,external_node_path_.join)(dir, 'changed-paths.txt');
    (0,external_node_fs_.writeFileSync)(file, paths.length ? `${paths.join('\n')}\n` : '');
    return file;
}
function setOutputs(file, plan, counters, status) {
    core/* setOutput */.uH('changed-paths-file', file);
    core/* setOutput */.uH('uploaded', String(counters.uploaded));
    core/* setOutput */.uH('deleted', String(counters.deleted));
    core/* setOutput */.uH('unchanged', String(plan?.unchanged.length ?? 0));
    core/* setOutput */.uH('bytes-uploaded', String(counters.bytes));
    core/* setOutput */.uH('status', status);
}
const describe = (u) => `${u.change === 'new' ? '+' : '~'} ${u.key}${u.reason ? ` (${u.reason})` : ''}`;
async function main(ctx) {
    const inputs = readInputs();
    const target = `s3://${inputs.bucket}/${inputs.prefix}`;
    const resolveCache = cacheControlResolver(inputs['cache-control']);
    const phases = [];
    const phase = async (name, body) => {
        const start = Date.now();
        const value = await core/* group */.Os(name, body);
        phases.push({ section: 'publish', name, start, end: Date.now(), state: 'done' });
        return value;
    };
    const client = (0,aws/* createClient */.UU)(dist_cjs/* S3Client */.YxF);
    // The listing (read-only) runs while the files are hashed; its outcome is read below.
    const listing = listRemote(client, inputs.bucket, inputs.prefix, ctx.signal).then((objects) => ({ objects }), (error) => ({ error }));
    const files = await phase('Hash local files', async () => {
        const scanned = await scanSource(inputs.source, Math.max(4, inputs.concurrency));
        core/* info */.pq(`${scanned.length} file(s) in ${inputs.source}.`);
        return scanned.map((f) => ({
            ...f,
            contentType: contentTypeFor(f.path),
            cacheControl: resolveCache(f.path).header,
        }));
    });
    const counters = { uploaded: 0, bytes: 0, deleted: 0 };
    let plan;
    let pathsFile = '';
    try {
        const remote = await phase(`List bucket ${inputs.bucket}${inputs.prefix ? ` under ${inputs.prefix}` : ''}`, async () => {
            const result = await listing;
            if ('error' in result)
                throw result.error;
            const listed = result.objects;
            core/* info */.pq(`${listed.size} object(s) under ${target}.`);
            return listed;
        });
        const candidates = headCandidates(files, remote, inputs.prefix);
        const heads = await phase('Compare stored hashes', async () => {
            core/* info */.pq(`HeadObject on ${candidates.length} object(s) of the same size (others differ by size or are new).`);
            return headObjects(client, inputs.bucket, candidates, inputs.concurrency, ctx.signal);
        });
        plan = buildPlan(files, remote, heads, { prefix: inputs.prefix, delete: inputs.delete });
        pathsFile = writeChangedPaths(changedUrlPaths(plan));
        printPlan(plan, inputs.delete);
        if (inputs['dry-run']) {
            setOutputs(pathsFile, plan, counters, 'dry-run');
            summarise(ctx, target, plan, counters, 'dry-run', phases);
            return;
        }
        const onDone = (u) => {
            counters.uploaded++;
            counters.bytes += u.file.size;
        };
        const p = plan;
        if (p.assets.length) {
            await phase(`Upload ${p.assets.length} asset(s)`, () => uploadAll(client, inputs.bucket, p.assets, inputs.concurrency, onDone, ctx.signal));
        }
        if (p.entryPoints.length) {
            await phase(`Upload ${p.entryPoints.length} HTML entry point(s)`, () => uploadAll(client, inputs.bucket, p.entryPoints, inputs.concurrency, onDone, ctx.signal));
        }
        if (p.deletions.length) {
            await phase(`Delete ${p.deletions.length} key(s)`, async () => {
                counters.deleted = await deleteKeys(client, inputs.bucket, deleteBatches(p.deletions), ctx.signal);
            });
        }
    }
    catch (error) {
        if (!pathsFile)
            pathsFile = writeChangedPaths([]);
        setOutputs(pathsFile, plan, counters, 'failed');
        (0,summary/* annotateCause */.Q3)((0,errors/* messageOf */.bD)(error), 's3-sync');
        if (plan)
            summarise(ctx, target, plan, counters, 'failed', phases);
        throw error;
    }
    const status = counters.uploaded + counters.deleted > 0 ? 'synced' : 'unchanged';
    core/* info */.pq(`${status}: ${counters.uploaded} uploaded (${counters.bytes} bytes), ${counters.deleted} deleted, ${plan.unchanged.length} unchanged.`);
    setOutputs(pathsFile, plan, counters, status);
    summarise(ctx, target, plan, counters, status, phases);
}
function printPlan(plan, deleting) {
    core/* info */.pq(`Plan: ${plan.assets.length} asset(s) then ${plan.entryPoints.length} HTML entry point(s) to upload (${uploadBytes(plan)} bytes), ${plan.deletions.length} to delete, ${plan.unchanged.length} unchanged.`);
    if (uploadCount(plan) + plan.deletions.length > 0) {
        core/* startGroup */.Oh('Changes');
        for (const u of plan.assets)
            core/* info */.pq(describe(u));
        for (const u of plan.entryPoints)
            core/* info */.pq(describe(u));
        for (const key of plan.deletions)
            core/* info */.pq(`- ${key}`);
        core/* endGroup */.N4();
    }
    if (!deleting && plan.kept.length) {
        core/* info */.pq(`${plan.kept.length} remote key(s) are gone locally and kept (set 'delete: true' to remove them).`);
    }
}
function summarise(ctx, target, plan, counters, status, phases) {
    const total = phases.length ? phases[phases.length - 1].end - phases[0].start : 0;
    ctx.summary
        .heading(`S3 sync to ${target}`)
        .text(`**${status}** in ${(0,summary/* formatSeconds */.Xo)(total)}`)
        .table(['', 'planned', 'done'], [
        ['assets uploaded', String(plan.assets.length), ''],
        ['HTML entry points uploaded', String(plan.entryPoints.length), ''],
        ['total uploaded', String(uploadCount(plan)), String(counters.uploaded)],
        ['bytes uploaded', String(uploadBytes(plan)), String(counters.bytes)],
        ['deleted', String(plan.deletions.length), String(counters.deleted)],
        ['unchanged', String(plan.unchanged.length), String(plan.unchanged.length)],
        ['gone locally, kept', String(plan.kept.length), ''],
    ])
        .timeline('Publish', phases);
}

;// CONCATENATED MODULE: ./src/s3-sync/index.ts


function s3_sync_run() {
    return (0,run/* runAction */.C)('s3-sync', main).then(() => undefined);
}


/***/ })

};
