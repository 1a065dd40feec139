/** Shapes shared by the runner's layers. */
import type { Masker } from './command-files.js';
import type { Json } from './expressions.js';

export type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

/** A repository's settings on GitHub that a workflow file does not hold. */
export interface RepoSettings {
  /** owner/name as github.repository. */
  repository: string;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  /** Environments with required reviewers (default: production). */
  protectedEnvironments: string[];
  /** URL prefix -> sandbox URL (`{sandbox}` is replaced), for hosts the workflow names. */
  network: Record<string, string>;
}

export interface RunnerConfig {
  packRoot: string;
  /** Root of the repository the workflow belongs to (what actions/checkout copies). */
  repoRoot: string;
  /** Extra files laid over the checkout: the sample application of an example. */
  appRoot?: string;
  settings: RepoSettings;
  sandboxUrl: string;
  sandboxEnv: Record<string, string>;
  temp: string;
  /** Folder of the run's artifacts, one folder per artifact name (upload/download-artifact). */
  artifacts: string;
  verbose: boolean;
  print: (line: string) => void;
}

/** What one job's steps share: the runner's state of a job. */
export interface JobState {
  workspace: string;
  runnerTemp: string;
  /** Environment added by GITHUB_ENV and the stand-ins. */
  env: Record<string, string>;
  path: string[];
  masker: Masker;
  log: string[];
  summary: string[];
  /** AWS identity configure-aws-credentials set up (account, region). */
  aws?: { account: string; region: string; role: string };
  registries: Set<string>;
  /** job permissions: id-token etc. (undefined: not stated). */
  permissions?: Record<string, string>;
  contexts: Record<string, Json>;
}

export interface StepOutcome {
  outcome: 'success' | 'failure';
  outputs: Record<string, string>;
}
