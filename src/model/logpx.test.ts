// The importance-weighted log p(x): its batching and chunking (which bound memory) change only
// which ε are drawn, never the estimate's meaning; K = 1 is the ELBO itself; and bad requests are
// refused in words. (Its log 2π constants cancel between log p(z) and log q(z|x), so a wrong
// constant is invisible by design.)
import '@tensorflow/tfjs-backend-cpu';
import './registerGradientsNode';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importanceWeightedLogpx } from './logpx';
import { createNetwork, type Network } from './network';
import { DEFAULT_HYPER } from './types';

let net: Network;
let x: tf.Tensor2D;
const h = DEFAULT_HYPER;

beforeAll(async () => {
  await tf.setBackend('cpu');
  net = createNetwork({ kind: 'vae', inputDim: 784, latentDim: 2, hidden: [16] }, 4);
  x = tf.tidy(() => tf.round(tf.randomUniform([6, 784], 0, 1, 'float32', 9)) as tf.Tensor2D);
});
afterAll(() => {
  x.dispose();
  net.dispose();
});

describe('importanceWeightedLogpx', () => {
  it('with K = 1 is the one-sample ELBO, however the work is split', async () => {
    for (const maxRows of [4096, 1]) {
      const r = await importanceWeightedLogpx(net, x, 1, h, 3, undefined, maxRows);
      expect(Math.abs(r.logpx - r.elbo)).toBeLessThan(1e-3);
      expect(r.elbo).toBeLessThan(-400);
    }
  });

  it('split into one image per batch and two samples per chunk, gives the same estimate up to sampling noise', async () => {
    const progress: Array<[number, number]> = [];
    const whole = await importanceWeightedLogpx(net, x, 5, h, 3);
    const split = await importanceWeightedLogpx(net, x, 5, h, 3, (d, t) => progress.push([d, t]), 2);
    // An untrained decoder: about 543 nats per image; one extra or missing draw of five moves the
    // K-sample ELBO by about 20 %.
    expect(Math.abs(split.elbo - whole.elbo) / Math.abs(whole.elbo)).toBeLessThan(0.05);
    expect(Math.abs(split.logpx - whole.logpx) / Math.abs(whole.logpx)).toBeLessThan(0.05);
    expect(split.logpx).toBeGreaterThanOrEqual(split.elbo);
    expect(progress.map(([d]) => d)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every(([, t]) => t === 6)).toBe(true);
  });

  it('reads each batch from its own rows, the last one partial (6 images, 4 per batch)', async () => {
    // K = 1 and maxRows 4: batches of 4 and 2 images. Half the images blank and half full gives
    // a mean far from an all-blank set's: a batch that re-read the first rows, or a last batch
    // sliced past the end, would not.
    // A decoder biased toward black (last bias −3): a full image costs ≈ 3 nats a pixel more.
    const biased = createNetwork({ kind: 'vae', inputDim: 784, latentDim: 2, hidden: [16] }, 4);
    const w = biased.getWeights();
    w.decoder[w.decoder.length - 1].b.fill(-3);
    biased.setWeights(w);
    const net = biased;
    const blank = tf.zeros([6, 784]) as tf.Tensor2D;
    const mixed = tf.tidy(() => tf.concat([tf.zeros([4, 784]), tf.ones([2, 784])]) as tf.Tensor2D);
    const progress: number[] = [];
    const a = await importanceWeightedLogpx(net, blank, 1, h, 3, undefined, 4);
    const b = await importanceWeightedLogpx(net, mixed, 1, h, 3, (d) => progress.push(d), 4);
    expect(progress).toEqual([4, 6]);
    // The first four images and their ε are the same in both runs, so the difference is the last
    // two images' alone: per image, blank and full differ by about 3 × 784 nats.
    expect(Math.abs(b.elbo - a.elbo) * 3).toBeGreaterThan(1000);
    const four = tf.slice(blank, [0, 0], [4, -1]) as tf.Tensor2D;
    const two = tf.ones([2, 784]) as tf.Tensor2D;
    const firstFour = await importanceWeightedLogpx(net, four, 1, h, 3, undefined, 4);
    const lastTwo = (6 * b.elbo - 4 * firstFour.elbo) / 2;
    const lastTwoAlone = await importanceWeightedLogpx(net, two, 1, h, 3, undefined, 4);
    // Same images, other ε (batch 1's seed, not batch 0's): close, not equal.
    expect(Math.abs(lastTwo - lastTwoAlone.elbo) / Math.abs(lastTwoAlone.elbo)).toBeLessThan(0.05);
    tf.dispose([blank, mixed, four, two]);
    biased.dispose();
  });

  it('refuses what it cannot estimate, in words', async () => {
    await expect(importanceWeightedLogpx(net, x, 0, h, 3)).rejects.toThrow('K must be a positive integer, got 0');
    await expect(importanceWeightedLogpx(net, x, 1.5, h, 3)).rejects.toThrow('K must be a positive integer, got 1.5');
    const none = tf.zeros([0, 784]) as tf.Tensor2D;
    await expect(importanceWeightedLogpx(net, none, 2, h, 3)).rejects.toThrow('log p(x) needs at least one image');
    none.dispose();
    const ae = createNetwork({ kind: 'ae', inputDim: 784, latentDim: 2, hidden: [16] }, 4);
    await expect(importanceWeightedLogpx(ae, x, 2, h, 3)).rejects.toThrow('log p(x) needs a VAE');
    ae.dispose();
  });
});
