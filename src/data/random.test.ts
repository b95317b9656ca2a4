import { describe, expect, it } from 'vitest';
import { fixedSubset, mulberry32, shuffledIndices } from './random';

function isPermutation(a: Int32Array): boolean {
  const seen = new Uint8Array(a.length);
  for (const v of a) {
    if (v < 0 || v >= a.length || seen[v]) return false;
    seen[v] = 1;
  }
  return true;
}

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(sa);
    expect(Array.from({ length: 100 }, c)).not.toEqual(sa);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = mulberry32(7);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      if (x < 0 || x >= 1) outside++;
      else buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});

describe('shuffledIndices', () => {
  it('is a deterministic permutation that depends on the seed', () => {
    const a = shuffledIndices(1000, 5);
    expect(isPermutation(a)).toBe(true);
    expect(shuffledIndices(1000, 5)).toEqual(a);
    expect(shuffledIndices(1000, 6)).not.toEqual(a);
    let fixedPoints = 0;
    a.forEach((v, i) => (fixedPoints += v === i ? 1 : 0));
    expect(fixedPoints).toBeLessThan(10);
  });

  it('handles the edges', () => {
    expect(shuffledIndices(0, 1)).toEqual(new Int32Array(0));
    expect(shuffledIndices(1, 1)).toEqual(Int32Array.of(0));
    expect(() => shuffledIndices(-1, 1)).toThrow(RangeError);
  });
});

describe('fixedSubset', () => {
  it('gives sorted distinct indices in range, the same for the same seed', () => {
    const s = fixedSubset(10_000, 1000, 3);
    expect(s.length).toBe(1000);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[0]).toBeGreaterThanOrEqual(0);
    expect(s[999]).toBeLessThan(10_000);
    expect(fixedSubset(10_000, 1000, 3)).toEqual(s);
    expect(fixedSubset(10_000, 1000, 4)).not.toEqual(s);
    // spread over the whole range, not the first thousand
    expect(s[999]).toBeGreaterThan(9000);
  });

  it('rejects a size larger than the set', () => {
    expect(() => fixedSubset(10, 11, 1)).toThrow(/size/);
  });
});

describe('random refusals and edges', () => {
  it('shuffledIndices refuses a count that is not a non-negative integer, and shuffles 0 and 1 items', () => {
    expect(() => shuffledIndices(-1, 1)).toThrow('shuffledIndices: n must be a non-negative integer, got -1');
    expect(() => shuffledIndices(1.5, 1)).toThrow('shuffledIndices: n must be a non-negative integer, got 1.5');
    expect(Array.from(shuffledIndices(0, 1))).toEqual([]);
    expect(Array.from(shuffledIndices(1, 1))).toEqual([0]);
  });

  it('fixedSubset takes 0 to count items and refuses anything else', () => {
    expect(Array.from(fixedSubset(5, 0, 1))).toEqual([]);
    expect(Array.from(fixedSubset(5, 5, 1))).toEqual([0, 1, 2, 3, 4]);
    expect(() => fixedSubset(5, 6, 1)).toThrow('fixedSubset: size must be an integer 0…5, got 6');
    expect(() => fixedSubset(5, -1, 1)).toThrow('fixedSubset: size must be an integer 0…5, got -1');
    expect(() => fixedSubset(5, 1.5, 1)).toThrow('fixedSubset: size must be an integer 0…5, got 1.5');
  });
});
