import { requiredInput } from '../lib/inputs.js';
import type { ActionContext } from '../lib/run.js';

export async function main(_ctx: ActionContext): Promise<void> {
  requiredInput('provider');
  requiredInput('url');
  throw new Error('not implemented yet');
}
