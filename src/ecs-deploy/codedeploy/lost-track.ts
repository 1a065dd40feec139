/**
 * When following a created deployment fails for good (an error no retry cures, e.g. AccessDenied
 * on GetDeployment, or a StopDeployment refused), the deployment runs on. The result says so and
 * names it, carries its `codedeploy-deployments` entry, and (with rollback-on-failure) one
 * StopDeployment with rollback is tried, so nothing is left shifting traffic unattended unless
 * that is refused too.
 */
import { explainAwsError } from '../../lib/aws-explain.js';
import { messageOf } from '../../lib/errors.js';
import type { ServiceResult } from '../types.js';
import { stopDeployment } from './follow.js';
import { phasesFor, type Session } from './session.js';

/** The error told at the edge (what, to whom, the next step), without its "nothing after" clause. */
const reasonOf = (error: unknown): string =>
  (explainAwsError(error) ?? messageOf(error)).replace(/ Nothing after this call was done\.$/, '');

export async function lostTrack(s: Session, error: unknown): Promise<ServiceResult> {
  const { deploymentId, service } = s;
  const why = `Following CodeDeploy deployment ${deploymentId} failed: ${reasonOf(error)}`;
  s.log(why);
  let stop: string;
  if (!s.rollbackOnFailure) {
    stop = `rollback-on-failure is false, so it was left running as it is; check it in the CodeDeploy console, and stop it (aws deploy stop-deployment --deployment-id ${deploymentId} --auto-rollback-enabled) if it must not go on.`;
  } else {
    try {
      const stopped = await stopDeployment(s.client, deploymentId, true);
      stop = `${stopped.message}; whether the rollback completed was not followed: check it in the CodeDeploy console.`;
    } catch (stopError) {
      stop = `${messageOf(stopError)}. It may still be running: stop it (aws deploy stop-deployment --deployment-id ${deploymentId} --auto-rollback-enabled) or check it in the CodeDeploy console.`;
    }
  }
  s.log(stop);
  const result = s.base(
    'failed',
    deploymentId,
    `lost track of CodeDeploy deployment ${deploymentId}: ${reasonOf(error)}`,
  );
  result.causes.push(
    { title: `${service}: following ${deploymentId} failed`, message: why },
    { title: `${service}: what was left`, message: stop },
  );
  const latest = s.tracker.latest();
  result.phases = phasesFor(s, latest);
  return s.emit(result, latest, s.tracker);
}
