import { describe, expect, it } from '@jest/globals';
import { arnTail } from '../../../src/lib/arn.js';

describe('arnTail', () => {
  it('takes the last part of an ARN and leaves a plain name alone', () => {
    expect(arnTail('arn:aws:ecs:us-east-1:123456789012:task/cbi-production/ab12')).toBe('ab12');
    expect(arnTail('arn:aws:ecs:us-east-1:123456789012:task-definition/cbi-api:7')).toBe(
      'cbi-api:7',
    );
    expect(arnTail('cbi-production')).toBe('cbi-production');
    expect(arnTail('')).toBe('');
  });
});
