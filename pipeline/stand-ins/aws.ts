/**
 * aws-actions/configure-aws-credentials, aws-actions/amazon-ecr-login, docker/setup-buildx-action
 * and docker/build-push-action, as their READMEs describe them, pointed at the sandbox: the
 * credentials are the sandbox's, the registry is `<account>.dkr.ecr.<region>.amazonaws.com` and an
 * image's digest is the sha256 of its build (context files, Dockerfile, target, build args).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { bool, type StandIn } from './types.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const configureAwsCredentials: StandIn = async ({ config, job, with: input }) => {
  const region = input['aws-region'] ?? '';
  if (!REGION.test(region))
    throw new Error(`Region is not valid: ${region || '(empty aws-region)'}`);
  const role = input['role-to-assume'] ?? '';
  if (!role && !input['aws-access-key-id'])
    throw new Error(
      'Credentials could not be loaded, please check your action inputs: role-to-assume or aws-access-key-id is required',
    );
  const arn = ROLE_ARN.exec(role);
  if (role && !arn) throw new Error(`role-to-assume is not a role ARN: ${role}`);
  if (
    role &&
    !input['aws-access-key-id'] &&
    job.permissions &&
    job.permissions['id-token'] !== 'write'
  )
    throw new Error(
      'It looks like you might be trying to authenticate with OIDC. Did you mean to set the `id-token` permission? (the job has no id-token: write)',
    );
  const duration = Number(input['role-duration-seconds'] || 3600);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200)
    throw new Error(
      `role-duration-seconds must be 900-43200, got ${input['role-duration-seconds']}`,
    );
  const account = arn?.[1] ?? '123456789012';
  const sessionToken = `sandbox-session-${createHash('sha256')
    .update(`${role}:${input['role-session-name'] ?? ''}`)
    .digest('hex')
    .slice(0, 24)}`;
  Object.assign(job.env, config.sandboxEnv, {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_SESSION_TOKEN: sessionToken,
  });
  job.masker.add(config.sandboxEnv.AWS_SECRET_ACCESS_KEY ?? '');
  job.masker.add(sessionToken);
  if (bool(input['mask-aws-account-id'], false)) job.masker.add(account);
  job.aws = { account, region, role };
  job.log.push(
    `sandbox: assumed ${role || 'static keys'} in ${region} (session ${input['role-session-name'] ?? ''})`,
  );
  return {
    'aws-account-id': account,
    'authenticated-arn': `arn:aws:sts::${account}:assumed-role/${role.split('/').pop()}/${input['role-session-name'] ?? 'GitHubActions'}`,
  };
};

export const amazonEcrLogin: StandIn = async ({ job, with: input }) => {
  if (!job.aws)
    throw new Error(
      'Could not login: no AWS credentials (run aws-actions/configure-aws-credentials first)',
    );
  const registry = `${job.aws.account}.dkr.ecr.${job.aws.region}.amazonaws.com`;
  const password = createHash('sha256')
    .update(`ecr:${registry}:${job.env.AWS_SESSION_TOKEN}`)
    .digest('base64');
  if (bool(input['mask-password'], true)) job.masker.add(password);
  job.registries.add(registry);
  const key = registry.replace(/[.-]/g, '_');
  return { registry, [`docker_username_${key}`]: 'AWS', [`docker_password_${key}`]: password };
};

export const setupBuildx: StandIn = async () => ({
  name: 'builder-sandbox',
  driver: 'docker-container',
  platforms: 'linux/amd64,linux/arm64',
});

async function contextHash(
  dir: string,
  hash: ReturnType<typeof createHash>,
  base = dir,
): Promise<void> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await contextHash(full, hash, base);
    else if (entry.isFile())
      hash.update(`${path.relative(base, full)}\0`).update(await readFile(full));
  }
}

export const buildPush: StandIn = async ({ job, with: input }) => {
  const context = path.resolve(job.workspace, input.context || '.');
  if (!existsSync(context))
    throw new Error(`context ${input.context} does not exist in the workspace`);
  const dockerfile = input.file
    ? path.resolve(job.workspace, input.file)
    : path.join(context, 'Dockerfile');
  if (!existsSync(dockerfile))
    throw new Error(
      `failed to read dockerfile: open ${path.relative(job.workspace, dockerfile)}: no such file or directory`,
    );
  const text = readFileSync(dockerfile, 'utf8');
  const target = input.target ?? '';
  if (target && !new RegExp(`^FROM\\s+\\S+\\s+AS\\s+${target}\\s*$`, 'im').test(text))
    throw new Error(
      `failed to solve: target stage "${target}" could not be found in ${path.basename(dockerfile)}`,
    );
  const tags = (input.tags ?? '')
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (bool(input.push, false)) {
    if (tags.length === 0) throw new Error('tag is needed when pushing to registry');
    for (const tag of tags) {
      const host = tag.split('/')[0]!;
      if (!job.registries.has(host))
        throw new Error(`failed to push ${tag}: unauthorized (not logged in to ${host})`);
    }
  }
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      target,
      buildArgs: input['build-args'] ?? '',
      platforms: input.platforms ?? '',
    }),
  );
  hash.update(text);
  // The commit is part of what was built: checkout lays out the same files for every commit here.
  hash.update(String((job.contexts.github as Record<string, unknown>).sha));
  await contextHash(context, hash);
  const digest = `sha256:${hash.digest('hex')}`;
  job.log.push(
    `sandbox: built ${target || 'final stage'} of ${path.relative(job.workspace, dockerfile)} -> ${digest}`,
  );
  for (const tag of tags) job.log.push(`sandbox: pushed ${tag}`);
  return {
    digest,
    imageid: `sha256:${createHash('sha256').update(digest).digest('hex')}`,
    metadata: JSON.stringify({ 'containerimage.digest': digest, 'image.name': tags.join(',') }),
  };
};
