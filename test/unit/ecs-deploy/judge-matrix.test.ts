/**
 * Every combination of our deployment's state and the other PRIMARY deployment, against the
 * outcome rules of the contract, written out as a table rather than derived from the judge.
 */
import { describe, expect, it } from '@jest/globals';
import type { Deployment } from '@aws-sdk/client-ecs';
import { judge } from '../../../src/ecs-deploy/rolling/judge.js';
import { OLD, THEIRS, deployment, service, td, tracking } from './fixtures.js';

type Ours = 'PRIMARY' | 'ACTIVE' | 'gone';
type Rollout = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'none';
type Other = 'none' | 'prior revision' | 'new revision';

const ROWS: [Ours, Rollout, Other, string][] = [
  // ours is PRIMARY: no other PRIMARY can exist
  ['PRIMARY', 'IN_PROGRESS', 'none', 'in-progress'],
  ['PRIMARY', 'COMPLETED', 'none', 'succeeded'],
  ['PRIMARY', 'FAILED', 'none', 'failed:rollout-failed'],
  ['PRIMARY', 'none', 'none', 'succeeded'], // alone, stable counts
  // ours is ACTIVE
  ['ACTIVE', 'IN_PROGRESS', 'none', 'in-progress'],
  ['ACTIVE', 'IN_PROGRESS', 'prior revision', 'rolled-back'],
  ['ACTIVE', 'IN_PROGRESS', 'new revision', 'failed:superseded'],
  ['ACTIVE', 'COMPLETED', 'prior revision', 'rolled-back'],
  ['ACTIVE', 'COMPLETED', 'new revision', 'failed:superseded'],
  ['ACTIVE', 'FAILED', 'none', 'failed:rollout-failed'],
  ['ACTIVE', 'FAILED', 'prior revision', 'failed:rollout-failed'],
  ['ACTIVE', 'FAILED', 'new revision', 'failed:rollout-failed'],
  ['ACTIVE', 'none', 'none', 'in-progress'],
  ['ACTIVE', 'none', 'prior revision', 'rolled-back'],
  ['ACTIVE', 'none', 'new revision', 'failed:superseded'],
  // ours is gone
  ['gone', 'none', 'none', 'failed:service-gone'],
  ['gone', 'none', 'prior revision', 'rolled-back'],
  ['gone', 'none', 'new revision', 'failed:superseded'],
];

function snapshot(ours: Ours, rollout: Rollout, other: Other) {
  const deployments: Deployment[] = [];
  if (other !== 'none') {
    deployments.push(
      deployment({
        id: THEIRS,
        status: 'PRIMARY',
        taskDefinition: other === 'prior revision' ? OLD : td('cbi-api', 43),
        rolloutState: 'IN_PROGRESS',
      }),
    );
  }
  if (ours !== 'gone') {
    deployments.push(
      deployment({
        status: ours,
        runningCount: 2,
        pendingCount: 0,
        rolloutState: rollout === 'none' ? undefined : rollout,
      }),
    );
  }
  return service(deployments);
}

describe('judge matrix', () => {
  it.each(ROWS)(
    'ours %s, rollout %s, other PRIMARY: %s -> %s',
    (ours, rollout, other, expected) => {
      const j = judge(snapshot(ours, rollout, other), tracking);
      expect(j.verdict === 'failed' ? `failed:${j.kind}` : j.verdict).toBe(expected);
    },
  );
});
