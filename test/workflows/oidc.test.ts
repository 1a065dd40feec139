import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/workflows.js';
import { allows, stringLike, type Policy } from '../support/iam-conditions.js';

const DOCS = join(ROOT, 'docs');
const ISSUER = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const ACTION = 'sts:AssumeRoleWithWebIdentity';

/** The templates with their placeholders filled in for one sample repository. */
function template(file: string): Policy {
  const text = readFileSync(join(DOCS, file), 'utf8')
    .replace(/OWNER_ID/g, '1234567')
    .replace(/REPO_ID/g, '89012345')
    .replace(/OWNER/g, 'acme')
    .replace(/REPO/g, 'cbi');
  return JSON.parse(text) as Policy;
}

/** Both subject forms of one context (the part after `repo:<owner>/<repo>:`). */
function both(context: string, owner = 'acme', repo = 'cbi'): string[] {
  return [`repo:${owner}/${repo}:${context}`, `repo:${owner}@1234567/${repo}@89012345:${context}`];
}

function assume(policy: Policy, sub: string, aud = 'sts.amazonaws.com'): boolean {
  return allows(policy, ACTION, { [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: aud }, PROVIDER);
}

/** Subjects no template may accept. */
const FOREIGN = [
  ...both('pull_request'),
  ...both('ref:refs/heads/main', 'acme', 'cbi-fork'),
  ...both('environment:production', 'acme', 'cbi-fork'),
  ...both('ref:refs/heads/main', 'evil', 'cbi'),
  'repo:acme@7654321/cbi@89012345:ref:refs/heads/main',
  'repo:acme@1234567/cbi@11111111:environment:production',
  'repo:acme/cbi:ref:refs/heads/main-evil',
  'repo:acme/cbi:ref:refs/tags/v1.0.0',
  'repo:acme/cbi',
  '',
];

const CASES: Record<string, { accept: string[]; reject: string[] }> = {
  'oidc-trust-policy.json': {
    accept: both('ref:refs/heads/main'),
    reject: [
      ...both('ref:refs/heads/feature/x'),
      ...both('environment:production'),
      ...both('ref:refs/heads/release/1.2'),
    ],
  },
  'oidc-trust-policy-environment.json': {
    accept: both('environment:production'),
    reject: [
      ...both('environment:staging'),
      ...both('environment:production-preview'),
      ...both('environment:Production-x'),
      ...both('ref:refs/heads/main'),
    ],
  },
  'oidc-trust-policy-release-branches.json': {
    accept: [...both('ref:refs/heads/release/1.2'), ...both('ref:refs/heads/release/2026/q4')],
    reject: [
      ...both('ref:refs/heads/releases/1.2'),
      ...both('ref:refs/heads/release'),
      ...both('ref:refs/tags/release/1.2'),
      ...both('ref:refs/heads/main'),
      ...both('environment:production'),
      ...both('ref:refs/heads/release/1', 'acme', 'cbi-evil'),
    ],
  },
};

describe('IAM condition evaluation used by the trust-policy tests', () => {
  it('matches StringLike wildcards as IAM does', () => {
    expect(stringLike('repo:acme/*', 'repo:acme/other:pull_request')).toBe(true);
    expect(stringLike('repo:acme/cbi*', 'repo:acme/cbi-fork:ref:refs/heads/main')).toBe(true);
    expect(stringLike('ref:refs/heads/v?', 'ref:refs/heads/v1')).toBe(true);
    expect(stringLike('ref:refs/heads/v?', 'ref:refs/heads/v12')).toBe(false);
    expect(stringLike('a.b', 'axb')).toBe(false);
    expect(stringLike('repo:acme/cbi', 'REPO:acme/cbi')).toBe(false);
  });

  it('shows why a wildcard after the repository name is unsafe', () => {
    const loose = template('oidc-trust-policy.json');
    loose.Statement[0]!.Condition = {
      StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${ISSUER}:sub`]: 'repo:acme/cbi*' },
    };
    expect(assume(loose, 'repo:acme/cbi-fork:ref:refs/heads/main')).toBe(true);
    expect(assume(loose, 'repo:acme/cbi:pull_request')).toBe(true);
  });
});

describe('OIDC trust-policy templates (docs/oidc-trust-policy*.json)', () => {
  it('has a case for every template', () => {
    const files = readdirSync(DOCS).filter((f) => /^oidc-trust-policy.*\.json$/.test(f));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))('%s', (file, { accept, reject }) => {
    const policy = template(file);

    it.each(accept)('accepts %s', (sub) => {
      expect(assume(policy, sub)).toBe(true);
    });

    it.each([...reject, ...FOREIGN])('rejects %s', (sub) => {
      expect(assume(policy, sub)).toBe(false);
    });

    it('requires the sts.amazonaws.com audience and the GitHub provider', () => {
      expect(assume(policy, accept[0]!, 'https://github.com/acme')).toBe(false);
      expect(allows(policy, ACTION, { [`${ISSUER}:sub`]: accept[0]! }, PROVIDER)).toBe(false);
      expect(
        allows(
          policy,
          ACTION,
          { [`${ISSUER}:sub`]: accept[0]!, [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
          'arn:aws:iam::123456789012:oidc-provider/example.com',
        ),
      ).toBe(false);
      expect(
        allows(policy, 'sts:AssumeRole', {
          [`${ISSUER}:sub`]: accept[0]!,
          [`${ISSUER}:aud`]: 'sts.amazonaws.com',
        }),
      ).toBe(false);
    });
  });
});
