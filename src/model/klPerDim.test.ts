import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { klPerDim } from './klPerDim';
import { klDivergence } from './losses';
import { mulberry32 } from './prng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('klPerDim', () => {
  it('matches a hand-computed case (nats, averaged over the images)', () => {
    // Image 1: μ = (1, 0), log σ² = (0, log 2); image 2: μ = (0, 0), log σ² = (0, 0).
    // Dimension 0: ½(1 + 1 − 0 − 1) = ½ and 0 → mean ¼. Dimension 1: ½(2 − log 2 − 1) and 0.
    const kl = klPerDim([1, 0, 0, 0], [0, Math.log(2), 0, 0], 2);
    expect(kl[0]).toBeCloseTo(0.25, 12);
    expect(kl[1]).toBeCloseTo((0.5 * (1 - Math.log(2))) / 2, 12);
    expect((0.5 * (1 - Math.log(2))) / 2).toBeCloseTo(0.076713, 6);
  });

  it('is 0 for a dimension at the prior and sums to the model’s own KL', () => {
    const rng = mulberry32(4);
    const n = 50;
    const d = 3;
    const mu = Float32Array.from({ length: n * d }, (_, i) => (i % d === 2 ? 0 : 2 * rng() - 1));
    const logvar = Float32Array.from({ length: n * d }, (_, i) => (i % d === 2 ? 0 : 4 * rng() - 3));
    const kl = klPerDim(mu, logvar, d);
    expect(kl[2]).toBe(0);
    expect(kl[0]).toBeGreaterThan(0);
    const before = tf.memory().numTensors;
    const reference = tf.tidy(() => tf.mean(klDivergence(tf.tensor2d(mu, [n, d]), tf.tensor2d(logvar, [n, d]))).dataSync()[0]);
    expect(tf.memory().numTensors).toBe(before);
    expect(kl[0] + kl[1] + kl[2]).toBeCloseTo(reference, 4);
  });

  it('refuses arrays that do not make rows of the latent dimension', () => {
    expect(() => klPerDim([0, 0, 0], [0, 0, 0], 2)).toThrow(/rows of 2/);
    expect(() => klPerDim([0, 0], [0], 1)).toThrow(/log-variances/);
    expect(() => klPerDim([0], [0], 0)).toThrow(RangeError);
    expect(Number.isNaN(klPerDim([], [], 2)[0])).toBe(true);
  });
});

describe('klPerDim refusals', () => {
  it('names a latent size that is not a positive integer, and gives NaN for no images', () => {
    expect(() => klPerDim([], [], 0)).toThrow('klPerDim: latentDim must be a positive integer, got 0');
    expect(() => klPerDim([0, 0], [0, 0], 1.5)).toThrow('klPerDim: latentDim must be a positive integer, got 1.5');
    expect(Array.from(klPerDim([], [], 3))).toEqual([NaN, NaN, NaN]);
  });
});
