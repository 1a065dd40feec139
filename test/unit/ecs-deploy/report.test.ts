import { describe, expect, it } from '@jest/globals';
import {
  codeDeployJson,
  conclude,
  deploymentsJson,
  overallStatus,
  summaryRows,
} from '../../../src/ecs-deploy/report.js';
import type { DeployStatus, ServiceResult } from '../../../src/ecs-deploy/types.js';
import { NEW, OLD, OURS } from './fixtures.js';

const result = (
  service: string,
  status: DeployStatus,
  extra: Partial<ServiceResult> = {},
): ServiceResult => ({
  service,
  strategy: 'rolling',
  taskDefinitionArn: NEW,
  previousTaskDefinitionArn: OLD,
  deploymentId: OURS,
  status,
  seconds: 21.5,
  phases: [],
  causes: [],
  message: `${service}: ${status}`,
  ...extra,
});

describe('overallStatus', () => {
  it.each([
    [['succeeded', 'succeeded'], 'succeeded'],
    [['succeeded', 'started'], 'started'],
    [['succeeded', 'timed-out'], 'timed-out'],
    [['timed-out', 'failed'], 'failed'],
    [['failed', 'rolled-back', 'succeeded'], 'rolled-back'],
    [['dry-run'], 'dry-run'],
  ] as [DeployStatus[], DeployStatus][])('%j -> %s', (statuses, expected) => {
    expect(overallStatus(statuses.map((s, i) => result(`svc-${i}`, s)))).toBe(expected);
  });
});

describe('outputs and verdict', () => {
  it('keeps the contract fields in the deployments output, plus the restore', () => {
    const json = JSON.parse(
      deploymentsJson([
        result('cbi-api', 'timed-out', {
          restore: {
            taskDefinitionArn: OLD,
            deploymentId: 'ecs-svc/3',
            outcome: 'restored',
            message: '',
          },
        }),
      ]),
    );
    expect(json).toEqual([
      {
        service: 'cbi-api',
        taskDefinitionArn: NEW,
        previousTaskDefinitionArn: OLD,
        deploymentId: OURS,
        status: 'timed-out',
        seconds: 21.5,
        strategy: 'rolling',
        restoredTaskDefinitionArn: OLD,
        restore: 'restored',
      },
    ]);
  });

  it('throws one line naming every failed service, and nothing on success', () => {
    expect(() => conclude([result('cbi-api', 'succeeded')], 'succeeded')).not.toThrow();
    expect(() =>
      conclude(
        [result('cbi-api', 'succeeded'), result('cbi-worker', 'rolled-back')],
        'rolled-back',
      ),
    ).toThrow('1 of 2 services did not deploy. cbi-worker: rolled-back');
  });

  it('shows previous -> new revision, images and duration in the table', () => {
    expect(summaryRows([result('cbi-api', 'succeeded', { images: ['api=cbi:42'] })])[0]).toEqual([
      'cbi-api',
      'rolling',
      'cbi-api:41 → cbi-api:42',
      'api=cbi:42',
      '✅ succeeded',
      '22s',
      OURS,
    ]);
  });
});

describe('codedeploy-deployments', () => {
  const entry = (service: string, status: DeployStatus) => ({
    service,
    application: 'app',
    deploymentGroup: `${service}-prod`,
    deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
    deploymentId: `d-${service.toUpperCase()}`,
    status,
    lifecycleEvents: [],
    traffic: [],
  });

  it('holds the entry of every blue/green result, failed ones included, in service order', () => {
    const json = codeDeployJson([
      result('api', 'rolled-back', {
        strategy: 'blue-green',
        codedeploy: entry('api', 'rolled-back'),
      }),
      result('web', 'succeeded'),
      result('worker', 'timed-out', {
        strategy: 'blue-green',
        codedeploy: entry('worker', 'timed-out'),
      }),
    ]);
    expect(JSON.parse(json!)).toEqual([entry('api', 'rolled-back'), entry('worker', 'timed-out')]);
  });

  it('is not set when no deployment was created', () => {
    expect(codeDeployJson([result('web', 'succeeded')])).toBeUndefined();
  });
});
