/**
 * The one bundle behind every action. Each action is loaded on demand, so a run pays only for
 * the modules (and AWS clients) its own action imports.
 */
type ActionModule = { run: () => Promise<void> };

// Each chunk is named after its action, so the build can tell which files an action can load.
export const ACTIONS: Record<string, () => Promise<ActionModule>> = {
  'cloudfront-invalidate': () =>
    import(/* webpackChunkName: "cloudfront-invalidate" */ './cloudfront-invalidate/index.js'),
  'ecs-deploy': () => import(/* webpackChunkName: "ecs-deploy" */ './ecs-deploy/index.js'),
  'run-migration': () => import(/* webpackChunkName: "run-migration" */ './run-migration/index.js'),
  's3-sync': () => import(/* webpackChunkName: "s3-sync" */ './s3-sync/index.js'),
  'verify-webhook': () =>
    import(/* webpackChunkName: "verify-webhook" */ './verify-webhook/index.js'),
};

export async function runPackAction(name: string): Promise<void> {
  const load = ACTIONS[name];
  if (!load) {
    process.stdout.write(`::error::Unknown action '${name}'.\n`);
    process.exit(1);
  }
  await (await load()).run();
}
