// The VAE as anyone would first write it in TF.js: plain ops, TF.js's own matMul gradients
// (products with a transposed operand) and tf.train.adam. With TF.js's own kernels this is the
// "bare TF.js loop" the benchmark compares against (bare-loop.ts); bench-kernels.ts times it with
// our kernels swapped in.

import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_HYPER, DEFAULT_MODEL } from '../../src/model';

/**
 * The same VAE written with plain ops and TF.js's own matMul gradients (which ask for
 * transposed products, dy·Wᵀ and xᵀ·dy, instead of transposing first as src/model does).
 * `batch`: the images each step trains on (default: fixed uniform noise).
 */
export function plainVaeStepper(makeOptimizer: () => tf.Optimizer, batch?: () => tf.Tensor2D): { step: () => void; dispose: () => void } {
  const dims = [DEFAULT_MODEL.inputDim, ...DEFAULT_MODEL.hidden];
  const latent = DEFAULT_MODEL.latentDim;
  let seed = 10;
  const dense = (i: number, o: number) => ({
    W: tf.variable(tf.randomUniform([i, o], -Math.sqrt(6 / (i + o)), Math.sqrt(6 / (i + o)), 'float32', seed++)),
    b: tf.variable(tf.zeros([o])),
  });
  const enc = dims.slice(1).map((o, i) => dense(dims[i], o));
  const mu = dense(dims[dims.length - 1], latent);
  const logvar = dense(dims[dims.length - 1], latent);
  const decDims = [latent, ...[...DEFAULT_MODEL.hidden].reverse(), DEFAULT_MODEL.inputDim];
  const dec = decDims.slice(1).map((o, i) => dense(decDims[i], o));
  const layers = [...enc, mu, logvar, ...dec];
  const vars = layers.flatMap((l) => [l.W, l.b]);
  const optimizer = makeOptimizer();
  const noise = tf.randomUniform([DEFAULT_HYPER.batchSize, DEFAULT_MODEL.inputDim], 0, 1, 'float32', 4);
  let x: tf.Tensor = noise;
  const lin = (h: tf.Tensor, l: { W: tf.Variable; b: tf.Variable }) => tf.add(tf.matMul(h, l.W), l.b);
  let step = 0;
  const loss = (): tf.Scalar => {
    const h = enc.reduce<tf.Tensor>((a, l) => tf.relu(lin(a, l)), x);
    const m = lin(h, mu);
    const lv = lin(h, logvar);
    const z = tf.add(m, tf.mul(tf.exp(tf.mul(lv, 0.5)), tf.randomNormal(m.shape, 0, 1, 'float32', step++)));
    const logits = dec.reduce<tf.Tensor>((a, l, i) => (i < dec.length - 1 ? tf.relu(lin(a, l)) : lin(a, l)), z);
    const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    const kl = tf.mul(0.5, tf.sub(tf.sub(tf.add(tf.square(m), tf.exp(lv)), lv), 1));
    return tf.div(tf.add(tf.sum(bce), tf.sum(kl)), DEFAULT_HYPER.batchSize) as tf.Scalar;
  };
  return {
    step: () => {
      if (batch) x = batch();
      const value = optimizer.minimize(loss, true, vars);
      value?.dataSync();
      value?.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([...vars, noise]);
    },
  };
}
