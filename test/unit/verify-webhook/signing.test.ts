import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  authHeaders,
  githubSignature,
  hmacSignature,
  secretVariants,
  slackSignature,
  standardKey,
  standardSignature,
  stripeSignature,
} from '../../../src/verify-webhook/signing.js';

describe('published test vectors', () => {
  it("GitHub X-Hub-Signature-256: the documented 'Hello, World!' example", () => {
    expect(githubSignature("It's a Secret to Everybody", 'Hello, World!')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it("Slack v0: the example from 'Verifying requests from Slack'", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('Stripe: t=<timestamp>,v1=HMAC-SHA256 of "<timestamp>.<body>" keyed with the whole whsec_ secret', () => {
    const secret = 'whsec_test_secret';
    const body = '{"id":"evt_test","object":"event"}';
    const header = stripeSignature(secret, 1492774577, body);
    const expected = createHmac('sha256', secret).update(`1492774577.${body}`).digest('hex');
    expect(header).toBe(`t=1492774577,v1=${expected}`);
    // the scheme is the timestamp, a dot and the payload: moving the dot changes the signature
    expect(header).not.toBe(
      `t=1492774577,v1=${createHmac('sha256', secret).update(`1492774577${body}`).digest('hex')}`,
    );
  });
});

describe('signatures over the exact bytes', () => {
  it('signs bytes, not a re-serialisation: one changed byte changes the signature', () => {
    const body = Buffer.from('{"a":1}');
    const other = Buffer.from('{"a": 1}');
    expect(githubSignature('s', body)).not.toBe(githubSignature('s', other));
    expect(githubSignature('s', body)).toBe(githubSignature('s', '{"a":1}'));
  });

  it('generic HMAC honours algorithm, prefix and encoding', () => {
    const body = 'payload';
    expect(
      hmacSignature(
        'k',
        { header: 'X-Sig', algorithm: 'sha1', prefix: 'sha1=', encoding: 'hex' },
        body,
      ),
    ).toBe(`sha1=${createHmac('sha1', 'k').update(body).digest('hex')}`);
    expect(
      hmacSignature(
        'k',
        { header: 'X-Sig', algorithm: 'sha512', prefix: '', encoding: 'base64' },
        body,
      ),
    ).toBe(createHmac('sha512', 'k').update(body).digest('base64'));
  });
});

const at = (timestampSeconds: number) => ({ timestampSeconds, id: 'msg_1' });

describe('Standard Webhooks and Svix', () => {
  it("the specification's example: whsec_ key, msg id, timestamp and payload", () => {
    expect(
      standardSignature(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
  it('the key is the base64 after whsec_ (the prefix optional); anything else is no key', () => {
    expect(standardKey('whsec_AAEC')).toEqual(Buffer.from([0, 1, 2]));
    expect(standardKey('AAEC')).toEqual(Buffer.from([0, 1, 2]));
    expect(standardKey('whsec_')).toBeUndefined();
    expect(standardKey('whsec_not base64!')).toBeUndefined();
  });
  it('headers: webhook-* or svix-*', () => {
    expect(Object.keys(authHeaders('standard-webhooks', 'whsec_AAEC', 'b', at(1)))).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    expect(authHeaders('svix', 'whsec_AAEC', 'b', at(7))).toEqual({
      'svix-id': 'msg_1',
      'svix-timestamp': '7',
      'svix-signature': standardSignature('whsec_AAEC', 'msg_1', 7, 'b'),
    });
  });
  it('secretVariants: the base64 key and the decoded key, so all are masked', () => {
    const key = Buffer.from('a decoded signing key');
    const secret = `whsec_${key.toString('base64')}`;
    expect(secretVariants('svix', secret)).toEqual([
      ...new Set([secret, key.toString('base64'), key.toString('hex'), key.toString('base64url')]),
    ]);
    expect(secretVariants('github', secret)).toEqual([secret]);
  });
});

describe('Jira', () => {
  it('X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>', () => {
    expect(authHeaders('jira', 'k', 'body', at(1))).toEqual({
      'X-Hub-Signature': `sha256=${createHmac('sha256', 'k').update('body').digest('hex')}`,
    });
  });
});

describe('authHeaders', () => {
  it('names each provider header', () => {
    expect(Object.keys(authHeaders('telegram', 'tok', 'b', at(1)))).toEqual([
      'X-Telegram-Bot-Api-Secret-Token',
    ]);
    expect(Object.keys(authHeaders('github', 's', 'b', at(1)))).toEqual(['X-Hub-Signature-256']);
    expect(authHeaders('slack', 's', 'b', at(1700000000))).toEqual({
      'X-Slack-Request-Timestamp': '1700000000',
      'X-Slack-Signature': slackSignature('s', 1700000000, 'b'),
    });
    expect(Object.keys(authHeaders('stripe', 's', 'b', at(1)))).toEqual(['Stripe-Signature']);
    expect(
      authHeaders('hmac', 's', 'b', at(1), {
        header: 'X-Hub-Signature',
        algorithm: 'sha256',
        prefix: 'sha256=',
        encoding: 'hex',
      }),
    ).toEqual({ 'X-Hub-Signature': githubSignature('s', 'b') });
  });
  it('refuses the hmac provider without a scheme', () => {
    expect(() => authHeaders('hmac', 's', 'b', at(1))).toThrow(/header/);
  });
});
