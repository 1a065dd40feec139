/**
 * The demo pipeline as data: one entry per step, run in order against the `demo` scenario.
 * Inputs may use `{sandbox}` (the sandbox URL), `{repo}` (the repository root), `{temp}` (the
 * demo's runner temp folder) and `{step:<id>.<output>}` (an output of an earlier step).
 */
import { DEMO_BOT_TOKEN, DEMO_RELEASE, DEMO_WEBHOOK_SECRET } from '../sandbox/scenarios/demo.js';

export interface DemoStep {
  id: string;
  title: string;
  /** The action whose bundle runs (dist/<action>/index.js). */
  action: string;
  inputs: Record<string, string>;
  /** What the scenario makes of this step: success, or a failure the pack must report. */
  expect: 'success' | 'failure';
  /** Accepted values of the `status` output. */
  status?: string[];
  /** Sandbox plugins the step needs; without them it is shown as not built yet. */
  requires?: string[];
  /** Why the step is in the pipeline, printed above it. */
  note?: string;
}

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const NETWORK = {
  subnets: 'subnet-0a1b2c3d4e5f60718, subnet-0b2c3d4e5f6071829',
  'security-groups': 'sg-0c3d4e5f607182930',
};

export const steps: DemoStep[] = [
  {
    id: 'migrate',
    title: 'Migrate the database (alembic upgrade head)',
    action: 'run-migration',
    inputs: {
      cluster: 'cbi-production',
      'task-definition': 'cbi-migrate',
      images: `migrate=${REGISTRY}/cbi:${DEMO_RELEASE}`,
      command: 'alembic upgrade head',
      ...NETWORK,
      'launch-type': 'FARGATE',
      'poll-interval-seconds': '0.1',
      'timeout-minutes': '2',
    },
    expect: 'success',
    status: ['succeeded'],
    requires: ['ecs', 'logs'],
    note: 'A one-off Fargate task runs the migration exactly once before the deploy; the pipeline stops if it fails.',
  },
  {
    id: 'deploy-api',
    title: 'Deploy the API (cbi-api)',
    action: 'ecs-deploy',
    inputs: {
      cluster: 'cbi-production',
      services: 'cbi-api',
      images: `api=${REGISTRY}/cbi:${DEMO_RELEASE}`,
      'poll-interval-seconds': '0.1',
      'timeout-minutes': '2',
    },
    expect: 'success',
    status: ['succeeded'],
    requires: ['ecs', 'ecs-services'],
  },
  {
    id: 'deploy-worker',
    title: 'Deploy the worker (cbi-worker)',
    action: 'ecs-deploy',
    inputs: {
      cluster: 'cbi-production',
      services: 'cbi-worker',
      images: `worker=${REGISTRY}/cbi:${DEMO_RELEASE}`,
      'poll-interval-seconds': '0.1',
      'timeout-minutes': '2',
    },
    expect: 'success',
    status: ['succeeded'],
    requires: ['ecs', 'ecs-services'],
  },
  {
    id: 'deploy-broken',
    title: 'Deploy a broken API build: the circuit breaker stops it',
    action: 'ecs-deploy',
    inputs: {
      cluster: 'cbi-production',
      services: 'cbi-api',
      images: `api=${REGISTRY}/cbi:broken-9e8d7c6`,
      'poll-interval-seconds': '0.1',
      'timeout-minutes': '2',
    },
    expect: 'failure',
    status: ['failed', 'rolled-back'],
    requires: ['ecs', 'ecs-services'],
    note: 'The new tasks crash; ECS trips the circuit breaker and the step fails with the cause, never as a success.',
  },
  {
    id: 'frontend',
    title: 'Publish the health officers dashboard to S3',
    action: 's3-sync',
    inputs: {
      source: '{repo}/demo/frontend',
      bucket: 'cbi-dashboard-prod',
      'cache-control': 'assets/**=public, max-age=31536000, immutable\n*.html=no-cache',
    },
    expect: 'success',
    status: ['synced', 'succeeded'],
    requires: ['s3'],
  },
  {
    id: 'invalidate',
    title: 'Invalidate the changed paths on CloudFront',
    action: 'cloudfront-invalidate',
    inputs: {
      'distribution-id': 'E2CBIDASHBOARD',
      'paths-file': '{step:frontend.changed-paths-file}',
      'poll-interval-seconds': '0.2',
      'timeout-minutes': '1',
    },
    expect: 'success',
    status: ['succeeded', 'completed'],
    requires: ['cloudfront'],
  },
  {
    id: 'webhook',
    title: 'Verify the Telegram webhook points at the new API and rejects forged deliveries',
    action: 'verify-webhook',
    inputs: {
      provider: 'telegram',
      url: '{sandbox}/hooks/cbi-telegram',
      secret: DEMO_WEBHOOK_SECRET,
      'telegram-bot-token': DEMO_BOT_TOKEN,
      'telegram-api-url': '{sandbox}',
      register: 'true',
      probe: 'reject',
      'timeout-seconds': '10',
    },
    expect: 'success',
    status: ['verified', 'registered', 'succeeded'],
    requires: ['telegram', 'webhooks'],
  },
];
