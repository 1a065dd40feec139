import { describe, expect, it } from '@jest/globals';
import { once } from '../../../src/lib/once.js';

describe('once', () => {
  it('computes each key once and hands every caller the first value', async () => {
    const computed: string[] = [];
    const describe = once(async (ref: string) => {
      computed.push(ref);
      return { ref, at: computed.length };
    });
    const [a, b, c] = [describe('cbi-api:41'), describe('cbi-api:41'), describe('cbi-worker:7')];
    expect(a).toBe(b);
    expect(await a).toEqual({ ref: 'cbi-api:41', at: 1 });
    expect(await c).toEqual({ ref: 'cbi-worker:7', at: 2 });
    expect(computed).toEqual(['cbi-api:41', 'cbi-worker:7']);
  });

  it('keeps a value that is undefined (a family with no revision is asked about once)', () => {
    let calls = 0;
    const latest = once((family: string) => {
      calls += 1;
      return family === 'gone' ? undefined : family;
    });
    expect([latest('gone'), latest('gone'), latest('cbi-api')]).toEqual([
      undefined,
      undefined,
      'cbi-api',
    ]);
    expect(calls).toBe(2);
  });

  it('keeps a rejected promise: the callers share one failure, not one request each', async () => {
    let calls = 0;
    const describe = once((ref: string) => {
      calls += 1;
      return Promise.reject(new Error(`ClientException: ${ref}`));
    });
    await expect(describe('x:1')).rejects.toThrow('ClientException: x:1');
    await expect(describe('x:1')).rejects.toThrow('ClientException: x:1');
    expect(calls).toBe(1);
  });
});
