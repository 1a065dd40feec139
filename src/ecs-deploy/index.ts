import { runAction } from '../lib/run.js';
import { main } from './run.js';

export function run(): Promise<void> {
  return runAction('ecs-deploy', main).then(() => undefined);
}
