import type { Scenario } from '../core/scenario.js';
import { RECEIVERS } from './webhook-common.js';

export const webhookReceivers: Scenario = {
  name: 'webhook-receivers',
  description:
    'Receivers under /hooks/<name>: telegram, github, slack, stripe, standard-webhooks, svix, jira, jira-hmac (generic HMAC), and misbehaving ones (github-insecure, telegram-insecure, github-wrong-status, telegram-warming, slack-no-replay-check, svix-no-replay-check).',
  webhooks: { endpoints: RECEIVERS },
};
