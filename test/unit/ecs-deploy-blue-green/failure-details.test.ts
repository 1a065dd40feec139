/** The CodeDeploy failure summary's details: which tasks are read, the bound, the links. */
import { beforeEach, describe, expect, it } from '@jest/globals';
import { DescribeTasksCommand, ECSClient, ListTasksCommand, type Task } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DETAILS_MAX_MS,
  DETAILS_MIN_MS,
  detailsBudgetMs,
  failureDetails,
  type DetailsRequest,
} from '../../../src/ecs-deploy/codedeploy/failure-details.js';
import type { TailReader } from '../../../src/ecs-deploy/container-tails.js';

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'eu-west-1' });

const NEW = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7';
const id = (n: number) => String(n).repeat(32).slice(0, 32);
const task = (n: number, startedBy: string, taskDefinitionArn = NEW): Task => ({
  taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/prod/${id(n)}`,
  taskDefinitionArn,
  startedBy,
  lastStatus: 'STOPPED',
  stoppedAt: new Date(Date.UTC(2026, 11, 1, 10, 0, n)),
  stoppedReason: 'Essential container in task exited',
  containers: [{ name: 'api', exitCode: 3 }],
});

const definition = {
  family: 'api',
  containerDefinitions: [{ name: 'api', image: 'api:7', essential: true }],
};

const request = (over: Partial<DetailsRequest> = {}): DetailsRequest => ({
  service: {
    serviceName: 'api',
    serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/api',
  },
  cluster: 'prod',
  deploymentId: 'd-ABCDEF123',
  taskSetId: 'ecs-svc/222',
  taskDefinitionArn: NEW,
  definition,
  budgetMs: 5_000,
  ecs,
  ...over,
});

beforeEach(() => {
  ecsMock.reset();
});

describe('detailsBudgetMs', () => {
  it('is nothing for a cancelled run, else what is left of the wait, within its bounds', () => {
    expect(detailsBudgetMs(true, 100_000, 0)).toBe(0);
    expect(detailsBudgetMs(false, 100_000, 0)).toBe(DETAILS_MAX_MS);
    expect(detailsBudgetMs(false, 8_000, 0)).toBe(8_000);
    expect(detailsBudgetMs(false, 0, 60_000)).toBe(DETAILS_MIN_MS);
  });
});

describe('failureDetails', () => {
  it("tells the replacement task set's stopped tasks once, reads their tails, and links both consoles", async () => {
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['a', 'b', 'c'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      // two of the replacement task set, one of an earlier task set of the same revision
      tasks: [task(1, 'ecs-svc/222'), task(2, 'ecs-svc/222'), task(3, 'ecs-svc/111')],
    });
    const read: Task[][] = [];
    const readTails: TailReader = async (tasks) => {
      read.push([...tasks]);
      return tasks.map((t) => ({
        taskArn: t.taskArn!,
        container: 'api',
        exitCode: 3,
        lines: ['KeyError: DATABASE_URL'],
      }));
    };
    const causes = await failureDetails(request({ readTails }));
    expect(causes.filter((c) => c.title === 'api: task stopped').map((c) => c.message)).toEqual([
      expect.stringMatching(/Essential container in task exited; api: exit code 3 \(2 tasks\)$/),
    ]);
    expect(read.map((tasks) => tasks.map((t) => t.startedBy))).toEqual([
      ['ecs-svc/222', 'ecs-svc/222'],
    ]);
    expect(causes.filter((c) => c.details).map((c) => c.message)).toEqual([
      'KeyError: DATABASE_URL',
      'KeyError: DATABASE_URL',
    ]);
    const links = causes.filter((c) => c.title.includes('console')).map((c) => c.message);
    expect(links[0]).toBe(
      'In the CodeDeploy console: [deployment d-ABCDEF123](https://eu-west-1.console.aws.amazon.com/codesuite/codedeploy/deployments/d-ABCDEF123?region=eu-west-1).',
    );
    expect(links[1]).toContain(
      'https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api/deployments?region=eu-west-1',
    );
    expect(links[1]).toContain(`[task ${id(2)}]`);
  });

  it('without the task set id, takes the stopped tasks of the deployed revision', async () => {
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['a', 'b'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [task(1, 'ecs-svc/222'), task(2, 'ecs-svc/111', NEW.replace(/:7$/, ':6'))],
    });
    const { taskSetId: _, ...rest } = request({ readTails: async () => [] });
    const causes = await failureDetails(rest);
    const stopped = causes.filter((c) => c.title === 'api: task stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.message).toContain(id(1));
  });

  it('a read that never answers ends at the budget, with the links', async () => {
    ecsMock.on(ListTasksCommand).callsFake(() => new Promise(() => {}));
    const started = Date.now();
    const causes = await failureDetails(request({ budgetMs: 50 }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(causes.map((c) => c.title)).toEqual([
      'api: in the CodeDeploy console',
      'api: in the ECS console',
    ]);
  });

  it('a budget of nothing (a cancelled run) reads nothing', async () => {
    const causes = await failureDetails(request({ budgetMs: 0 }));
    expect(ecsMock.calls()).toHaveLength(0);
    expect(causes).toHaveLength(2);
  });
});
