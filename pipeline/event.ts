/**
 * The `github` context and `inputs` of a run: push to the default branch, a pull request into it,
 * or workflow_dispatch with inputs checked against the workflow's definitions (required, choice
 * options, boolean). A workflow that does not run on the event is refused.
 */
import type { WorkflowTemplate } from '@actions/workflow-parser';
import type { Json } from './expressions.js';
import type { RepoSettings } from './types.js';

export function eventContext(
  template: WorkflowTemplate,
  event: string,
  given: Record<string, string>,
  settings: RepoSettings,
  sha = '2f4c9e1b7a3d5c8e9f0a1b2c3d4e5f6a7b8c9d0e',
  workflowFile = 'workflow.yml',
): { github: Record<string, Json>; inputs: Record<string, Json> } {
  if (!template.events || !(event in template.events))
    throw new Error(
      `the workflow does not run on ${event} (it runs on ${Object.keys(template.events ?? {}).join(', ')})`,
    );
  const inputs: Record<string, Json> = {};
  if (event === 'workflow_dispatch') {
    const definitions = template.events.workflow_dispatch?.inputs ?? {};
    for (const name of Object.keys(given))
      if (!(name in definitions))
        throw new Error(
          `--input ${name}: the workflow has no such input (${Object.keys(definitions).join(', ')})`,
        );
    for (const [name, spec] of Object.entries(definitions)) {
      const value = given[name] ?? (spec.default === undefined ? undefined : String(spec.default));
      if (value === undefined || value === '') {
        if (spec.required) throw new Error(`--input ${name} is required`);
        inputs[name] = spec.type === 'boolean' ? false : '';
        continue;
      }
      if (spec.type === 'choice' && !(spec.options ?? []).includes(value))
        throw new Error(`--input ${name}=${value}: not one of ${(spec.options ?? []).join(', ')}`);
      if (spec.type === 'boolean' && !['true', 'false'].includes(value))
        throw new Error(`--input ${name}=${value}: true or false`);
      inputs[name] = spec.type === 'boolean' ? value === 'true' : value;
    }
  } else if (Object.keys(given).length > 0)
    throw new Error('--input is for workflow_dispatch runs');
  const [owner] = settings.repository.split('/');
  const pr = event === 'pull_request';
  const ref = pr ? 'refs/pull/42/merge' : 'refs/heads/main';
  return {
    inputs,
    github: {
      event_name: event,
      ref,
      ref_name: pr ? '42/merge' : 'main',
      ref_type: 'branch',
      head_ref: pr ? 'feature' : '',
      base_ref: pr ? 'main' : '',
      sha,
      repository: settings.repository,
      repository_owner: owner!,
      run_id: String(7311892045 + (Date.now() % 100000)),
      run_number: '128',
      run_attempt: '1',
      actor: 'octocat',
      triggering_actor: 'octocat',
      workflow: workflowFile,
      server_url: 'https://github.com',
      api_url: 'https://api.github.com',
      token: '',
      event: pr
        ? { pull_request: { number: 42, base: { ref: 'main' }, head: { ref: 'feature', sha } } }
        : event === 'workflow_dispatch'
          ? { inputs }
          : { ref, after: sha },
    },
  };
}
