/**
 * Where a runner's credentials come from when they are not in the environment:
 *
 * - STS `AssumeRoleWithWebIdentity` (AWS Query protocol, XML answers): the web identity provider
 *   a self-hosted runner on EKS uses (`AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE`). Each
 *   session gets its own key id, `ASIA` + the role's name, so a test can tell who signed a call.
 *   A token of `expired` is refused with `ExpiredTokenException`, as STS does.
 * - A container credentials endpoint at `/container-credentials/<role>` (ECS task roles,
 *   EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with an authorization token). A
 *   request without the expected token is refused (401).
 *
 * Credentials expire an hour of wall-clock time after they are issued (the SDK compares them
 * with the real clock, not the sandbox's scaled one).
 */
import type {
  PluginContext,
  RequestIdentity,
  SandboxPlugin,
  SandboxRequest,
  SandboxResponse,
} from '../core/plugin.js';
import { tag } from '../core/xml.js';

export const CONTAINER_CREDENTIALS_PREFIX = '/container-credentials/';
/** The token the container endpoint expects in `Authorization`. */
export const CONTAINER_AUTHORIZATION_TOKEN = 'sandbox-pod-identity-token';

export interface IssuedSession {
  via: 'web-identity' | 'container';
  role: string;
  accessKeyId: string;
  /** The web identity token presented (web identity only). */
  token?: string;
}

declare module '../core/plugin.js' {
  interface SandboxState {
    identity?: { sessions: IssuedSession[] };
  }
}

function sessions(ctx: PluginContext): IssuedSession[] {
  ctx.state.identity ??= { sessions: [] };
  return ctx.state.identity.sessions;
}

const isQuery = (req: SandboxRequest) =>
  req.method === 'POST' &&
  String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
  new URLSearchParams(req.body.toString('utf8')).has('Action');

/** `ASIA` + the role's name in capitals, e.g. `ASIACBIDEPLOY` for `role/cbi-deploy`. */
export function sessionKeyId(roleArn: string): string {
  const name = roleArn.split('/').pop() ?? 'role';
  return `ASIA${name.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`.slice(0, 20);
}

const expiration = () => new Date(Date.now() + 3600_000).toISOString();

/** STS's Query error envelope; `Receiver` for a 5xx, as STS says for its own failures. */
function stsError(code: string, message: string, status = 400): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body:
      `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>` +
      `${tag('Type', status >= 500 ? 'Receiver' : 'Sender')}` +
      `${tag('Code', code)}${tag('Message', message)}</Error>` +
      `<RequestId>sandbox</RequestId></ErrorResponse>`,
  };
}

function assumeRoleWithWebIdentity(params: URLSearchParams, ctx: PluginContext): SandboxResponse {
  const role = params.get('RoleArn') ?? '';
  const token = params.get('WebIdentityToken') ?? '';
  const sessionName = params.get('RoleSessionName') ?? 'session';
  if (!/^arn:aws:iam::\d{12}:role\/.+/.test(role)) {
    return stsError('ValidationError', `RoleArn '${role}' is not a role ARN.`);
  }
  if (token === '' || token === 'expired') {
    return stsError('ExpiredTokenException', 'Token is expired.');
  }
  const accessKeyId = sessionKeyId(role);
  sessions(ctx).push({ via: 'web-identity', role, accessKeyId, token });
  const account = role.split(':')[4];
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body:
      `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
      `<AssumeRoleWithWebIdentityResult>` +
      `<Credentials>${tag('AccessKeyId', accessKeyId)}${tag('SecretAccessKey', `secret-${accessKeyId}`)}` +
      `${tag('SessionToken', `token-${accessKeyId}`)}${tag('Expiration', expiration())}</Credentials>` +
      `<AssumedRoleUser>${tag('Arn', `arn:aws:sts::${account}:assumed-role/${role.split('/').pop()}/${sessionName}`)}` +
      `${tag('AssumedRoleId', `AROASANDBOX:${sessionName}`)}</AssumedRoleUser>` +
      `${tag('SubjectFromWebIdentityToken', 'system:serviceaccount:runners:deploy')}` +
      `</AssumeRoleWithWebIdentityResult>` +
      `<ResponseMetadata><RequestId>sandbox</RequestId></ResponseMetadata>` +
      `</AssumeRoleWithWebIdentityResponse>`,
  };
}

/** The container credentials endpoint's JSON error (`{ Code, Message }`, what the SDK reads). */
function containerError(code: string, message: string, status: number): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Code: code, Message: message }),
  };
}

function containerCredentials(req: SandboxRequest, ctx: PluginContext): SandboxResponse {
  if (req.headers.authorization !== CONTAINER_AUTHORIZATION_TOKEN) {
    return {
      status: 401,
      body: JSON.stringify({ message: 'Authorization token is missing or wrong' }),
    };
  }
  const role = decodeURIComponent(req.path.slice(CONTAINER_CREDENTIALS_PREFIX.length));
  const accessKeyId = sessionKeyId(role);
  sessions(ctx).push({ via: 'container', role, accessKeyId });
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      AccessKeyId: accessKeyId,
      SecretAccessKey: `secret-${accessKeyId}`,
      Token: `token-${accessKeyId}`,
      Expiration: expiration(),
      RoleArn: `arn:aws:iam::123456789012:role/${role}`,
    }),
  };
}

export function identityPlugin(): SandboxPlugin {
  return {
    name: 'identity',
    match: (req) => isQuery(req) || req.path.startsWith(CONTAINER_CREDENTIALS_PREFIX),
    identify(req): RequestIdentity {
      if (req.path.startsWith(CONTAINER_CREDENTIALS_PREFIX)) {
        return { service: 'container-credentials', operation: 'GetCredentials', input: {} };
      }
      const params = new URLSearchParams(req.body.toString('utf8'));
      return {
        service: 'sts',
        operation: params.get('Action') ?? '',
        input: { RoleArn: params.get('RoleArn'), RoleSessionName: params.get('RoleSessionName') },
      };
    },
    faultResponse: (error, req) =>
      req.path.startsWith(CONTAINER_CREDENTIALS_PREFIX)
        ? containerError(error.code, error.message, error.status)
        : stsError(error.code, error.message, error.status),
    async handle(req, ctx) {
      if (req.path.startsWith(CONTAINER_CREDENTIALS_PREFIX)) return containerCredentials(req, ctx);
      const params = new URLSearchParams(req.body.toString('utf8'));
      const action = params.get('Action');
      if (action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(params, ctx);
      return stsError('InvalidAction', `The sandbox's STS does not answer ${action}.`);
    },
  };
}
