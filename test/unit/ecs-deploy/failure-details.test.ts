import { describe, expect, it } from '@jest/globals';
import type { Task } from '@aws-sdk/client-ecs';
import { buildCauses } from '../../../src/ecs-deploy/causes.js';
import { consoleCause, tailCauses } from '../../../src/ecs-deploy/container-tails.js';
import type { ServicePlan } from '../../../src/ecs-deploy/render.js';
import { updateFailedMessage } from '../../../src/ecs-deploy/start.js';

const ID_A = '0123456789abcdef0123456789abcdef';
const ID_B = 'fedcba9876543210fedcba9876543210';
const TASK = (id: string, seconds: number): Task => ({
  taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/cbi-production/${id}`,
  stoppedAt: new Date(Date.UTC(2026, 11, 1, 10, 0, seconds)),
  stopCode: 'EssentialContainerExited',
  stoppedReason: 'Essential container in task exited',
  containers: [{ name: 'api', exitCode: 1 }],
});

describe('failure details', () => {
  it('tells tasks that stopped for the same reason once, with how many', () => {
    const causes = buildCauses({
      service: 'cbi-api',
      verdict: 'failed',
      stoppedTasks: [TASK(ID_A, 1), TASK(ID_B, 2)],
      events: [],
    });
    const stopped = causes.filter((c) => c.title === 'cbi-api: task stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.message).toMatch(/api: exit code 1 \(2 tasks\)$/);
  });

  it("puts a container's lines in a details cause, and says why when there are none", () => {
    const causes = tailCauses('cbi-api', [
      { taskArn: TASK(ID_A, 1).taskArn!, container: 'api', exitCode: 1, lines: ['boom'] },
      { taskArn: TASK(ID_B, 2).taskArn!, container: 'api', lines: [], note: 'no awslogs.' },
    ]);
    expect(causes).toEqual([
      {
        title: `cbi-api: last lines of api in task ${ID_A} (exit 1)`,
        message: 'boom',
        details: true,
      },
      {
        title: `cbi-api: last lines of api in task ${ID_B}`,
        message: '(no lines: no awslogs.)',
        details: true,
      },
    ]);
  });

  it('links the deployments tab and each task in the region of the service', () => {
    const cause = consoleCause(
      'cbi-api',
      'arn:aws:ecs:eu-west-1:123456789012:service/cbi-production/cbi-api',
      'cbi-production',
      [TASK(ID_A, 1)],
    );
    expect(cause?.message).toBe(
      `In the ECS console: [deployments of cbi-api](https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/cbi-production/services/cbi-api/deployments?region=eu-west-1), [task ${ID_A}](https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/cbi-production/tasks/${ID_A}/configuration?region=eu-west-1).`,
    );
    expect(consoleCause('cbi-api', undefined, 'cbi-production', [])).toBeUndefined();
  });
});

describe('updateFailedMessage', () => {
  const plan = {
    name: 'cbi-api',
    previousTaskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api:41',
    target: { arn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/cbi-api:42' },
  } as unknown as ServicePlan;

  it('a refusal says the service still runs its previous revision', () => {
    const error = Object.assign(new Error('Invalid revision'), {
      name: 'InvalidParameterException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(updateFailedMessage(plan, error, 'cbi-production')).toBe(
      'cbi-api: UpdateService to cbi-api:42 failed: Invalid revision. Production was not changed for cbi-api: it still runs cbi-api:41.',
    );
  });

  it('a 5xx is an unknown outcome, not "not changed"', () => {
    const error = Object.assign(new Error('We encountered an internal error'), {
      name: 'ServerException',
      $metadata: { httpStatusCode: 500 },
    });
    const message = updateFailedMessage(plan, error, 'cbi-production');
    expect(message).not.toContain('not changed');
    expect(message).toContain(
      'The outcome is unknown: check whether service cbi-api started a deployment of cbi-api:42 (aws ecs describe-services --cluster cbi-production --services cbi-api).',
    );
  });
});
