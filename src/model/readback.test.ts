// The asynchronous step and evaluation (the training worker's, for WebGPU's sake) give exactly
// the numbers of the synchronous ones, skip a NaN batch the same way, and leak nothing.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from './network';
import { readsAsync, settled } from './readback';
import './registerGradientsNode';
import { Trainer } from './trainer';
import { DEFAULT_HYPER, type ModelConfig } from './types';

const cfg: ModelConfig = { kind: 'vae', inputDim: 784, latentDim: 2, hidden: [8] };
const batch = (n: number, seed: number) => tf.randomUniform([n, 784], 0, 1, 'float32', seed) as tf.Tensor2D;

function setup(seed = 1) {
  const net = createNetwork(cfg, seed);
  const trainer = new Trainer(net, { ...DEFAULT_HYPER }, seed);
  return { net, trainer, dispose: () => (trainer.dispose(), net.dispose()) };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('reads on a backend that reads synchronously (CPU)', () => {
  it('settled() has nothing to wait for and leaves the tensors readable', async () => {
    expect(readsAsync()).toBe(false);
    const t = tf.tensor1d([1, 2, 3]);
    await settled([t]);
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
    t.dispose();
  });

  it('stepAsync and evaluateAsync give the same numbers and weights as step and evaluate', async () => {
    const a = setup(5);
    const b = setup(5);
    const x = batch(16, 2);
    for (let i = 0; i < 4; i++) {
      const sync = a.trainer.step(x);
      const async = await b.trainer.stepAsync(x);
      expect(async).toEqual(sync);
    }
    expect(b.trainer.stepCount).toBe(4);
    expect(b.net.getWeights()).toEqual(a.net.getWeights());
    expect(await b.trainer.evaluateAsync(x, 5)).toEqual(a.trainer.evaluate(x, 5));
    x.dispose();
    a.dispose();
    b.dispose();
  });

  it('stepAsync skips a NaN batch (weights kept) and leaks no tensor', async () => {
    const { net, trainer, dispose } = setup();
    const x = batch(8, 3);
    await trainer.stepAsync(x); // creates Adam's moment variables
    const tensors = tf.memory().numTensors;
    const before = net.getWeights();
    const values = x.arraySync();
    values[1][7] = NaN;
    const bad = tf.tensor2d(values);
    const r = await trainer.stepAsync(bad);
    expect(r.ok ? '' : r.reason).toBe('nan');
    expect(net.getWeights()).toEqual(before);
    expect(trainer.stepCount).toBe(1);
    bad.dispose();
    for (let i = 0; i < 5; i++) expect((await trainer.stepAsync(x)).ok).toBe(true);
    await trainer.evaluateAsync(x, 3);
    expect(tf.memory().numTensors).toBe(tensors);
    x.dispose();
    dispose();
  });
});
