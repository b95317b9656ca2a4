// Learning on real data: a small MNIST subset (needs public/datasets; `npm run datasets`).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchSampler, loadManifest, loadSplit, toFloat32 } from '../data';
import { fsSource } from '../data/fsSource';
import { createNetwork } from './network';
import './registerGradientsNode';
import { Trainer } from './trainer';
import { DEFAULT_HYPER } from './types';

const N = 512;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('training on MNIST', () => {
  it('lowers the loss of a VAE on 512 images within 30 steps', async () => {
    const source = fsSource('public/datasets');
    const split = await loadSplit(source, await loadManifest(source), 'mnist', 'train');
    const pixels = toFloat32(split.pixels.subarray(0, N * 784), null, 784);
    const all = tf.tensor2d(pixels, [N, 784]);
    const net = createNetwork({ kind: 'vae', inputDim: 784, latentDim: 2, hidden: [128] }, 1);
    const trainer = new Trainer(net, DEFAULT_HYPER, 1);
    const sampler = new BatchSampler(N, 64, 1);

    const initial = trainer.evaluate(all);
    // An untrained decoder outputs logits near 0: about 784·log 2 ≈ 543 nats per image.
    expect(initial.recon).toBeGreaterThan(450);
    const objectives: number[] = [];
    for (let s = 0; s < 30; s++) {
      const x = tf.tensor2d(toFloat32(split.pixels, sampler.next().indices, 784), [64, 784]);
      const r = trainer.step(x);
      x.dispose();
      expect(r.ok).toBe(true);
      objectives.push(r.metrics.objective);
    }
    const final = trainer.evaluate(all);
    expect(final.elbo).toBeGreaterThan(initial.elbo + 150);
    expect(final.kl).toBeGreaterThan(0);
    expect(objectives[29]).toBeLessThan(objectives[0] - 150);
    all.dispose();
    trainer.dispose();
    net.dispose();
  });
});
