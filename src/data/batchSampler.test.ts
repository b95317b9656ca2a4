import { describe, expect, it } from 'vitest';
import { BatchSampler } from './batchSampler';
import { shuffledIndices } from './random';

/** Draws batches until `epochs` epochs are done; returns every batch. */
function drain(sampler: BatchSampler, epochs: number) {
  const batches = [];
  while (sampler.epoch < epochs) batches.push(sampler.next());
  return batches;
}

describe('BatchSampler', () => {
  it('covers every index exactly once per epoch, the last batch smaller', () => {
    const sampler = new BatchSampler(1000, 128, 9);
    const batches = drain(sampler, 3);
    for (let e = 0; e < 3; e++) {
      const mine = batches.filter((b) => b.epoch === e);
      expect(mine.length).toBe(8);
      expect(mine.slice(0, 7).every((b) => b.indices.length === 128)).toBe(true);
      expect(mine[7].indices.length).toBe(1000 - 7 * 128);
      expect(mine[7].epochProgress).toBe(1);
      const seen = new Uint8Array(1000);
      for (const b of mine) for (const i of b.indices) seen[i]++;
      expect(seen.every((n) => n === 1)).toBe(true);
    }
    expect(sampler.epoch).toBe(3);
  });

  it('reshuffles each epoch and repeats for the same seed', () => {
    const a = drain(new BatchSampler(500, 500, 1), 2);
    const b = drain(new BatchSampler(500, 500, 1), 2);
    expect(a[0].indices).toEqual(b[0].indices);
    expect(a[1].indices).toEqual(b[1].indices);
    expect(a[1].indices).not.toEqual(a[0].indices);
    // earlier batches stay valid after the epoch rolls over
    expect(new Set(a[0].indices).size).toBe(500);
  });

  it('reports progress within the epoch', () => {
    const s = new BatchSampler(10, 4, 2);
    expect([s.next(), s.next(), s.next()].map((b) => [b.epoch, b.epochProgress])).toEqual([
      [0, 0.4],
      [0, 0.8],
      [0, 1],
    ]);
    expect(s.next().epoch).toBe(1);
  });

  it('keeps exact coverage when the batch size changes mid-epoch', () => {
    const s = new BatchSampler(100, 30, 4);
    const seen = new Uint8Array(100);
    for (const i of s.next().indices) seen[i]++;
    s.setBatchSize(7);
    while (s.epoch === 0) {
      const b = s.next();
      expect(b.indices.length).toBeLessThanOrEqual(7);
      for (const i of b.indices) seen[i]++;
    }
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it('rejects bad sizes', () => {
    expect(() => new BatchSampler(0, 1, 1)).toThrow(RangeError);
    expect(() => new BatchSampler(10, 0, 1)).toThrow(RangeError);
    expect(() => new BatchSampler(10, 2, 1).setBatchSize(1.5)).toThrow(RangeError);
  });
});

describe('BatchSampler order', () => {
  it('draws epoch e in the order shuffledIndices(count, seed + e): a resumed run (seed, epoch) continues the same data order', () => {
    const s = new BatchSampler(10, 10, 41);
    expect(Array.from(s.next().indices)).toEqual(Array.from(shuffledIndices(10, 41)));
    expect(Array.from(s.next().indices)).toEqual(Array.from(shuffledIndices(10, 42)));
    expect(Array.from(s.next().indices)).toEqual(Array.from(shuffledIndices(10, 43)));
  });

  it('names a bad count and a bad batch size in its messages', () => {
    expect(() => new BatchSampler(0, 4, 1)).toThrow('BatchSampler: count must be a positive integer, got 0');
    expect(() => new BatchSampler(8, 0, 1)).toThrow('BatchSampler: batch size must be a positive integer, got 0');
  });
});
