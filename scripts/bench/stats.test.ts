import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, round, summarize } from './stats';

describe('percentile', () => {
  it('interpolates between ranks like NumPy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 95)).toBeCloseTo(48);
    expect(percentile([5, 1, 3], 0)).toBe(1);
    expect(percentile([5, 1, 3], 100)).toBe(5);
  });

  it('ignores non-finite samples and returns null for none', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([NaN, Infinity], 50)).toBeNull();
    expect(median([NaN, 4, 2])).toBe(3);
  });

  it('refuses a percentile outside 0–100', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('counts, ranks and rounds', () => {
    const s = summarize([3.14159, 1, 2, 100], 2);
    expect(s).toEqual({ n: 4, p50: 2.57, p95: 85.47, min: 1, max: 100 });
  });

  it('has nulls for no samples', () => {
    expect(summarize([])).toEqual({ n: 0, p50: null, p95: null, min: null, max: null });
  });
});

describe('round and ratio', () => {
  it('rounds to the given decimals and passes null through', () => {
    expect(round(1.26, 1)).toBe(1.3);
    expect(round(null)).toBeNull();
    expect(round(NaN)).toBeNull();
  });

  it('divides only meaningful figures', () => {
    expect(ratio(1300, 650)).toBe(2);
    expect(ratio(1, 3)).toBe(0.333);
    expect(ratio(null, 650)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(5, undefined)).toBeNull();
  });
});
