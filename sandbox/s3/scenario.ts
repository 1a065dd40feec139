/** The `s3` section of a scenario: buckets (and objects) created when the sandbox starts. */
export interface ObjectSeed {
  key: string;
  body: string;
  contentType?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
}

export interface BucketSeed {
  name: string;
  objects?: ObjectSeed[];
}

export interface S3Scenario {
  buckets?: BucketSeed[];
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    s3?: S3Scenario;
  }
}
