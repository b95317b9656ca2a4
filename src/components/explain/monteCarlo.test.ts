import { describe, expect, it } from 'vitest';
import { mean, mulberry32, normal, sampleCodes, std, summarizeMc } from './monteCarlo';
import { bernoulliLogLik, gaussianLogLik, gaussianParts, P_MIN, scoreDecodings, squaredError } from './reconLogLik';

describe('reconstruction log-likelihood from mean images', () => {
  const x = [0, 1, 0.25];
  const xhat = [0.1, 0.8, 0.5];

  it('Bernoulli: Σ x log x̂ + (1 − x) log(1 − x̂)', () => {
    const expected = Math.log(0.9) + Math.log(0.8) + 0.25 * Math.log(0.5) + 0.75 * Math.log(0.5);
    expect(bernoulliLogLik(x, xhat)).toBeCloseTo(expected, 12);
  });

  it('clamps saturated pixels instead of returning −∞', () => {
    const v = bernoulliLogLik([1], [0]);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeCloseTo(Math.log(P_MIN), 6);
  });

  it('Gaussian: half the squared error plus a constant when σ = 1', () => {
    const se = squaredError(x, xhat);
    expect(se).toBeCloseTo(0.01 + 0.04 + 0.0625, 12);
    const { error, constant } = gaussianParts(se, 1, 3);
    expect(error).toBeCloseTo(-se / 2, 12);
    expect(constant).toBeCloseTo(-1.5 * Math.log(2 * Math.PI), 12);
    expect(gaussianLogLik(x, xhat, 0.1)).toBeCloseTo(-se / 0.02 - 1.5 * Math.log(2 * Math.PI * 0.01), 9);
  });

  it('scores each of several decodings of one image', () => {
    const images = [...xhat, ...x.map((v) => Math.min(0.99, Math.max(0.01, v)))];
    const scores = scoreDecodings(x, images, 2, { likelihood: 'bernoulli', sigmaX: 1 });
    expect(scores[0]).toBeCloseTo(bernoulliLogLik(x, xhat), 12);
    // The second decoding is (almost) the image itself: far more likely.
    expect(scores[1]).toBeGreaterThan(scores[0]);
    expect(() => scoreDecodings(x, images, 3, { likelihood: 'bernoulli', sigmaX: 1 })).toThrow();
  });
});

describe('sampling z = μ + σ·ε', () => {
  it('is reproducible from its seed and has the right mean and spread', () => {
    const a = sampleCodes([2, -1], [Math.log(0.25), 0], 4000, mulberry32(7));
    const b = sampleCodes([2, -1], [Math.log(0.25), 0], 4000, mulberry32(7));
    expect(a.z).toEqual(b.z);
    const dim0 = a.z.filter((_, i) => i % 2 === 0);
    const dim1 = a.z.filter((_, i) => i % 2 === 1);
    expect(mean(dim0)).toBeCloseTo(2, 1);
    expect(std(dim0)).toBeCloseTo(0.5, 1);
    expect(mean(dim1)).toBeCloseTo(-1, 1);
    expect(std(dim1)).toBeCloseTo(1, 1);
    // z is built from the ε it reports.
    expect(a.z[0]).toBeCloseTo(2 + 0.5 * a.eps[0], 6);
  });

  it('draws standard normals', () => {
    const rng = mulberry32(1);
    const draws = Array.from({ length: 20000 }, () => normal(rng));
    expect(mean(draws)).toBeCloseTo(0, 1);
    expect(std(draws)).toBeCloseTo(1, 1);
  });
});

describe('summarizeMc', () => {
  it('groups per-sample values into R estimates of L samples', () => {
    const s = summarizeMc([1, 3, 5, 7, 9, 11], 2, 3);
    expect(Array.from(s.estimates)).toEqual([2, 6, 10]);
    expect(s.mean).toBe(6);
    expect(s.spread).toBe(4);
    expect(() => summarizeMc([1, 2, 3], 2, 3)).toThrow();
  });

  it('shows the spread of the estimate shrinking like 1/√L', () => {
    const rng = mulberry32(3);
    const spread = (L: number) => {
      const R = 400;
      return summarizeMc(Array.from({ length: L * R }, () => -100 + 5 * normal(rng)), L, R).spread;
    };
    const s1 = spread(1);
    const s16 = spread(16);
    expect(s1).toBeCloseTo(5, 0);
    expect(s1 / s16).toBeGreaterThan(3.2);
    expect(s1 / s16).toBeLessThan(4.8);
  });
});
