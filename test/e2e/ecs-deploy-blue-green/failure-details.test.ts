/**
 * A CodeDeploy blue/green failure's summary, through the real bundle against the sandbox: the
 * replacement task set's tasks crash (their essential container exits 3 after logging why), and
 * Install fails. The summary tells the tasks' cause once with how many, the containers' last log
 * lines, and links to the CodeDeploy deployment and the ECS service; a cancelled run gets the
 * links without reading anything more.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Sandbox } from '../../../sandbox/index.js';
import type { DeploymentScript } from '../../../sandbox/codedeploy/scenario.js';
import { bgGroup, bgLoggedTaskDefinition } from '../../../sandbox/scenarios/bluegreen-langgraph.js';
import { deploy, sandbox } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const crashing: DeploymentScript = {
  failEvent: {
    event: 'Install',
    message: 'The replacement task set did not reach a steady state.',
  },
  replacementTasks: {
    count: 3,
    exitCode: 3,
    logs: [
      { at: 0.5, message: 'langgraph-api 1.5.0 starting' },
      { at: 1, message: 'Traceback (most recent call last):' },
      { at: 2, message: 'RuntimeError: POSTGRES_URI is not set' },
    ],
  },
};

const CODEDEPLOY_LINK =
  /\[deployment (d-\w+)\]\(https:\/\/us-east-1\.console\.aws\.amazon\.com\/codesuite\/codedeploy\/deployments\/(d-\w+)\?region=us-east-1\)/;
const SERVICE_LINK =
  'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/langgraph-production-cluster/services/langgraph-api/deployments?region=us-east-1';

describe('ecs-deploy blue/green failure summary', () => {
  it("crashing replacement tasks: their cause once, their containers' last log lines, console links", async () => {
    sb = await sandbox(crashing, { taskDefinition: bgLoggedTaskDefinition });
    const run = await deploy(sb);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    const [entry] = run.codedeploy;
    expect(entry).toEqual(
      expect.objectContaining({ status: 'rolled-back', codedeployStatus: 'Failed' }),
    );
    // The three stopped tasks share one cause: one line, with how many.
    const stopped = run.summary.split('\n').filter((l) => /Task [0-9a-f]{32} stopped/.test(l));
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(/Essential container in task exited; app: exit code 3 \(3 tasks\)$/);
    // The containers' last lines, read from their awslogs streams, in details blocks.
    expect(run.summary).toMatch(/<summary>[^<]*app in task [0-9a-f]{32} \(exit 3\)/);
    expect(run.summary).toContain(
      'Traceback (most recent call last):\nRuntimeError: POSTGRES_URI is not set',
    );
    const reads = sb.calls.of('GetLogEvents');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(3);
    expect(run.errors.join('\n')).not.toContain('POSTGRES_URI');
    // The tasks read are the replacement task set's, of the deployed revision.
    expect(sb.calls.of('ListTasks').map((c) => c.input)).toEqual([
      expect.objectContaining({ serviceName: 'langgraph-api', desiredStatus: 'STOPPED' }),
    ]);
    // Links: the CodeDeploy deployment, the service, each task read.
    const link = CODEDEPLOY_LINK.exec(run.summary);
    expect(link?.[1]).toBe(entry!.deploymentId);
    expect(link?.[2]).toBe(entry!.deploymentId);
    expect(run.summary).toContain(SERVICE_LINK);
    expect(run.summary).toMatch(
      /\[task [0-9a-f]{32}\]\(https:\/\/us-east-1\.console\.aws\.amazon\.com\/ecs\/v2\/clusters\/langgraph-production-cluster\/tasks\/[0-9a-f]{32}\/configuration\?region=us-east-1\)/,
    );
  });

  it('a failure before any replacement task ran: the links, and no task to tell', async () => {
    sb = await sandbox({
      failEvent: { event: 'BeforeInstall', message: 'The replacement task set was not created.' },
    });
    const run = await deploy(sb);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.summary).toMatch(CODEDEPLOY_LINK);
    expect(run.summary).toContain(SERVICE_LINK);
    expect(run.summary).not.toMatch(/Task [0-9a-f]{32} stopped/);
  });

  it('a cancelled run: links only, no reads after the stop', async () => {
    sb = await sandbox(
      { ...crashing, failEvent: undefined, eventSeconds: 1e6 },
      {
        groups: [{ ...bgGroup, terminationWaitMinutes: 0 }],
        taskDefinition: bgLoggedTaskDefinition,
      },
    );
    const run = await deploy(sb, {}, { signals: [{ signal: 'SIGINT', afterMs: 4000 }] });
    expect(run.exitCode).toBe(1);
    expect(run.codedeploy).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(run.summary).toMatch(CODEDEPLOY_LINK);
    expect(run.summary).toContain(SERVICE_LINK);
    expect(sb.calls.count('ListTasks')).toBe(0);
    expect(sb.calls.count('GetLogEvents')).toBe(0);
  });
});
