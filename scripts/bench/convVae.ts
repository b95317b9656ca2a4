// The conv VAE of math.md's "Convolutional reference" (the Keras example's layers, 134,165
// parameters) written with plain TF.js ops: tf.conv2d, tf.conv2dTranspose, TF.js's own
// gradients. The benchmark times its training step on WASM beside the same model in PyTorch
// (native_vae.py --arch conv). Initialisation: PyTorch's default bounds, U(±1/√fan_in).

import * as tf from '@tensorflow/tfjs-core';

const SIDE = 28;
const Q = SIDE / 4;
const LOGVAR_MIN = -10;
const LOGVAR_MAX = 10;

interface Param {
  W: tf.Variable;
  b: tf.Variable;
}

/** A training step of the conv VAE on [batch, 784] images from `batch()`, with `optimizer`. */
export function convVaeStepper(optimizer: tf.Optimizer, batch: () => tf.Tensor2D): { step: () => number; dispose: () => void; parameters: number } {
  let seed = 100;
  /** W of `shape` and a bias of `outC`, both U(±1/√fan_in). */
  const param = (shape: number[], fanIn: number, outC: number): Param => {
    const bound = 1 / Math.sqrt(fanIn);
    return {
      W: tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', seed++)),
      b: tf.variable(tf.randomUniform([outC], -bound, bound, 'float32', seed++)),
    };
  };
  const conv1 = param([3, 3, 1, 32], 9, 32);
  const conv2 = param([3, 3, 32, 64], 9 * 32, 64);
  const enc = param([Q * Q * 64, 16], Q * Q * 64, 16);
  const mu = param([16, 2], 16, 2);
  const logvar = param([16, 2], 16, 2);
  const dec = param([2, Q * Q * 64], 2, Q * Q * 64);
  // TF.js's transposed-convolution filter is [k, k, out, in]; PyTorch's fan_in for it is out·k·k.
  const up1 = param([3, 3, 64, 64], 64 * 9, 64);
  const up2 = param([3, 3, 32, 64], 32 * 9, 32);
  const out = param([3, 3, 1, 32], 9, 1);
  const all = [conv1, conv2, enc, mu, logvar, dec, up1, up2, out];
  const vars = all.flatMap((p) => [p.W, p.b]);

  const conv = (h: tf.Tensor4D, p: Param) => tf.add(tf.conv2d(h, p.W as tf.Tensor4D, 2, 'same'), p.b) as tf.Tensor4D;
  const deconv = (h: tf.Tensor4D, p: Param, stride: number) => {
    const [n, hh, ww] = h.shape;
    const outShape: [number, number, number, number] = [n, hh * stride, ww * stride, p.b.size];
    return tf.add(tf.conv2dTranspose(h, p.W as tf.Tensor4D, outShape, stride, 'same'), p.b) as tf.Tensor4D;
  };
  const dense = (h: tf.Tensor, p: Param) => tf.add(tf.matMul(h as tf.Tensor2D, p.W as tf.Tensor2D), p.b);
  let x: tf.Tensor2D | null = null;
  let step = 0;
  const loss = (): tf.Scalar => {
    const xs = x as tf.Tensor2D;
    const n = xs.shape[0];
    let h: tf.Tensor = tf.reshape(xs, [n, SIDE, SIDE, 1]);
    h = tf.relu(conv(h as tf.Tensor4D, conv1));
    h = tf.relu(conv(h as tf.Tensor4D, conv2));
    h = tf.relu(dense(tf.reshape(h, [n, Q * Q * 64]), enc));
    const m = dense(h, mu);
    const lv = tf.clipByValue(dense(h, logvar), LOGVAR_MIN, LOGVAR_MAX);
    const z = tf.add(m, tf.mul(tf.exp(tf.mul(lv, 0.5)), tf.randomNormal(m.shape, 0, 1, 'float32', step++)));
    let d: tf.Tensor = tf.reshape(tf.relu(dense(z, dec)), [n, Q, Q, 64]);
    d = tf.relu(deconv(d as tf.Tensor4D, up1, 2));
    d = tf.relu(deconv(d as tf.Tensor4D, up2, 2));
    const logits = tf.reshape(deconv(d as tf.Tensor4D, out, 1), [n, SIDE * SIDE]);
    const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, xs)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    const kl = tf.mul(0.5, tf.sub(tf.sub(tf.add(tf.square(m), tf.exp(lv)), lv), 1));
    return tf.div(tf.add(tf.sum(bce), tf.sum(kl)), n) as tf.Scalar;
  };
  return {
    parameters: vars.reduce((s, v) => s + v.size, 0),
    step: () => {
      x?.dispose();
      x = batch();
      const value = optimizer.minimize(loss, true, vars);
      const v = value?.dataSync()[0] ?? NaN;
      value?.dispose();
      return v;
    },
    dispose: () => {
      x?.dispose();
      optimizer.dispose();
      tf.dispose(vars);
    },
  };
}
