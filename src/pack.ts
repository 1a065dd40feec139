/**
 * The one bundle behind every action. Each action is loaded on demand, so a run pays only for
 * the modules (and AWS clients) its own action imports. An action is its `run.ts`: `main`
 * (inputs -> work -> outputs and summary), run here through `runAction` (src/lib/run.ts).
 */
import { runAction, type ActionContext } from './lib/run.js';

type ActionModule = { main: (ctx: ActionContext) => Promise<void> };

// Each chunk is named after its action, so the build can tell which files an action can load.
export const ACTIONS: Record<string, () => Promise<ActionModule>> = {
  'cloudfront-invalidate': () =>
    import(/* webpackChunkName: "cloudfront-invalidate" */ './cloudfront-invalidate/run.js'),
  'ecs-deploy': () => import(/* webpackChunkName: "ecs-deploy" */ './ecs-deploy/run.js'),
  'run-migration': () => import(/* webpackChunkName: "run-migration" */ './run-migration/run.js'),
  's3-sync': () => import(/* webpackChunkName: "s3-sync" */ './s3-sync/run.js'),
  'verify-webhook': () =>
    import(/* webpackChunkName: "verify-webhook" */ './verify-webhook/run.js'),
};

export async function runPackAction(name: string): Promise<void> {
  const load = ACTIONS[name];
  if (!load) {
    process.stdout.write(`::error::Unknown action '${name}'.\n`);
    process.exit(1);
  }
  await runAction(name, (await load()).main);
}
