// The fast BatchMatMul inside TF.js's WASM backend gives the stock kernel's answers: every
// product of the VAE's training step in all four transpose combinations, batched and broadcast
// products, odd sizes, gradients of a small MLP; it leaks no tensors and unregisters cleanly.
// Tolerance: the README's claim, relativeError (max |x − ref| ÷ max |ref|) ≤ 1e-5; measured on
// these seeds the worst is ≈ 1.2e-6 (the summation order differs from XNNPACK's).

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../model/registerGradientsNode';
import { fastPathWorthIt, planMatMul } from './matMulPlan';
import { fastMatMulStats, fastMatMulThreads, MAX_THREADS, MIN_FAST_MACS, registerFastMatMul, setFastMatMulThreads, unregisterFastMatMul } from './registerFastMatMul';
import { wasmHeapOf } from './wasmBackendAccess';
import { relativeError } from './relativeError';

v8.setFlagsFromString('--experimental-wasm-relaxed-simd');

type Product = { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean };

/** Runs the product with whichever kernel is registered now; returns the values and the shape. */
function product(p: Product, seed: number): { values: Float32Array; shape: number[] } {
  // Read outside tf.tidy: tidy walks a returned object's every element looking for tensors.
  const y = tf.tidy(() =>
    tf.matMul(tf.randomUniform(p.a, -1, 1, 'float32', seed), tf.randomUniform(p.b, -1, 1, 'float32', seed + 1), p.transposeA, p.transposeB),
  );
  const out = { values: y.dataSync() as Float32Array, shape: y.shape };
  y.dispose();
  return out;
}

/** op(A) m×k and op(B) k×n laid out for the given transpose flags. */
const logical = (m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): Product => ({
  a: transposeA ? [k, m] : [m, k],
  b: transposeB ? [n, k] : [k, n],
  transposeA,
  transposeB,
});

const COMBOS = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

// [m, k, n]: the encoder, heads and decoder of the 784-512-256-2 VAE at batch 128, and the
// weight-gradient shapes (inner dimension = the batch).
const TRAINING_SHAPES: Array<[number, number, number]> = [
  [128, 784, 512],
  [128, 512, 256],
  [128, 256, 2],
  [128, 2, 256],
  [128, 256, 512],
  [128, 512, 784],
  [784, 128, 512],
  [512, 128, 256],
  [256, 128, 2],
];
const ODD_SHAPES: Array<[number, number, number]> = [
  [37, 53, 29],
  [1, 1, 1],
  [3, 5, 7],
  [5, 3, 1],
  [129, 9, 33],
];

function compareWithStock(products: Product[], seed0: number, fastOptions: Parameters<typeof registerFastMatMul>[1] = {}): number[] {
  unregisterFastMatMul();
  const stock = products.map((p, i) => product(p, seed0 + 2 * i));
  registerFastMatMul(tf, fastOptions);
  const errors = products.map((p, i) => {
    const fast = product(p, seed0 + 2 * i);
    expect(fast.shape).toEqual(stock[i].shape);
    return relativeError(fast.values, stock[i].values);
  });
  return errors;
}

beforeAll(async () => {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(() => unregisterFastMatMul());

describe('registerFastMatMul on the wasm backend', () => {
  it('registers BatchMatMul, and unregistering restores the stock kernel', () => {
    const stockConfig = tf.getKernel('BatchMatMul', 'wasm');
    const r = registerFastMatMul(tf);
    expect(r.registered).toEqual(['BatchMatMul']);
    expect(r.reason).toBeUndefined();
    expect(tf.getKernel('BatchMatMul', 'wasm')).not.toBe(stockConfig);
    unregisterFastMatMul();
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(stockConfig);
  });

  it('matches the stock kernel on every training-step shape, all four transpose combinations', () => {
    const products = TRAINING_SHAPES.flatMap(([m, k, n]) => COMBOS.map(([ta, tb]) => logical(m, k, n, ta, tb)));
    const before = fastMatMulStats();
    const errors = compareWithStock(products, 10);
    errors.forEach((e, i) => expect(e, JSON.stringify(products[i])).toBeLessThan(1e-5));
    const after = fastMatMulStats();
    // Each product went where fastPathWorthIt sends it (matMulPlan.test.ts pins that routing).
    const fast = products.filter((p) => fastPathWorthIt(planMatMul(p.a, p.b, p.transposeA, p.transposeB)!, p.transposeA, p.transposeB, MIN_FAST_MACS)).length;
    expect(fast).toBeGreaterThan(products.length / 2);
    expect(after.fast - before.fast).toBe(fast);
    expect(after.stock - before.stock).toBe(products.length - fast);
  });

  it('computes odd sizes exactly like the stock kernel when forced onto the fast path', () => {
    const products = ODD_SHAPES.flatMap(([m, k, n]) => COMBOS.map(([ta, tb]) => logical(m, k, n, ta, tb)));
    unregisterFastMatMul();
    const errors = compareWithStock(products, 500, { minMacs: 0 });
    errors.forEach((e, i) => expect(e, JSON.stringify(products[i])).toBeLessThan(1e-5));
    expect(fastMatMulStats().stock).toBe(0);
    unregisterFastMatMul();
  });

  it('handles batched and broadcast products like the stock kernel', () => {
    const products: Product[] = [
      { a: [3, 40, 64], b: [3, 64, 50], transposeA: false, transposeB: false },
      { a: [3, 64, 40], b: [1, 50, 64], transposeA: true, transposeB: true },
      { a: [40, 64], b: [2, 2, 64, 50], transposeA: false, transposeB: false },
      // Incompatible for a constant batch stride: must fall back to stock, still correct.
      { a: [2, 1, 40, 64], b: [1, 3, 64, 50], transposeA: false, transposeB: false },
    ];
    const errors = compareWithStock(products, 900, { minMacs: 0 });
    errors.forEach((e, i) => expect(e, JSON.stringify(products[i])).toBeLessThan(1e-5));
    expect(fastMatMulStats()).toMatchObject({ fast: 3, stock: 1 });
    unregisterFastMatMul();
  });

  it('gives the stock gradients of a small MLP loss, and leaks neither tensors nor heap', () => {
    const x = tf.randomUniform([64, 100], 0, 1, 'float32', 1);
    const w1 = tf.randomNormal([100, 48], 0, 0.1, 'float32', 2);
    const w2 = tf.randomNormal([48, 30], 0, 0.1, 'float32', 3);
    const w3 = tf.randomNormal([30, 100], 0, 0.1, 'float32', 4);
    const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => {
      const h = tf.relu(tf.matMul(tf.relu(tf.matMul(x, a)), b));
      const logits = tf.matMul(h, c);
      // Bernoulli cross-entropy from logits, in the stable form the model uses.
      return tf.mean(tf.add(tf.sub(tf.relu(logits), tf.mul(logits, x)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))))) as tf.Scalar;
    };
    const grads = () => {
      const gs = tf.grads((a, b, c) => loss(a, b, c))([w1, w2, w3]);
      const values = gs.map((g) => g.dataSync() as Float32Array);
      tf.dispose(gs);
      return values;
    };

    unregisterFastMatMul();
    const stock = grads();
    registerFastMatMul(tf, { minMacs: 0 });
    grads(); // warm-up: the fast kernel's scratch is allocated once, on first use.
    const heap = wasmHeapOf(tf.backend());
    if (typeof heap === 'string') throw new Error(heap);
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const heapBytes = heap.memory.buffer.byteLength;
    const fast = grads();
    for (let i = 0; i < 20; i++) grads();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
    expect(heap.memory.buffer.byteLength).toBe(heapBytes);
    fast.forEach((g, i) => expect(relativeError(g, stock[i])).toBeLessThan(1e-5));
    tf.dispose([x, w1, w2, w3]);
    unregisterFastMatMul();
  });

  it('with 2 to 5 threads (1 to 4 helpers, worker_threads), matches the one-thread kernel on the big products', async () => {
    const products = TRAINING_SHAPES.filter(([m, k, n]) => m * k * n >= 1 << 22).flatMap(([m, k, n]) =>
      COMBOS.map(([ta, tb]) => logical(m, k, n, ta, tb)),
    );
    // The one-thread kernel matches the stock one (above), and is much quicker to compare with.
    unregisterFastMatMul();
    registerFastMatMul(tf);
    const single = products.map((p, i) => product(p, 1000 + 2 * i));
    unregisterFastMatMul();
    const r = registerFastMatMul(tf, { threads: 2, spawnWorker: (source) => new Worker(source, { eval: true }) });
    expect(r.threadsReason).toBeUndefined();
    expect(await r.threadsReady).toBe(2);
    // The speed probe changes the count between trials, on the registered kernel.
    for (const threads of [2, 3, 4, 5]) {
      expect(await setFastMatMulThreads(threads)).toEqual({ threads });
      expect(fastMatMulThreads()).toBe(threads);
      const before = fastMatMulStats().threaded;
      products.forEach((p, i) => {
        const fast = product(p, 1000 + 2 * i);
        expect(relativeError(fast.values, single[i].values), `${threads} threads, ${JSON.stringify(p)}`).toBeLessThan(1e-5);
      });
      expect(fastMatMulStats().threaded - before).toBe(products.length);
    }
    // Back to one thread: nothing is shared any more.
    expect(await setFastMatMulThreads(1)).toEqual({ threads: 1 });
    const before = fastMatMulStats().threaded;
    product(products[0], 1000);
    expect(fastMatMulStats().threaded).toBe(before);
    unregisterFastMatMul();
  });

  it('clamps a thread count out of range, and says why it has one thread when helpers cannot start', async () => {
    unregisterFastMatMul();
    registerFastMatMul(tf, {
      spawnWorker: () => {
        throw new Error('no workers in this test');
      },
    });
    expect(await setFastMatMulThreads(0)).toEqual({ threads: 1 });
    expect(await setFastMatMulThreads(Number.NaN)).toEqual({ threads: 1 });
    const failed = await setFastMatMulThreads(3);
    expect(failed.threads).toBe(1);
    expect(failed.reason).toMatch(/no workers in this test/);
    expect(fastMatMulThreads()).toBe(1);
    unregisterFastMatMul();
    expect(await setFastMatMulThreads(4)).toEqual({ threads: 1, reason: 'the fast matrix product is not registered' });
    expect(MAX_THREADS).toBeGreaterThan(16);
  });
});
