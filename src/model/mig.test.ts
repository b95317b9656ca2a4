import { describe, expect, it } from 'vitest';
import { FACTOR_NAMES, makeEvalSet } from '../data/shapes';
import { mulberry32 } from './prng';
import { discretise, entropy, mig, MigRefusal, mutualInformation } from './mig';

/** Row-major n × latentDim from one array per latent. */
const rows = (latents: ArrayLike<number>[]): Float32Array => {
  const n = latents[0].length;
  const out = new Float32Array(n * latents.length);
  latents.forEach((z, j) => {
    for (let i = 0; i < n; i++) out[i * latents.length + j] = z[i];
  });
  return out;
};

/** Every combination of factors of these sizes, `repeat` times: a design where factors are exactly independent. */
const fullGrid = (sizes: number[], repeat = 1): Int32Array[] => {
  const total = sizes.reduce((a, b) => a * b, 1);
  const out = sizes.map(() => new Int32Array(total * repeat));
  for (let i = 0; i < total * repeat; i++) {
    let rest = i % total;
    for (let k = sizes.length - 1; k >= 0; k--) {
      out[k][i] = rest % sizes[k];
      rest = Math.floor(rest / sizes[k]);
    }
  }
  return out;
};

const gaussian = (rng: () => number) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

describe('discretise (20 equal-width bins between min and max)', () => {
  it('matches a hand-computed case, edges going to the bin above and the maximum to the last bin', () => {
    expect([...discretise([0, 0.04, 0.05, 0.5, 0.96, 1])]).toEqual([0, 0, 1, 10, 19, 19]);
    expect([...discretise([-1, 1, 0, -0.95, -0.85, 0.949])]).toEqual([0, 19, 10, 0, 1, 19]);
    expect([...discretise([3, 7, 5], 2)]).toEqual([0, 1, 1]);
    expect([...discretise([2.5, 2.5, 2.5])]).toEqual([0, 0, 0]);
  });

  it('follows the edges as they are rounded where the quotient (v − min)/step rounds the other way', () => {
    // Over [−0.759, 3.124]: edge 1 itself, whose quotient rounds just below 1, goes to bin 1; and
    // 0.017599999999999946, a hair under edge 4 (0.01759999999999995) though its quotient rounds to 4, to bin 3.
    const [min, max] = [-0.759, 3.124];
    const edge1 = min + (max - min) / 20;
    expect(Math.floor((edge1 - min) / ((max - min) / 20))).toBe(0);
    expect([...discretise([min, max, edge1, 0.017599999999999946])]).toEqual([0, 19, 1, 3]);
  });

  it('refuses non-finite values', () => {
    expect(() => discretise([0, NaN, 1])).toThrow(MigRefusal);
    expect(() => discretise([0, Infinity])).toThrow(/finite/);
  });
});

describe('what each function refuses, in its own words', () => {
  it('discretise: bins a positive integer; one bin holds everything', () => {
    expect(() => discretise([0, 1], 0)).toThrow(new RangeError('discretise: bins must be a positive integer, got 0'));
    expect(() => discretise([0, 1], 2.5)).toThrow(/got 2\.5/);
    expect([...discretise([0, 5, 10], 1)]).toEqual([0, 0, 0]);
    expect([...discretise([])]).toEqual([]);
  });

  it('entropy and mutual information: codes are integers ≥ 0 of equally many items', () => {
    expect(() => entropy([0, -1])).toThrow('entropy: values must be integers ≥ 0, got -1 at 1');
    expect(() => entropy([0.5])).toThrow('entropy: values must be integers ≥ 0, got 0.5 at 0');
    expect(() => mutualInformation([0, 1], [0])).toThrow('mutualInformation: 2 and 1 values');
    expect(() => mutualInformation([0, 1], [0, -2])).toThrow('mutualInformation: values must be integers ≥ 0, got -2 at 1');
    // Unused codes (3 never appears) change nothing.
    expect(entropy([0, 2, 0, 2])).toBeCloseTo(Math.log(2), 12);
    expect(mutualInformation([0, 0, 3, 3], [1, 1, 0, 0])).toBeCloseTo(Math.log(2), 12);
  });

  it('MIG: a named refusal for no factors and for fewer than 2 images', () => {
    const e = (() => {
      try {
        mig(new Float32Array(4), 2, []);
      } catch (err) {
        return err as Error;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(MigRefusal);
    expect(e?.name).toBe('MigRefusal');
    expect(e?.message).toBe('MIG needs at least one factor');
    expect(() => mig(new Float32Array(2), 2, [[0]])).toThrow('MIG needs at least 2 images, got 1');
    expect(mig(Float32Array.from([0, 1, 1, 0]), 2, [[0, 1]]).mig).toBeCloseTo(0, 12);
  });
});

describe('entropy and mutual information (nats)', () => {
  it('match hand-computed values', () => {
    expect(entropy([0, 1, 0, 1])).toBeCloseTo(Math.log(2), 12);
    expect(entropy([0, 0, 0, 1])).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
    expect(mutualInformation([0, 0, 1, 1], [0, 0, 1, 1])).toBeCloseTo(Math.log(2), 12);
    expect(mutualInformation([0, 1, 0, 1], [0, 0, 1, 1])).toBe(0);
    // p(0,0) = p(0,1) = ¼, p(1,1) = ½: ¼ log 2 + ¼ log ⅔ + ½ log 4/3.
    const expected = 0.25 * Math.log(2) + 0.25 * Math.log(2 / 3) + 0.5 * Math.log(4 / 3);
    expect(mutualInformation([0, 0, 1, 1], [0, 1, 1, 1])).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.215762, 6);
  });
});

describe('MIG', () => {
  it('is 1 when each latent copies one factor (factors of ≤ 20 values, exactly independent)', () => {
    const f = fullGrid([3, 6, 8], 5);
    const unused = new Float32Array(f[0].length).fill(0.3);
    const r = mig(rows([f[2], f[0], unused, f[1].map((v) => -2 * v + 0.1)]), 4, f);
    expect(r.mig).toBeCloseTo(1, 12);
    expect(r.gap.map((g) => +g.toFixed(12))).toEqual([1, 1, 1]);
    expect(r.entropy[0]).toBeCloseTo(Math.log(3), 12);
    expect(r.mi[1][0]).toBeCloseTo(Math.log(3), 12);
    expect(r.mi[0][2]).toBeCloseTo(Math.log(8), 12);
    expect(r.mi[2]).toEqual([0, 0, 0]);
    expect(r.mi[0][0]).toBe(0);
  });

  it('on the Shapes evaluation set, copying every factor scores the most 20 bins allow: I = H(binned factor)', () => {
    const set = makeEvalSet(1);
    const f = FACTOR_NAMES.map((n) => set.factors[n]);
    const r = mig(rows(f.map((v) => Float32Array.from(v, (x) => x / 7))), 5, f);
    f.forEach((v, k) => {
      expect(r.mi[k][k]).toBeCloseTo(entropy(discretise(Float32Array.from(v, (x) => x / 7))), 10);
    });
    // shape and scale (≤ 20 values) keep everything; orientation (40 values) and the positions
    // (32) lose to the bins, and 10,000 images leave ≈ 0.03 nats of chance MI with the other
    // latents: 0.80, 0.84, 0.84, so the best MIG a model can reach on this set is ≈ 0.90.
    expect(r.gap[0]).toBeGreaterThan(0.99);
    expect(r.gap[1]).toBeGreaterThan(0.99);
    expect(r.gap[2]).toBeCloseTo(0.80, 2);
    expect(r.gap[3]).toBeCloseTo(0.84, 2);
    expect(r.gap[4]).toBeCloseTo(0.84, 2);
    expect(r.mig).toBeCloseTo(0.896, 3);
  });

  it('is ≈ 0 when the latents are independent of the factors', () => {
    const rng = mulberry32(11);
    const f = fullGrid([3, 6, 40, 32], 1).map((v) => v.slice(0, 10_000));
    const z = Array.from({ length: 6 }, () => Float32Array.from({ length: 10_000 }, () => gaussian(rng)));
    const r = mig(rows(z), 6, f);
    expect(r.mig).toBeGreaterThanOrEqual(0);
    expect(r.mig).toBeLessThan(0.01);
    for (const row of r.mi) for (let k = 0; k < 4; k++) expect(row[k] / r.entropy[k]).toBeLessThan(0.05);
  });

  it('scores between when a latent mixes two factors: exactly ½ for z0 = 2a + b, z1 = a', () => {
    const [a, b] = fullGrid([2, 2], 100);
    const r = mig(rows([a.map((v, i) => 2 * v + b[i]), a]), 2, [a, b]);
    // Factor a: both latents know it fully (gap 0); factor b: only z0 (gap 1).
    expect(r.gap[0]).toBeCloseTo(0, 12);
    expect(r.gap[1]).toBeCloseTo(1, 12);
    expect(r.mig).toBeCloseTo(0.5, 12);
  });

  it('falls as two factors are rotated into each other across the latents', () => {
    const [x, y] = fullGrid([20, 20], 10);
    const score = (deg: number) => {
      const t = (deg * Math.PI) / 180;
      const z0 = Float64Array.from(x, (v, i) => Math.cos(t) * v - Math.sin(t) * y[i]);
      const z1 = Float64Array.from(x, (v, i) => Math.sin(t) * v + Math.cos(t) * y[i]);
      return mig(rows([z0, z1]), 2, [x, y]).mig;
    };
    const [s0, s15, s45] = [score(0), score(15), score(45)];
    expect(s0).toBeCloseTo(1, 12);
    expect(s15).toBeLessThan(s0);
    expect(s45).toBeLessThan(s15);
    expect(s45).toBeLessThan(0.05);
  });

  it('refuses one latent dimension, a constant factor, a diverged latent and mismatched sizes', () => {
    const f = fullGrid([2, 3]);
    expect(() => mig(Float32Array.from(f[0]), 1, f)).toThrow(MigRefusal);
    expect(() => mig(Float32Array.from(f[0]), 1, f)).toThrow(/at least 2 latent dimensions/);
    expect(() => mig(rows([f[0], f[1]]), 2, [f[0], new Int32Array(6)])).toThrow(/same value on every image/);
    const diverged = rows([f[0], f[1]]);
    diverged[3] = NaN;
    expect(() => mig(diverged, 2, f)).toThrow(/diverged/);
    expect(() => mig(new Float32Array(11), 2, f)).toThrow(/not 6 rows of 2/);
    expect(() => mig(new Float32Array(12), 2, [f[0], f[1].slice(1)])).toThrow(/factor 1/);
    expect(() => mig(new Float32Array(12), 2, [f[0], Array.from(f[1], (v) => v - 0.5)])).toThrow(/integers/);
  });
});
