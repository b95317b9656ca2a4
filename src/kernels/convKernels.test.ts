// Our Conv2D and Conv2DBackpropInput on the WASM backend (convKernels.ts, routed to ours for every
// shape here): the same outputs as TF.js's CPU kernels for the conv VAE's layers at batch 1 and
// as the stock WASM kernels at batch 128 (the CPU kernels take minutes there), edge cases
// ('valid', stride 3, odd sizes, 1×1), the stock route for what ours does not take, and clean
// unregistering. Tolerance: relativeError ≤ 1e-4.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { mulberry32 } from '../model/prng';
import { layerOutput, VAE_LAYERS } from './convCases';
import { convKernelCounts, registerConvKernels, ROUTES, unregisterConvKernels } from './convKernels';
import { registerFastMatMul, unregisterFastMatMul } from './registerFastMatMul';
import { relativeError } from './relativeError';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

interface Case {
  name: string;
  /** The convolution's input per image, its filter (fH, fW, inC, outC), stride, padding. */
  x: [number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}

const LAYER_CASES: Case[] = VAE_LAYERS.map((l) => ({
  name: l.name,
  x: l.kind === 'conv' ? l.input : layerOutput(l),
  filter: l.filter,
  stride: l.stride,
  pad: 'same',
}));
const EDGE_CASES: Case[] = [
  { name: 'valid 5×5 s2 on 9×11×3', x: [9, 11, 3], filter: [5, 5, 3, 7], stride: 2, pad: 'valid' },
  { name: 'same 2×2 s1 on 5×6×2', x: [5, 6, 2], filter: [2, 2, 2, 5], stride: 1, pad: 'same' },
  { name: 'same 3×3 s3 on 10×10×4', x: [10, 10, 4], filter: [3, 3, 4, 9], stride: 3, pad: 'same' },
  { name: 'pointwise 1×1 on 4×5×6', x: [4, 5, 6], filter: [1, 1, 6, 3], stride: 1, pad: 'valid' },
  // One channel in (the direct kernels of thinConvModule.ts): odd sizes, 'same' padding before
  // the image, 'valid', strides 1 and 3, 64 channels out (two passes of 32).
  { name: 'one channel: same 5×5 s1 on 6×7×1 → 16', x: [6, 7, 1], filter: [5, 5, 1, 16], stride: 1, pad: 'same' },
  { name: 'one channel: same 4×4 s3 on 11×9×1 → 64', x: [11, 9, 1], filter: [4, 4, 1, 64], stride: 3, pad: 'same' },
  { name: 'one channel: valid 3×3 s1 on 5×8×1 → 32', x: [5, 8, 1], filter: [3, 3, 1, 32], stride: 1, pad: 'valid' },
];

function values(n: number, seed: number, zeros = 0.3): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: n }, () => (rand() < zeros ? 0 : 2 * rand() - 1));
}
const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);
const outShape = (c: Case, batch: number): number[] => {
  const o = (n: number) => (c.pad === 'same' ? Math.ceil(n / c.stride) : Math.ceil((n - c.filter[0] + 1) / c.stride));
  return [batch, o(c.x[0]), o(c.x[1]), c.filter[3]];
};

/** Conv2D and Conv2DBackpropInput of the case by whichever kernels are active. */
function both(c: Case, batch: number, seed: number): { y: Float32Array; dx: Float32Array } {
  const xShape = [batch, ...c.x];
  const yShape = outShape(c, batch);
  const attrs = { strides: [c.stride, c.stride], pad: c.pad, dataFormat: 'NHWC', dilations: [1, 1] };
  const x = tf.tensor4d(values(size(xShape), seed), xShape as [number, number, number, number]);
  const filter = tf.tensor4d(values(size(c.filter), seed + 1, 0), c.filter);
  const dy = tf.tensor4d(values(size(yShape), seed + 2), yShape as [number, number, number, number]);
  const y = tf.engine().runKernel('Conv2D', { x, filter }, attrs) as tf.Tensor;
  const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { ...attrs, inputShape: xShape }) as tf.Tensor;
  expect(y.shape).toEqual(yShape);
  expect(dx.shape).toEqual(xShape);
  const out = { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array };
  tf.dispose([x, filter, dy, y, dx]);
  return out;
}

const SMALL = [...LAYER_CASES, ...EDGE_CASES];
let cpu: Array<{ y: Float32Array; dx: Float32Array }> = [];
const always = { Conv2D: () => true, Conv2DBackpropInput: () => true };

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  cpu = SMALL.map((c, i) => both(c, 1, 10 * i));
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(registerFastMatMul(tf, { minMacs: 0 }).registered).toEqual(['BatchMatMul']);
}, 120_000);
afterAll(() => {
  unregisterConvKernels();
  unregisterFastMatMul();
});

describe('Conv2D and Conv2DBackpropInput (wasm, ours)', () => {
  it('match the CPU kernels at batch 1 for every VAE layer and the edge cases', () => {
    expect(registerConvKernels(tf, always).registered.sort()).toEqual(['Conv2D', 'Conv2DBackpropInput']);
    const before = convKernelCounts().ours;
    for (const [i, c] of SMALL.entries()) {
      const ours = both(c, 1, 10 * i);
      expect(relativeError(ours.y, cpu[i].y), `${c.name} Conv2D`).toBeLessThanOrEqual(1e-4);
      expect(relativeError(ours.dx, cpu[i].dx), `${c.name} Conv2DBackpropInput`).toBeLessThanOrEqual(1e-4);
    }
    expect(convKernelCounts().ours - before).toBe(2 * SMALL.length);
  });

  it('match the stock WASM kernels at batch 128 for every VAE layer', () => {
    for (const [i, c] of LAYER_CASES.entries()) {
      unregisterConvKernels();
      const stock = both(c, 128, 500 + i);
      registerConvKernels(tf, always);
      const ours = both(c, 128, 500 + i);
      expect(relativeError(ours.y, stock.y), `${c.name} Conv2D`).toBeLessThanOrEqual(1e-4);
      expect(relativeError(ours.dx, stock.dx), `${c.name} Conv2DBackpropInput`).toBeLessThanOrEqual(1e-4);
    }
  }, 120_000);

  it('route by ROUTES: the stock Conv2D for short filter rows, ours for long ones, our Conv2DBackpropInput, and the stock kernels for dilations', () => {
    unregisterConvKernels();
    registerConvKernels(tf);
    const g = { batch: 1, inH: 28, inW: 28, inC: 1, outH: 14, outW: 14, outC: 32, fH: 3, fW: 3, sH: 2, sW: 2, padTop: 0, padLeft: 0 };
    expect(ROUTES.Conv2D(g)).toBe(false);
    expect(ROUTES.Conv2D({ ...g, inC: 64 })).toBe(true);
    expect(ROUTES.Conv2DBackpropInput(g)).toBe(true);
    const before = convKernelCounts();
    both(LAYER_CASES[1], 1, 10);
    const after = convKernelCounts();
    expect([after.ours - before.ours, after.stock - before.stock]).toEqual([1, 1]);
    registerConvKernels(tf, always);
    const x = tf.ones([1, 7, 7, 2]);
    const w = tf.ones([3, 3, 2, 1]);
    const n = convKernelCounts().stock;
    const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid', 'NHWC', 2);
    expect(convKernelCounts().stock - n).toBe(1);
    expect(y.shape).toEqual([1, 3, 3, 1]);
    expect(Array.from(y.dataSync())).toEqual(new Array(9).fill(18));
    tf.dispose([x, w, y]);
  });

  it('leak no tensors, and unregistering restores the stock kernels', () => {
    registerConvKernels(tf, always);
    const n = tf.memory().numTensors;
    both(EDGE_CASES[0], 2, 3);
    expect(tf.memory().numTensors).toBe(n);
    unregisterConvKernels();
    const before = convKernelCounts();
    both(EDGE_CASES[0], 2, 3);
    expect(convKernelCounts()).toEqual(before);
  });
});
