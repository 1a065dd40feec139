import { describe, expect, it } from '@jest/globals';
import { chunks } from '../../../src/lib/chunks.js';

describe('chunks', () => {
  it('splits a list into batches of at most the given size, in order', () => {
    expect(chunks([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(chunks([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunks([], 10)).toEqual([]);
  });
});
