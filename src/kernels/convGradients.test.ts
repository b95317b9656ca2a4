// tf.grad through the conv VAE's convolutions on the WASM backend with our kernels registered
// (registerWasmKernels, as the worker and the CLI do) against the CPU backend: the five layers
// chained (conv, conv, convT, convT, convT with ReLUs), gradients for the input and every filter.
// Tolerance: relativeError ≤ 1e-4 per gradient.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { mulberry32 } from '../model/prng';
import { unregisterConvBackpropFilter } from './convBackpropFilter';
import { registerConvKernels, unregisterConvKernels } from './convKernels';
import { layerOutput, VAE_LAYERS, type ConvLayer } from './convCases';
import { unregisterFastMatMul } from './registerFastMatMul';
import { relativeError } from './relativeError';
import { registerWasmKernels } from './wasmKernels';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

function values(n: number, seed: number, scale: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n }, () => scale * (2 * rand() - 1));
}
const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** One layer forward: tf.conv2d, or tf.conv2dTranspose to the layer's output size. */
function forward(l: ConvLayer, x: tf.Tensor4D, w: tf.Tensor4D): tf.Tensor4D {
  const s: [number, number] = [l.stride, l.stride];
  return l.kind === 'conv' ? tf.conv2d(x, w, s, 'same') : tf.conv2dTranspose(x, w, [x.shape[0], ...layerOutput(l)], s, 'same');
}

/**
 * Gradients of Σ r ⊙ f(x) for the chained layers (ReLU between them) with respect to x and
 * each filter, by whichever backend is active.
 */
function chainGradients(layers: ConvLayer[], batch: number, seed: number): Float32Array[] {
  const x = tf.tensor4d(values(batch * size(layers[0].input), seed, 1), [batch, ...layers[0].input]);
  const ws = layers.map((l, i) => tf.tensor4d(values(size(l.filter), seed + 1 + i, 0.3), l.filter));
  const last = layers[layers.length - 1];
  const r = tf.tensor(values(batch * size(layerOutput(last)), seed + 99, 1));
  const f = (...args: tf.Tensor[]) => {
    let h = args[0] as tf.Tensor4D;
    layers.forEach((l, i) => {
      h = forward(l, h, args[1 + i] as tf.Tensor4D);
      if (i < layers.length - 1) h = tf.relu(h);
    });
    return tf.sum(tf.mul(tf.reshape(h, [-1]), r));
  };
  const grads = tf.grads(f)([x, ...ws]);
  const out = grads.map((g) => g.dataSync() as Float32Array);
  tf.dispose([x, ...ws, r, ...grads]);
  return out;
}

const CHAINS = [
  { name: '28×28', layers: VAE_LAYERS.slice(0, 5), batch: 1 },
  { name: '32×32', layers: VAE_LAYERS.slice(5, 10), batch: 1 },
];
let reference: Float32Array[][] = [];

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  reference = CHAINS.map((c, i) => chainGradients(c.layers, c.batch, 10 * i));
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(registerWasmKernels(tf, { threads: 1 }).registered).toContain('Conv2DBackpropFilter');
}, 300_000);
afterAll(() => {
  unregisterConvKernels();
  unregisterConvBackpropFilter();
  unregisterFastMatMul();
});

describe('conv VAE gradients on wasm', () => {
  for (const [routes, [i, c]] of [false, true].flatMap((all) => [...CHAINS.entries()].map((e) => [all, e] as const))) {
    it(`match the CPU backend through the five layers at ${c.name} (input and every filter), ${routes ? 'our Conv2D too' : 'as registered'}`, () => {
      if (routes) registerConvKernels(tf, { Conv2D: () => true, Conv2DBackpropInput: () => true });
      const n = tf.memory().numTensors;
      const grads = chainGradients(c.layers, c.batch, 10 * i);
      expect(tf.memory().numTensors).toBe(n);
      expect(grads.length).toBe(6);
      for (const [j, g] of grads.entries()) expect(relativeError(g, reference[i][j]), j === 0 ? 'input' : c.layers[j - 1].name).toBeLessThanOrEqual(1e-4);
    });
  }
});
