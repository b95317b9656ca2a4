// The one-pass ReLU gradient against TF.js's dy · cast(step(x)) on the WASM backend: bit for bit,
// including zeros of both signs, NaN and infinities in x and dy, and lengths that leave a tail
// after the f32x4 loop; other backends keep TF.js's formula; no tensor is left behind.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { RELU_GRAD_KERNEL, registerFusedReluGrad, unregisterFusedReluGrad } from './fusedReluGrad';

const SPECIAL = [0, -0, NaN, Infinity, -Infinity, 1e-38, -1e-38, 3.5, -2.25];

/** Values with the special ones at every third place from `phase`, the others from a fixed seed. */
function values(n: number, seed: number, phase = 1): Float32Array {
  let s = seed;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = i % 3 === phase ? SPECIAL[((i - phase) / 3) % SPECIAL.length] : (s / 2 ** 32 - 0.5) * 8;
  }
  return out;
}

/** The gradient of Σ w·relu(x) with respect to x, as bits. */
function reluGradBits(x: Float32Array, w: Float32Array, shape: number[]): Uint32Array {
  const g = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), tf.tensor(w, shape))))(tf.tensor(x, shape)));
  const bits = new Uint32Array((g.dataSync() as Float32Array).slice().buffer);
  g.dispose();
  return bits;
}

describe('fused ReLU gradient (wasm)', () => {
  beforeAll(async () => {
    setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(() => unregisterFusedReluGrad());

  it('equals TF.js’s gradient bit for bit, tails and special values included', () => {
    const cases: number[][] = [[1], [3], [4], [7], [128, 13], [5, 14, 14, 3], [2, 28, 28, 32]];
    const stock = cases.map((shape, i) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return reluGradBits(values(n, 11 + i), values(n, 97 + i, 2), shape);
    });
    expect(registerFusedReluGrad().registered).toEqual([RELU_GRAD_KERNEL]);
    cases.forEach((shape, i) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const x = values(n, 11 + i);
      const fused = reluGradBits(x, values(n, 97 + i, 2), shape);
      expect(fused).toEqual(stock[i]);
      // The case could pass vacuously only if no value were special: make sure some are.
      if (n >= 8) expect(x.some((v) => Number.isNaN(v))).toBe(true);
    });
  });

  it('runs as one kernel on wasm and leaves no tensor behind', async () => {
    registerFusedReluGrad();
    const x = tf.tensor(values(4096, 5), [64, 64]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) tf.grad((t: tf.Tensor) => tf.sum(tf.relu(t)))(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    const info = await tf.profile(() => tf.grad((t: tf.Tensor) => tf.sum(tf.relu(t)))(x));
    tf.dispose(info.result as tf.Tensor);
    x.dispose();
    expect(info.kernelNames).toContain(RELU_GRAD_KERNEL);
    expect(info.kernelNames).not.toContain('Step');
  });

  it('keeps TF.js’s formula on the CPU backend', async () => {
    registerFusedReluGrad();
    const x = values(30, 3);
    const w = values(30, 4, 2);
    await tf.setBackend('cpu');
    try {
      const cpuBits = reluGradBits(x, w, [30]);
      const expected = new Uint32Array(Float32Array.from(x, (v, i) => w[i] * (v > 0 ? 1 : Number.isNaN(v) ? v : 0)).buffer);
      expect(cpuBits).toEqual(expected);
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
