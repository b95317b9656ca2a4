// Our Conv2DBackpropFilter on the WASM backend (which has none) against TF.js's CPU kernel: every
// filter gradient of the Keras-example conv VAE (28×28 and 32×32 inputs), through the packed
// product and through the plain loop, and whole gradients through tf.conv2d/tf.conv2dTranspose.
// Tolerance: relativeError (max |x − ref| ÷ max |ref|) ≤ 1e-4. The CPU kernel needs minutes for
// one batch-128 gradient of the big layers, so at batch 128 the reference is a float64 loop
// written here, itself checked against the CPU kernel at batch 1 and 2.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { mulberry32 } from '../model/prng';
import { convBackpropFilterCounts, registerConvBackpropFilter, unregisterConvBackpropFilter } from './convBackpropFilter';
import { convGeometry, type ConvGeometry } from './convGeometry';
import { registerFastMatMul, unregisterFastMatMul } from './registerFastMatMul';
import { relativeError } from './relativeError';
import { VAE_CONV_LAYERS, type ConvLayerCase } from './convCases';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

/** Values in [−1, 1], a share `zeros` of them 0 (ReLU outputs, MNIST's blank pixels). */
function values(n: number, seed: number, zeros: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rand() < zeros ? 0 : 2 * rand() - 1;
  return out;
}

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

interface Operands {
  c: ConvLayerCase;
  batch: number;
  x: Float32Array;
  dy: Float32Array;
  g: ConvGeometry;
}

function operands(c: ConvLayerCase, batch: number, seed: number): Operands {
  const g = convGeometry(tf, [batch, ...c.x], c.filter, { strides: c.stride, pad: c.pad });
  if (typeof g === 'string') throw new Error(g);
  return { c, batch, g, x: values(batch * size(c.x), seed, c.xZeros), dy: values(g.batch * g.outH * g.outW * g.outC, seed + 1, 0) };
}

/** The filter gradient by whichever backend is active. */
function filterGrad(o: Operands): Float32Array {
  const { c, batch, g } = o;
  const r = tf.tidy(() =>
    tf.engine().runKernel(
      'Conv2DBackpropFilter',
      { x: tf.tensor4d(o.x, [batch, ...c.x]), dy: tf.tensor4d(o.dy, [batch, g.outH, g.outW, g.outC]) },
      { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter },
    ),
  ) as tf.Tensor;
  const v = r.dataSync() as Float32Array;
  r.dispose();
  return v;
}

/** dW[kh, kw, ci, co] = Σ x[b, oh·s + kh − top, ow·s + kw − left, ci] · dy[b, oh, ow, co], in float64. */
function referenceFilterGrad({ x, dy, g }: Operands): Float64Array {
  const dw = new Float64Array(g.fH * g.fW * g.inC * g.outC);
  for (let b = 0; b < g.batch; b++)
    for (let oh = 0; oh < g.outH; oh++)
      for (let ow = 0; ow < g.outW; ow++) {
        const d = ((b * g.outH + oh) * g.outW + ow) * g.outC;
        for (let kh = 0; kh < g.fH; kh++) {
          const ih = oh * g.sH + kh - g.padTop;
          if (ih < 0 || ih >= g.inH) continue;
          for (let kw = 0; kw < g.fW; kw++) {
            const iw = ow * g.sW + kw - g.padLeft;
            if (iw < 0 || iw >= g.inW) continue;
            for (let ci = 0; ci < g.inC; ci++) {
              const v = x[((b * g.inH + ih) * g.inW + iw) * g.inC + ci];
              if (v === 0) continue;
              const w = ((kh * g.fW + kw) * g.inC + ci) * g.outC;
              for (let co = 0; co < g.outC; co++) dw[w + co] += v * dy[d + co];
            }
          }
        }
      }
  return dw;
}

// The VAE's layers, and edges: 'valid', a filter wider than the stride, odd sizes, asymmetric 'same'.
const EDGE_CASES: ConvLayerCase[] = [
  { name: 'valid 5×5 s2 on 9×11×3', x: [9, 11, 3], filter: [5, 5, 3, 7], stride: 2, pad: 'valid', xZeros: 0 },
  { name: 'same 2×2 s1 on 5×6×2', x: [5, 6, 2], filter: [2, 2, 2, 5], stride: 1, pad: 'same', xZeros: 0.5 },
  { name: 'same 3×3 s3 on 10×10×4', x: [10, 10, 4], filter: [3, 3, 4, 9], stride: 3, pad: 'same', xZeros: 0 },
  // One channel in, 64 out (two passes of the direct kernel's 32), padding before the image.
  { name: 'one channel: same 4×4 s3 on 11×9×1 → 64', x: [11, 9, 1], filter: [4, 4, 1, 64], stride: 3, pad: 'same', xZeros: 0.3 },
];
/** Cases the one-channel direct kernel takes (thinConvModule.ts); the rest go through im2col. */
const isDirect = (c: ConvLayerCase) => c.x[2] === 1 && c.filter[3] % 32 === 0;
const SMALL = [...VAE_CONV_LAYERS, ...EDGE_CASES];

let cpuAtBatch1: Float32Array[] = [];
let cpuEdgesAtBatch2: Float32Array[] = [];
let cpuFirstLayerAt128: Float32Array;

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
  cpuAtBatch1 = SMALL.map((c, i) => filterGrad(operands(c, 1, 100 + i)));
  cpuEdgesAtBatch2 = EDGE_CASES.map((c, i) => filterGrad(operands(c, 2, 200 + i)));
  cpuFirstLayerAt128 = filterGrad(operands(VAE_CONV_LAYERS[0], 128, 300));
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
  expect(registerFastMatMul(tf, { minMacs: 0 }).registered).toEqual(['BatchMatMul']);
  expect(registerConvBackpropFilter(tf).registered).toEqual(['Conv2DBackpropFilter']);
}, 300_000);
afterAll(() => {
  unregisterConvBackpropFilter();
  unregisterFastMatMul();
});

describe('Conv2DBackpropFilter (wasm)', () => {
  it('matches the CPU kernel at batch 1 for every VAE layer and the edge cases, through the packed product or the direct kernel', () => {
    const before = convBackpropFilterCounts();
    const errors = SMALL.map((c, i) => relativeError(filterGrad(operands(c, 1, 100 + i)), cpuAtBatch1[i]));
    const after = convBackpropFilterCounts();
    expect(after.direct - before.direct).toBe(SMALL.filter(isDirect).length);
    expect(after.direct - before.direct).toBeGreaterThanOrEqual(5);
    expect(after.product - before.product).toBe(SMALL.filter((c) => !isDirect(c)).length);
    for (const [i, e] of errors.entries()) expect(e, SMALL[i].name).toBeLessThanOrEqual(1e-4);
  });

  it('matches the CPU kernel at batch 2 (edge cases) and batch 128 (the first layer)', () => {
    for (const [i, c] of EDGE_CASES.entries()) expect(relativeError(filterGrad(operands(c, 2, 200 + i)), cpuEdgesAtBatch2[i]), c.name).toBeLessThanOrEqual(1e-4);
    expect(relativeError(filterGrad(operands(VAE_CONV_LAYERS[0], 128, 300)), cpuFirstLayerAt128)).toBeLessThanOrEqual(1e-4);
  });

  it('the float64 reference agrees with the CPU kernel (batch 1 and 2), so it can stand in at batch 128', () => {
    for (const [i, c] of SMALL.entries()) expect(relativeError(referenceFilterGrad(operands(c, 1, 100 + i)), cpuAtBatch1[i]), c.name).toBeLessThanOrEqual(1e-5);
    for (const [i, c] of EDGE_CASES.entries()) expect(relativeError(referenceFilterGrad(operands(c, 2, 200 + i)), cpuEdgesAtBatch2[i]), c.name).toBeLessThanOrEqual(1e-5);
  });

  it('matches the reference at batch 128 for every VAE layer', () => {
    for (const [i, c] of VAE_CONV_LAYERS.entries()) {
      const o = operands(c, 128, 400 + i);
      expect(relativeError(filterGrad(o), referenceFilterGrad(o)), c.name).toBeLessThanOrEqual(1e-4);
    }
  }, 120_000);

  it('without the fast product, the plain loop gives the same gradients', () => {
    unregisterFastMatMul();
    try {
      const before = convBackpropFilterCounts().loop;
      for (const [i, c] of SMALL.entries()) expect(relativeError(filterGrad(operands(c, 1, 100 + i)), cpuAtBatch1[i]), c.name).toBeLessThanOrEqual(1e-4);
      expect(convBackpropFilterCounts().loop - before).toBe(SMALL.filter((c) => !isDirect(c)).length);
    } finally {
      registerFastMatMul(tf, { minMacs: 0 });
    }
  });

  it('leaks no tensors and refuses what it does not compute, by name', () => {
    const o = operands(EDGE_CASES[0], 1, 7);
    const n = tf.memory().numTensors;
    filterGrad(o);
    expect(tf.memory().numTensors).toBe(n);
    const x = tf.zeros([1, 5, 5, 2]);
    const dy = tf.zeros([1, 5, 5, 3]);
    expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 4] })).toThrow(/does not match/);
    tf.dispose([x, dy]);
  });
});
