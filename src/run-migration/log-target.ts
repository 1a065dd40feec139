/** Where a container's awslogs output lands; the shared code is in src/lib/awslogs.ts. */
export {
  logStreamConsoleUrl,
  logTargetFor,
  regionOfArn,
  taskConsoleUrl,
  type LogTarget,
  type LogTargetResult,
} from '../lib/awslogs.js';
