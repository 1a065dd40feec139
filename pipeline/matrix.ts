/** `strategy.matrix` expanded as GitHub expands it: the cross product, then exclude, then include. */
import type { Json } from './expressions.js';

type Combo = Record<string, Json>;

const matches = (combo: Combo, partial: Combo) =>
  Object.entries(partial).every(([k, v]) => JSON.stringify(combo[k]) === JSON.stringify(v));

export function expandMatrix(matrix: Json): Combo[] {
  if (matrix === null || matrix === undefined) return [{}];
  if (typeof matrix !== 'object' || Array.isArray(matrix))
    throw new Error('strategy.matrix must be a mapping');
  const { include, exclude, ...axes } = matrix as Record<string, Json>;
  let combos: Combo[] = [{}];
  for (const [key, values] of Object.entries(axes)) {
    if (!Array.isArray(values)) throw new Error(`matrix ${key} must be a list`);
    if (values.length === 0)
      throw new Error(`matrix ${key} is an empty list: the job would have no instance`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  if (Object.keys(axes).length === 0) combos = [];
  for (const partial of (exclude as Combo[] | undefined) ?? [])
    combos = combos.filter((c) => !matches(c, partial));
  const originals = Object.keys(axes);
  for (const extra of (include as Combo[] | undefined) ?? []) {
    const base = Object.fromEntries(Object.entries(extra).filter(([k]) => originals.includes(k)));
    const targets = combos.filter((c) => matches(c, base));
    if (targets.length > 0 && Object.keys(base).length === originals.length)
      targets.forEach((c) => Object.assign(c, extra));
    else if (targets.length > 0 && !Object.keys(extra).some((k) => originals.includes(k)))
      targets.forEach((c) => Object.assign(c, extra));
    else combos.push({ ...extra });
  }
  return combos.length > 0 ? combos : [{}];
}
