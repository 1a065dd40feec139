/**
 * The one bundle behind every action. Each action is loaded on demand, so a run pays only for
 * the modules (and AWS clients) its own action imports.
 */
type ActionModule = { run: () => Promise<void> };

export const ACTIONS: Record<string, () => Promise<ActionModule>> = {
  'cloudfront-invalidate': () => import('./cloudfront-invalidate/index.js'),
  'ecs-deploy': () => import('./ecs-deploy/index.js'),
  'run-migration': () => import('./run-migration/index.js'),
  's3-sync': () => import('./s3-sync/index.js'),
  'verify-webhook': () => import('./verify-webhook/index.js'),
};

export async function runPackAction(name: string): Promise<void> {
  const load = ACTIONS[name];
  if (!load) {
    process.stdout.write(`::error::Unknown action '${name}'.\n`);
    process.exit(1);
  }
  await (await load()).run();
}
