import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ECSClient, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { startSandbox, type Sandbox } from '../../../sandbox/index.js';
import { explainAwsError } from '../../../src/lib/aws-explain.js';
import {
  callContextOf,
  recordCalls,
  resetCallRecord,
  writesSoFar,
} from '../../../src/lib/call-record.js';
import { productionChangeLine } from '../../../src/lib/failure-summary.js';

const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('explainAwsError', () => {
  it('tells a missing region how to set it', () => {
    expect(explainAwsError(new Error('Region is missing'))).toBe(
      'No AWS region is set. Set aws-region in aws-actions/configure-aws-credentials (it exports AWS_REGION), or AWS_REGION / AWS_DEFAULT_REGION in the job env.',
    );
  });

  it('tells an empty or malformed AWS_REGION', () => {
    expect(
      explainAwsError(
        new Error('Region not accepted: region="" is not a valid hostname component.'),
      ),
    ).toMatch(/^No AWS region is set/);
    expect(
      explainAwsError(
        new Error('Region not accepted: region="eu west" is not a valid hostname component.'),
      ),
    ).toBe(
      "AWS_REGION is 'eu west', which is not a region name (such as eu-west-1). Set aws-region in aws-actions/configure-aws-credentials, or AWS_REGION in the job env, to the region of your resources.",
    );
  });

  it('names the action, resource and principal of a denial, and PassRole has its own fix', () => {
    const passRole = explainAwsError(
      sdkError(
        'ClientException',
        'User: arn:aws:sts::123456789012:assumed-role/deploy/gh is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/cbi-task',
      ),
    );
    expect(passRole).toContain(
      'AWS denied iam:PassRole on arn:aws:iam::123456789012:role/cbi-task to arn:aws:sts::123456789012:assumed-role/deploy/gh (account 123456789012)',
    );
    expect(passRole).toContain('iam:PassedToService = ecs-tasks.amazonaws.com');
    const update = explainAwsError(
      sdkError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/deploy/gh is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:eu-west-1:123456789012:service/cbi/cbi-api because no identity-based policy allows the ecs:UpdateService action',
      ),
    );
    expect(update).toContain(
      'AWS denied ecs:UpdateService on arn:aws:ecs:eu-west-1:123456789012:service/cbi/cbi-api',
    );
    expect(update).toContain(
      "Add ecs:UpdateService on arn:aws:ecs:eu-west-1:123456789012:service/cbi/cbi-api to the deploying role's policy",
    );
  });

  it('names the endpoint and AWS_ENDPOINT_URL when nothing answers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), {
      code: 'ECONNREFUSED',
    });
    Object.defineProperty(refused, Symbol.for('ecs-delivery-pack.call-context'), {
      value: {
        operation: 'ListTasks',
        service: 'ECS',
        input: {},
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4566/',
      },
    });
    expect(explainAwsError(refused, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe(
      'Could not reach http://127.0.0.1:4566/ for ListTasks (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4566). AWS_ENDPOINT_URL is set to http://127.0.0.1:4566: unset it to reach AWS, or start what should answer there.',
    );
    expect(explainAwsError(refused, {})).toContain("Check the runner's network and proxy");
  });

  it('leaves errors it does not know alone', () => {
    expect(explainAwsError(sdkError('InvalidParameterException', 'bad'))).toBeUndefined();
    expect(explainAwsError(new Error('boom'))).toBeUndefined();
  });
});

describe('the call record against the sandbox', () => {
  let sandbox: Sandbox;
  let ecs: ECSClient;
  beforeEach(async () => {
    sandbox = await startSandbox('rolling-deploy');
    resetCallRecord();
    ecs = new ECSClient({
      region: 'eu-west-1',
      endpoint: sandbox.env().AWS_ENDPOINT_URL!,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    recordCalls(ecs);
  });
  afterEach(async () => {
    ecs.destroy();
    await sandbox.close();
    resetCallRecord();
  });

  it('tells a wrong cluster with the value sent and the region', async () => {
    const error = await ecs
      .send(new ListTasksCommand({ cluster: 'cbi-prodution', startedBy: 'migrate/x' }))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(callContextOf(error)).toMatchObject({
      operation: 'ListTasks',
      region: 'eu-west-1',
    });
    expect(explainAwsError(error)).toMatch(
      /^ECS cluster 'cbi-prodution' was not found \(region eu-west-1\) \(ListTasks: .*\)\. Check input 'cluster'/,
    );
    expect(writesSoFar()).toEqual([]);
    expect(productionChangeLine()).toBe(
      '**Production was not changed**: the step failed before any change.',
    );
  });

  it('records a write that may have been applied', async () => {
    sandbox.faults.add({ operation: 'UpdateService', kind: 'drop-after-apply' });
    await ecs
      .send(
        new UpdateServiceCommand({ cluster: 'x', service: 'cbi-api', forceNewDeployment: true }),
      )
      .catch(() => undefined);
    expect(writesSoFar()).toEqual([
      { operation: 'UpdateService', target: 'cbi-api', outcome: 'unknown' },
    ]);
    expect(productionChangeLine()).toMatch(
      /^\*\*Production may have changed\*\*: UpdateService cbi-api got no definite answer/,
    );
  });
});

describe('productionChangeLine', () => {
  it('tells applied writes, and a new revision as changing nothing', () => {
    const writes = [
      { operation: 'RegisterTaskDefinition', target: 'cbi-api', outcome: 'applied' as const },
    ];
    expect(productionChangeLine(writes, [])).toBe(
      '**Production was not changed**: the step failed before any change. (RegisterTaskDefinition cbi-api: registered, but nothing runs it)',
    );
    const update = { operation: 'UpdateService', target: 'cbi-api', outcome: 'applied' as const };
    expect(productionChangeLine([...writes, update], [update])).toMatch(
      /^\*\*Production was changed\*\* before the step failed: UpdateService cbi-api\./,
    );
  });
});
