import { describe, expect, it } from 'vitest';
import { samplePrior, seededUniform } from './priorSampling';

describe('samplePrior', () => {
  it('returns n × dim standard normal coordinates', () => {
    const z = samplePrior(10_001, 3, seededUniform(7));
    expect(z.length).toBe(30_003);
    let sum = 0;
    let sq = 0;
    let within1 = 0;
    for (const v of z) {
      sum += v;
      sq += v * v;
      if (Math.abs(v) < 1) within1++;
    }
    const mean = sum / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(sq / z.length - mean * mean).toBeCloseTo(1, 1);
    // 68.3% of a standard normal lies within one σ.
    expect(within1 / z.length).toBeCloseTo(0.683, 1);
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it('is reproducible from a seed and differs between seeds', () => {
    expect(samplePrior(4, 2, seededUniform(1))).toEqual(samplePrior(4, 2, seededUniform(1)));
    expect(samplePrior(4, 2, seededUniform(1))).not.toEqual(samplePrior(4, 2, seededUniform(2)));
  });

  it('stays finite when the source returns 0', () => {
    const z = samplePrior(2, 1, () => 0);
    expect(Array.from(z).every(Number.isFinite)).toBe(true);
  });
});
