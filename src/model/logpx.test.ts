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
