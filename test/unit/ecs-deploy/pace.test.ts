import { describe, expect, it } from '@jest/globals';
import { paced } from '../../../src/ecs-deploy/pace.js';

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

function fakeTime() {
  let now = 0;
  return {
    clock: () => now,
    // A macrotask per sleep, as a real timer is: a write's failure is known before the next start.
    sleep: async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
    now: () => now,
  };
}

describe('paced writes', () => {
  it('spaces the starts at the rate and retries a throttled write', async () => {
    const t = fakeTime();
    const startedAt: number[] = [];
    let throttles = 1;
    const results = await paced(
      ['a', 'b', 'c'],
      async (item) => {
        startedAt.push(t.now());
        if (item === 'b' && throttles-- > 0) throw throttled();
        return item.toUpperCase();
      },
      { perSecond: 5, deadline: 60_000, clock: t.clock, sleep: t.sleep, random: () => 0 },
    );
    expect(results.map((r) => r.state)).toEqual(['done', 'done', 'done']);
    expect(startedAt.slice(0, 2)).toEqual([0, 200]);
    expect(startedAt.length).toBe(4); // b twice
  });

  it('after a write fails for good, starts no further one', async () => {
    const t = fakeTime();
    const results = await paced(
      ['a', 'b', 'c', 'd'],
      async (item) => {
        if (item === 'b') throw new Error('AccessDenied');
        return item;
      },
      { perSecond: 5, deadline: 60_000, clock: t.clock, sleep: t.sleep },
    );
    expect(results.map((r) => r.state)).toEqual(['done', 'failed', 'not-started', 'not-started']);
  });

  it('gives up on throttling at the deadline', async () => {
    const t = fakeTime();
    const [result] = await paced(
      ['a'],
      async () => {
        throw throttled();
      },
      { perSecond: 1, deadline: 5_000, clock: t.clock, sleep: t.sleep, random: () => 0 },
    );
    expect(result!.state).toBe('failed');
    expect(t.now()).toBeLessThanOrEqual(5_000);
  });
});
