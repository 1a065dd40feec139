/** The `cloudfront` section of a scenario: distributions and how long invalidations take. */
export interface DistributionSeed {
  id: string;
  /** Scenario seconds from creation to Completed, for this distribution's invalidations. */
  invalidationSeconds?: number;
}

export interface CloudFrontScenario {
  /** Known distributions (others answer NoSuchDistribution); omitted, any ID works. */
  distributions?: DistributionSeed[];
  /** Scenario seconds from creation to Completed (default 60). */
  invalidationSeconds?: number;
}

declare module '../core/scenario.js' {
  interface ScenarioSections {
    cloudfront?: CloudFrontScenario;
  }
}
