/**
 * `workflow_call` inputs and secrets of a call, checked as GitHub checks them: the parser has
 * already refused unknown names and missing required inputs; here each value is evaluated in the
 * caller's scope, typed (string, number, boolean: a value of another type is refused), and the
 * called workflow's defaults fill the rest. Required secrets must be passed (or inherited).
 */
import type { ReusableWorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/index';
import { asText, evaluateToken, type Json, type Scope } from './expressions.js';

function definitions(
  token: MappingToken | undefined,
  scope: Scope,
): Record<string, Record<string, Json>> {
  const result: Record<string, Record<string, Json>> = {};
  for (const pair of token ?? []) {
    const spec = evaluateToken(pair.value, {
      contexts: { github: scope.contexts.github ?? null, inputs: {} },
    });
    result[pair.key.toString()] = (
      spec && typeof spec === 'object' && !Array.isArray(spec) ? spec : {}
    ) as Record<string, Json>;
  }
  return result;
}

export function callInputs(job: ReusableWorkflowJob, scope: Scope): Record<string, Json> {
  const defs = definitions(job['input-definitions'], scope);
  const given: Record<string, Json> = {};
  for (const pair of job['input-values'] ?? [])
    given[pair.key.toString()] = evaluateToken(pair.value, scope);
  const inputs: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(defs)) {
    const type = asText(spec.type ?? 'string');
    const value =
      name in given
        ? given[name]!
        : (spec.default ?? (type === 'boolean' ? false : type === 'number' ? 0 : ''));
    if (spec.required === true && !(name in given))
      throw new Error(`input ${name} is required by ${job.ref.value}`);
    const actual = typeof value;
    const ok =
      type === 'string'
        ? actual === 'string' || actual === 'number' || actual === 'boolean'
        : actual === type;
    if (!ok)
      throw new Error(
        `input ${name} of ${job.ref.value}: expected a ${type}, got ${JSON.stringify(value)}`,
      );
    inputs[name] = type === 'string' ? asText(value) : value;
  }
  return inputs;
}

export function callSecrets(job: ReusableWorkflowJob, scope: Scope): Record<string, string> {
  const defs = definitions(job['secret-definitions'], scope);
  const secrets: Record<string, string> = {};
  if (job['inherit-secrets'])
    Object.assign(secrets, scope.contexts.secrets as Record<string, string>);
  for (const pair of job['secret-values'] ?? [])
    secrets[pair.key.toString()] = asText(evaluateToken(pair.value, scope));
  for (const [name, spec] of Object.entries(defs))
    if (spec.required === true && !secrets[name])
      throw new Error(`secret ${name} is required by ${job.ref.value}`);
  return secrets;
}
