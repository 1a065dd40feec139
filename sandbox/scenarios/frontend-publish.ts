import type { Scenario } from '../core/scenario.js';
import '../cloudfront/scenario.js';
import '../s3/scenario.js';

/**
 * The CBI health-officer dashboard (a Next.js static export) on S3 behind CloudFront, plus a
 * second distribution in front of the same bucket (an alternate domain). Invalidations take 60
 * scenario seconds.
 */
export const frontendPublish: Scenario = {
  name: 'frontend-publish',
  description:
    'S3 bucket cbi-dashboard-prod (empty) behind CloudFront E2CBIDASHBOARD and E3CBIDASHALT',
  s3: { buckets: [{ name: 'cbi-dashboard-prod' }] },
  cloudfront: {
    distributions: [{ id: 'E2CBIDASHBOARD' }, { id: 'E3CBIDASHALT', invalidationSeconds: 90 }],
    invalidationSeconds: 60,
  },
};
