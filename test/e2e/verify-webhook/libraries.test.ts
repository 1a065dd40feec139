/**
 * The bundle against receivers built with the providers' own libraries (see library-receivers.ts),
 * at action.yml's defaults: each correct receiver verifies, each broken one is flagged with the
 * cause and the next step. A definite answer is final, so every delivery is sent once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { WEBHOOK_BOT_TOKEN } from '../../../sandbox/scenarios/webhook-common.js';
import {
  boltReceiver,
  grammyReceiver,
  jiraReceiver,
  octokitReceiver,
  standardReceiver,
  stripeReceiver,
  telegrafReceiver,
  type Receiver,
} from './library-receivers.js';
import {
  errors,
  runs,
  SECRET,
  STANDARD_SECRET,
  STRIPE_SECRET,
  telegramInputs,
  verify,
  expectNoSecret,
} from './helpers.js';

let sandbox: Sandbox;
let receiver: Receiver | undefined;
beforeAll(async () => {
  sandbox = await startSandbox('webhook-telegram-mismatch');
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  sandbox.calls.clear();
});

const using = async (r: Promise<Receiver>) => (receiver = await r);
/** Each delivery got one attempt: the summary's Attempts column. */
const attempts = (summary: string) =>
  [...summary.matchAll(/^\|[^|]+\|[^|]+\|[^|]+\| (\d+) \|[^|]+\|$/gm)].map((m) => Number(m[1]));
const OTHER_WHSEC = `whsec_${Buffer.from('not-the-endpoint-signing-key!').toString('base64')}`;

describe('GitHub: @octokit/webhooks node middleware', () => {
  it('its 400 for a forged delivery counts as a refusal at the defaults, in one attempt each', async () => {
    const r = await using(octokitReceiver(SECRET));
    const run = await verify(sandbox, { provider: 'github', url: r.url, secret: SECRET });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'verified', 'probe-result': 'passed' });
    expect(r.statuses).toEqual([400, 400]);
    expect(attempts(run.summary)).toEqual([1, 1]);
    expect(run.summary).toContain('| Counted as a refusal | 4xx |');
  });

  it('probe full: the signed ping is accepted and handed to the application', async () => {
    const r = await using(octokitReceiver(SECRET));
    const run = await verify(sandbox, {
      provider: 'github',
      url: r.url,
      secret: SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(r.statuses).toEqual([400, 400, 200]);
    expect(r.handled).toEqual(['ping']);
  });

  it('a wrong secret: failed at once, naming the secret and what to do', async () => {
    const r = await using(octokitReceiver(SECRET));
    const run = await verify(sandbox, {
      provider: 'github',
      url: r.url,
      secret: 'not-the-endpoint-secret-0000',
      probe: 'full',
      'timeout-seconds': '60',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'failed', 'probe-result': 'failed' });
    expect(errors(run)[0]).toBe(
      "The endpoint refused a delivery signed with 'secret' (HTTP 400): the endpoint does not hold the signing secret given in 'secret' (or it refuses the probe's harmless payload). Set 'secret' to the one the endpoint verifies with, or deploy the endpoint with this one.",
    );
    expect(r.statuses).toHaveLength(3);
    expect(run.summary).toContain('Webhook verification: failed');
  });

  it('a receiver that hands payloads on without verify() is insecure', async () => {
    const r = await using(octokitReceiver(SECRET, false));
    const run = await verify(sandbox, { provider: 'github', url: r.url, secret: SECRET });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'insecure', 'probe-result': 'insecure' });
    expect(errors(run)[0]).toMatch(
      /^The endpoint accepted a forged delivery \(no signature\) with HTTP 200: it does not authenticate deliveries.* Fix the endpoint: verify X-Hub-Signature-256/,
    );
  });
});

describe('Stripe: stripe.webhooks.constructEvent', () => {
  it("its 400s count as refusals at the defaults; the replay is refused by the library's tolerance", async () => {
    const r = await using(stripeReceiver(STRIPE_SECRET));
    const run = await verify(sandbox, {
      provider: 'stripe',
      url: r.url,
      secret: STRIPE_SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('verified');
    expect(r.statuses).toEqual([400, 400, 400, 200]);
    expect(attempts(run.summary)).toEqual([1, 1, 1, 1]);
  });

  it('a receiver that switches the tolerance off accepts a replay: its own finding', async () => {
    const r = await using(stripeReceiver(STRIPE_SECRET, 1e9));
    const run = await verify(sandbox, { provider: 'stripe', url: r.url, secret: STRIPE_SECRET });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('insecure');
    expect(errors(run)[0]).toMatch(
      /^The endpoint accepted a replayed delivery \(a replay: correctly signed, dated 10 minutes ago\) with HTTP 200: it checks the signature but not its age.*constructEvent\(\)'s timestamp tolerance/,
    );
    expect(errors(run).join('\n')).not.toMatch(/does not authenticate/);
    expect(run.summary).toContain('INSECURE: replay accepted');
  });
});

describe.each(['standardwebhooks', 'svix'] as const)('%s: Webhook.verify', (library) => {
  const provider = library === 'svix' ? 'svix' : 'standard-webhooks';
  it('a correct receiver verifies, in both modes', async () => {
    const r = await using(standardReceiver(library, STANDARD_SECRET));
    for (const probe of ['reject', 'full']) {
      const run = await verify(sandbox, { provider, url: r.url, secret: STANDARD_SECRET, probe });
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({ status: 'verified', 'probe-result': 'passed' });
    }
    expect(r.statuses).toEqual([400, 400, 400, 400, 400, 400, 204]);
  });

  it('a wrong whsec_ key: failed, naming the secret', async () => {
    const r = await using(standardReceiver(library, STANDARD_SECRET));
    const run = await verify(sandbox, { provider, url: r.url, secret: OTHER_WHSEC, probe: 'full' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(errors(run)[0]).toMatch(
      /^The endpoint refused a delivery signed with 'secret' \(HTTP 400\)/,
    );
  });

  it('a receiver that skips the timestamp check accepts replays: reported as replayable, not unauthenticated', async () => {
    const r = await using(standardReceiver(library, STANDARD_SECRET, 'lenient'));
    const run = await verify(sandbox, { provider, url: r.url, secret: STANDARD_SECRET });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'insecure', 'probe-result': 'insecure' });
    const prefix = provider === 'svix' ? 'svix' : 'webhook';
    expect(errors(run)[0]).toMatch(
      new RegExp(
        `^The endpoint accepted a replayed delivery \\(a replay: correctly signed, dated 10 minutes ago, repeating a message id\\) with HTTP 204: it checks the signature but not its age.*${prefix}-timestamp`,
      ),
    );
    expect(r.statuses).toEqual([400, 400, 204]);
  });

  it('a receiver that answers before verifying is insecure', async () => {
    const r = await using(standardReceiver(library, STANDARD_SECRET, 'answers-first'));
    const run = await verify(sandbox, { provider, url: r.url, secret: STANDARD_SECRET });
    expect(run.outputs.status).toBe('insecure');
    expect(errors(run)[0]).toMatch(/accepted a forged delivery \(no signature\) with HTTP 204/);
  });
});

describe("Jira: Atlassian's documented X-Hub-Signature", () => {
  it('a receiver written from the documentation verifies, the Jira-shaped probe accepted', async () => {
    const r = await using(jiraReceiver(SECRET));
    const run = await verify(sandbox, {
      provider: 'jira',
      url: r.url,
      secret: SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(r.statuses).toEqual([401, 401, 200]);
  });
  it('one that does not check the signature is insecure', async () => {
    const r = await using(jiraReceiver(SECRET, false));
    const run = await verify(sandbox, { provider: 'jira', url: r.url, secret: SECRET });
    expect(run.outputs.status).toBe('insecure');
    expect(errors(run)[0]).toMatch(/Fix the endpoint: verify X-Hub-Signature \(sha256=/);
  });
});

describe("Slack: Bolt's HTTPReceiver", () => {
  it('refuses forged and replayed deliveries, answers the signed url_verification', async () => {
    const r = await using(boltReceiver(SECRET));
    const run = await verify(sandbox, {
      provider: 'slack',
      url: r.url,
      secret: SECRET,
      probe: 'full',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('verified');
    expect(r.statuses).toEqual([401, 401, 401, 200]);
  });
});

describe.each([
  ['grammy', grammyReceiver],
  ['telegraf', telegrafReceiver],
] as const)('Telegram: %s webhookCallback with secretToken', (_name, make) => {
  it('register with the secret the bot holds: the poll update is accepted (no handler replies), then setWebhook', async () => {
    const r = await using(make(WEBHOOK_BOT_TOKEN, SECRET));
    const run = await verify(sandbox, { ...telegramInputs(sandbox), url: r.url, register: 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('registered');
    expect(r.statuses.at(-1)).toBe(200);
    expect(r.handled).toEqual(['poll']);
    expect(sandbox.calls.count('setWebhook')).toBe(1);
    expect(sandbox.state.telegram!.bots.get(WEBHOOK_BOT_TOKEN)!.webhook.url).toBe(r.url);
  });

  it('register with a secret the bot does not hold: failed, the secret named, nothing changed', async () => {
    const r = await using(make(WEBHOOK_BOT_TOKEN, SECRET));
    const before = { ...sandbox.state.telegram!.bots.get(WEBHOOK_BOT_TOKEN)!.webhook };
    const run = await verify(sandbox, {
      ...telegramInputs(sandbox),
      url: r.url,
      secret: 'a-secret-the-bot-does-not-hold',
      register: 'true',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'failed', 'probe-result': 'failed' });
    expect(errors(run)[0]).toMatch(
      /^The endpoint refused an update carrying the secret token from 'secret' \(HTTP 40[13]\): the endpoint does not hold the secret token given in 'secret'.* setWebhook was not called, so Telegram's registration is unchanged/,
    );
    expect(sandbox.calls.count('setWebhook')).toBe(0);
    expect(sandbox.calls.mutating()).toEqual([]);
    expect(sandbox.state.telegram!.bots.get(WEBHOOK_BOT_TOKEN)!.webhook).toEqual(before);
    expect(r.handled).toEqual([]);
    expect(run.summary).toContain('setWebhook not called');
  });
});

describe('a receiver that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('every request is bounded: the step ends as unreachable soon after timeout-seconds', async () => {
    const { port } = server.address() as { port: number };
    const run = await verify(sandbox, {
      provider: 'github',
      url: `http://127.0.0.1:${port}/hooks`,
      secret: SECRET,
      'timeout-seconds': '1.5',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'failed', 'probe-result': 'unreachable' });
    expect(errors(run)[0]).toMatch(/last answer no answer within \d+(\.\d)?s/);
  });
});

it('every run set a status and wrote its job summary with that status; every failure says what to do', () => {
  expect(runs.length).toBeGreaterThan(20);
  for (const { name, result } of runs) {
    const status = result.outputs.status;
    expect({ name, status: typeof status }).toEqual({ name, status: 'string' });
    expect({ name, heading: result.summary.includes(`Webhook verification: ${status}`) }).toEqual({
      name,
      heading: true,
    });
    if (result.exitCode !== 0)
      expect({
        name,
        nextStep: /Fix the endpoint|Set '|Check that|point 'url'/.test(errors(result)[0] ?? ''),
      }).toEqual({
        name,
        nextStep: true,
      });
  }
});

it('no run in this file printed a secret in any form, the decoded whsec_ key included', () => {
  expect(runs.some((r) => r.secrets.length > 4)).toBe(true);
  for (const { result, secrets } of runs) expectNoSecret(result, secrets);
});
