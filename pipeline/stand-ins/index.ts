/** Stand-ins by action (`owner/name`, without the ref). */
import { amazonEcrLogin, buildPush, configureAwsCredentials, setupBuildx } from './aws.js';
import { checkout, downloadArtifact, setupNode, setupPython, uploadArtifact } from './files.js';
import type { StandIn } from './types.js';

export const standIns: Record<string, StandIn> = {
  'actions/checkout': checkout,
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
  'actions/setup-node': setupNode,
  'actions/setup-python': setupPython,
  'aws-actions/configure-aws-credentials': configureAwsCredentials,
  'aws-actions/amazon-ecr-login': amazonEcrLogin,
  'docker/setup-buildx-action': setupBuildx,
  'docker/build-push-action': buildPush,
};

/** `owner/name` of a `uses: owner/name@ref`, or undefined. */
export function standInFor(uses: string): StandIn | undefined {
  const match = /^([\w.-]+\/[\w.-]+)@[\w./-]+$/.exec(uses);
  return match ? standIns[match[1]!.toLowerCase()] : undefined;
}
