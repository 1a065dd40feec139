/**
 * The part of IAM policy evaluation a web-identity trust policy uses: Allow statements whose
 * Action covers the requested one and whose Condition block holds. Operators: StringEquals,
 * StringNotEquals, StringLike, StringNotLike (case-sensitive; in the *Like ones `*` is any run of
 * characters, `/` and `:` included, and `?` one character). A condition key with several values
 * holds when any value matches (for the Not operators: when none does); a key missing from the
 * request fails the positive operators. Every operator and every key of a block must hold.
 */

export type RequestContext = Record<string, string>;

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Principal?: { Federated?: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface Policy {
  Version: string;
  Statement: Statement[];
}

/** IAM's wildcard match: `*` any run of characters, `?` exactly one; everything else literal. */
export function stringLike(pattern: string, value: string): boolean {
  const re = pattern
    .split('')
    .map((c) =>
      c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${re}$`).test(value);
}

const OPERATORS: Record<string, { match: (p: string, v: string) => boolean; negated: boolean }> = {
  StringEquals: { match: (p, v) => p === v, negated: false },
  StringNotEquals: { match: (p, v) => p === v, negated: true },
  StringLike: { match: stringLike, negated: false },
  StringNotLike: { match: stringLike, negated: true },
};

function conditionHolds(condition: Statement['Condition'], ctx: RequestContext): boolean {
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    const op = OPERATORS[operator];
    if (!op) throw new Error(`condition operator ${operator} is not implemented`);
    for (const [key, expected] of Object.entries(keys)) {
      const value = ctx[key];
      const values = [expected].flat();
      if (value === undefined) {
        if (!op.negated) return false;
        continue;
      }
      const any = values.some((p) => op.match(p, value));
      if (op.negated ? any : !any) return false;
    }
  }
  return true;
}

/** Whether the trust policy allows `action` for a request with these condition keys. */
export function allows(
  policy: Policy,
  action: string,
  ctx: RequestContext,
  federated?: string,
): boolean {
  const applies = (s: Statement): boolean =>
    [s.Action].flat().some((a) => stringLike(a, action)) &&
    (federated === undefined || [s.Principal?.Federated ?? []].flat().includes(federated)) &&
    conditionHolds(s.Condition, ctx);
  const statements = policy.Statement.filter(applies);
  if (statements.some((s) => s.Effect === 'Deny')) return false;
  return statements.some((s) => s.Effect === 'Allow');
}
