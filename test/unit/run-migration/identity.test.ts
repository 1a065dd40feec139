import { describe, expect, it } from '@jest/globals';
import {
  clientTokenFor,
  runIdentity,
  startedByFor,
  STARTED_BY_MAX,
} from '../../../src/run-migration/identity.js';

const identity = {
  repository: 'cbi-health/cbi',
  runId: '8123456789',
  runAttempt: '1',
  job: 'migrate',
};
const request = {
  cluster: 'cbi-prod',
  taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/cbi-api:42',
  overrides: { containerOverrides: [{ name: 'api', command: ['alembic', 'upgrade', 'head'] }] },
};

describe('clientTokenFor', () => {
  it('is deterministic, at most 64 characters, and independent of key order', () => {
    const a = clientTokenFor(identity, request);
    const b = clientTokenFor(
      { job: 'migrate', runAttempt: '1', runId: '8123456789', repository: 'cbi-health/cbi' },
      { overrides: request.overrides, taskDefinition: request.taskDefinition, cluster: 'cbi-prod' },
    );
    expect(a).toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).toMatch(/^[a-f0-9]+$/);
  });

  it.each([
    ['run attempt', { ...identity, runAttempt: '2' }, request],
    ['run id', { ...identity, runId: '8123456790' }, request],
    ['job', { ...identity, job: 'migrate-staging' }, request],
    ['repository', { ...identity, repository: 'bmo/learning' }, request],
    [
      'command',
      identity,
      {
        ...request,
        overrides: {
          containerOverrides: [{ name: 'api', command: ['alembic', 'downgrade', '-1'] }],
        },
      },
    ],
    [
      'revision',
      identity,
      { ...request, taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/cbi-api:43' },
    ],
  ])('changes with the %s', (_what, id, req) => {
    expect(clientTokenFor(id, req)).not.toBe(clientTokenFor(identity, request));
  });
});

describe('runIdentity', () => {
  it('reads the workflow run from the runner environment', () => {
    expect(
      runIdentity({
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_RUN_ID: '7',
        GITHUB_RUN_ATTEMPT: '3',
        GITHUB_JOB: 'db',
      }),
    ).toEqual({ repository: 'o/r', runId: '7', runAttempt: '3', job: 'db' });
  });

  it('uses a fresh nonce outside a workflow run, so two manual runs differ', () => {
    expect(runIdentity({}).runId).not.toBe(runIdentity({}).runId);
  });
});

describe('startedByFor', () => {
  it('names the migration', () => {
    expect(startedByFor('cbi-api')).toBe('migrate/cbi-api');
  });

  it('replaces characters ECS does not accept', () => {
    expect(startedByFor('bmo.rails api')).toBe('migrate/bmo-rails-api');
  });

  it('fits a long name into 36 characters, keeping distinct names distinct', () => {
    const a = startedByFor('bmo-learning-rails-api-production-db-migrate');
    const b = startedByFor('bmo-learning-rails-api-production-db-seed');
    expect(a.length).toBeLessThanOrEqual(STARTED_BY_MAX);
    expect(b.length).toBeLessThanOrEqual(STARTED_BY_MAX);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_/-]+$/);
    expect(startedByFor('bmo-learning-rails-api-production-db-migrate')).toBe(a);
  });
});
