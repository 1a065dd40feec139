/**
 * The running action's name, set once by the run wrapper. AWS clients put it in their user agent
 * (src/lib/aws.ts); it lives apart so that the wrapper does not pull the AWS SDK into actions
 * that make no AWS call.
 */
let current: string | undefined;

export function setActionName(name: string): void {
  current = name;
}

export function actionName(): string | undefined {
  return current;
}
