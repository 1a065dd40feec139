/**
 * Where blue/green services go. The CodeDeploy strategy lives in `blue-green/` and exports
 * `deployBlueGreen`; until this build includes it, blue/green services fail before any
 * mutating call with a clear message.
 */
import type { DeployBlueGreen } from './types.js';

export async function loadBlueGreen(): Promise<DeployBlueGreen | undefined> {
  return undefined;
}
