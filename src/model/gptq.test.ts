import { describe, expect, it } from 'vitest';
import { dequantize, gptqDecoder, gptqLayer } from './gptq';
import type { DenseWeights } from './types';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function product(x: Float32Array, n: number, W: ArrayLike<number>, inDim: number, outDim: number): Float64Array {
  const y = new Float64Array(n * outDim);
  for (let s = 0; s < n; s++) {
    for (let k = 0; k < inDim; k++) {
      const a = x[s * inDim + k];
      for (let j = 0; j < outDim; j++) y[s * outDim + j] += a * W[k * outDim + j];
    }
  }
  return y;
}

const sq = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);

describe('gptq', () => {
  const random = seeded(11);
  const inDim = 48;
  const outDim = 20;
  const n = 400;
  const layer: DenseWeights = {
    inDim,
    outDim,
    W: Float32Array.from({ length: inDim * outDim }, () => random()),
    b: new Float32Array(outDim),
  };
  // Correlated, non-negative inputs, as a ReLU layer produces.
  const x = new Float32Array(n * inDim);
  for (let s = 0; s < n; s++) {
    const common = random() + 0.5;
    for (let k = 0; k < inDim; k++) x[s * inDim + k] = Math.max(0, common * (k % 5) * 0.3 + random());
  }

  it('keeps int8 values in range, with one positive scale per output column', () => {
    const { q, scale } = gptqLayer(layer, x, n);
    expect(q.length).toBe(inDim * outDim);
    expect(scale.length).toBe(outDim);
    expect(Math.max(...Array.from(q, Math.abs))).toBeLessThanOrEqual(127);
    expect(Array.from(scale).every((s) => s > 0)).toBe(true);
  });

  it('makes a smaller output error than rounding each weight to its nearest level', () => {
    const exact = product(x, n, layer.W, inDim, outDim);
    const g = gptqLayer(layer, x, n);
    const gptqError = sq(product(x, n, dequantize(g, inDim, outDim), inDim, outDim), exact);
    const nearest = dequantize({ q: Int8Array.from(layer.W, (w, i) => Math.round(w / g.scale[i % outDim])), scale: g.scale }, inDim, outDim);
    const nearestError = sq(product(x, n, nearest, inDim, outDim), exact);
    expect(gptqError).toBeGreaterThan(0);
    expect(gptqError).toBeLessThan(nearestError * 0.7);
  });

  it('refuses calibration inputs of the wrong width', () => {
    expect(() => gptqLayer(layer, new Float32Array(10), 1)).toThrow(/calibration inputs/);
  });

  it('leaves the first decoder layer as it is and quantizes the rest', () => {
    const first: DenseWeights = { inDim: 2, outDim: inDim, W: Float32Array.from({ length: 2 * inDim }, () => random()), b: new Float32Array(inDim) };
    const z = Float32Array.from({ length: n * 2 }, () => random() * 6);
    const out = gptqDecoder([first, layer], z, n);
    expect(out[0]).toBeNull();
    expect(out[1]?.q.length).toBe(inDim * outDim);
  });
});
