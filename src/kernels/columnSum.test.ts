// The column-sum Sum kernel on the WASM backend: the same values as the stock kernel for every
// leading-axes reduction (with and without keepDims, negative axes, odd widths), the stock
// route for everything else, and the same bias gradients in a training step.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { columnSumCount, leadingReduction, registerColumnSum, unregisterColumnSum } from './columnSum';
import { relativeError } from './relativeError';


/** Runs `f` with the stock kernel and with ours; returns both results and how many sums went fast. */
function both(f: () => tf.Tensor): { stock: tf.Tensor; fast: tf.Tensor; fastCalls: number } {
  unregisterColumnSum(tf);
  const stock = f();
  registerColumnSum(tf);
  const before = columnSumCount();
  const fast = f();
  return { stock, fast, fastCalls: columnSumCount() - before };
}

describe('leadingReduction', () => {
  it('accepts exactly the leading axes, in any order or sign', () => {
    expect(leadingReduction([128, 784], 0)).toEqual({ rows: 128, cols: 784, outShape: [784] });
    expect(leadingReduction([2, 3, 5], [1, 0])).toEqual({ rows: 6, cols: 5, outShape: [5] });
    expect(leadingReduction([4, 6], [-2])).toEqual({ rows: 4, cols: 6, outShape: [6] });
    expect(leadingReduction([4, 6], 1)).toBeNull();
    expect(leadingReduction([4, 6], [0, 1])).toBeNull();
    expect(leadingReduction([2, 3, 5], [0, 2])).toBeNull();
    expect(leadingReduction([7], 0)).toBeNull();
    expect(leadingReduction([0, 5], 0)).toBeNull();
  });
});

describe('column Sum (wasm)', () => {
  beforeAll(async () => {
    setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(registerColumnSum(tf).registered).toEqual(['Sum']);
  });
  afterAll(() => unregisterColumnSum(tf));

  const CASES: Array<{ shape: number[]; axis: number | number[]; keepDims?: boolean }> = [
    { shape: [128, 784], axis: 0 },
    { shape: [128, 3], axis: 0 },
    { shape: [37, 45], axis: -2, keepDims: true },
    { shape: [2, 3, 5], axis: [0, 1] },
    { shape: [2, 3, 5], axis: 0, keepDims: true },
    { shape: [1, 9], axis: 0 },
  ];
  for (const { shape, axis, keepDims } of CASES) {
    it(`sums ${JSON.stringify(shape)} over ${JSON.stringify(axis)}${keepDims ? ' keeping dims' : ''} as the stock kernel does`, () => {
      const x = tf.randomNormal(shape, 0, 1, 'float32', 11);
      const { stock, fast, fastCalls } = both(() => tf.sum(x, axis, keepDims));
      expect(fastCalls).toBe(1);
      expect(fast.shape).toEqual(stock.shape);
      expect(relativeError(fast.dataSync(), stock.dataSync())).toBeLessThan(1e-5);
      tf.dispose([x, stock, fast]);
    });
  }

  it('leaves inner-axis, whole-tensor and integer sums to the stock kernel', () => {
    const x = tf.randomNormal([6, 7], 0, 1, 'float32', 3);
    const ints = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
    const before = columnSumCount();
    expect(tf.sum(x, 1).shape).toEqual([6]);
    expect(tf.sum(x).shape).toEqual([]);
    expect(Array.from(tf.sum(ints, 0).dataSync())).toEqual([4, 6]);
    expect(columnSumCount()).toBe(before);
    tf.dispose([x, ints]);
  });

  it('gives the same bias gradient of x·W + b', () => {
    const x = tf.randomNormal([64, 30], 0, 1, 'float32', 5);
    const w = tf.randomNormal([30, 21], 0, 1, 'float32', 6);
    const b = tf.randomNormal([21], 0, 1, 'float32', 7);
    const grad = () => tf.grad((bias: tf.Tensor) => tf.sum(tf.square(tf.add(tf.matMul(x, w), bias))))(b);
    const { stock, fast, fastCalls } = both(grad);
    expect(fastCalls).toBeGreaterThan(0);
    expect(relativeError(fast.dataSync(), stock.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, w, b, stock, fast]);
  });
});
