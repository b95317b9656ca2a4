// FusedAdamOptimizer follows tf.AdamOptimizer step for step: with the fused WASM kernel and
// with its op-by-op fallback, across sizes that exercise the kernel's vector and scalar parts;
// it leaks no tensors and its weights round-trip.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFusedAdam, unregisterFusedAdam } from './fusedAdam';
import { FusedAdamOptimizer } from './fusedAdamOptimizer';
import { relativeError } from './relativeError';

// Sizes: a multiple of 4, a remainder of 3, a 1-D bias, a single element.
const SHAPES: number[][] = [[32, 24], [7, 5], [13], [1]];
const STEPS = 6;

function makeVariables(prefix: string): tf.Variable[] {
  return SHAPES.map((s, i) => tf.variable(tf.randomNormal(s, 0, 1, 'float32', 10 + i), true, `${prefix}${i}`));
}

/** The gradient of step t for variable i: the same for every optimizer under test (seed 0 would mean "random"). */
const gradient = (t: number, i: number) => tf.randomNormal(SHAPES[i], 0, 0.1 * (t + 1), 'float32', 1000 + 100 * t + i);

function train(opt: tf.Optimizer, vars: tf.Variable[], steps = STEPS): Float32Array[] {
  for (let t = 0; t < steps; t++) {
    const grads = vars.map((v, i) => ({ name: v.name, tensor: gradient(t, i) }));
    opt.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
  return vars.map((v) => v.dataSync() as Float32Array);
}

/** The worst of relativeError (the parity tests' one measure) over the variables. */
const maxRelativeError = (a: Float32Array[], b: Float32Array[]): number => Math.max(...a.map((x, i) => relativeError(x, b[i])));

let run = 0;
/** Stock Adam and the optimizer under test from the same start; returns the final weights of each. */
function compare(make: () => tf.Optimizer): { stock: Float32Array[]; tested: Float32Array[]; opt: tf.Optimizer } {
  run++;
  const stockVars = makeVariables(`stock${run}_`);
  const testVars = makeVariables(`test${run}_`);
  const stockOpt = tf.train.adam(0.01, 0.9, 0.999);
  const stock = train(stockOpt, stockVars);
  const opt = make();
  const tested = train(opt, testVars);
  stockOpt.dispose();
  tf.dispose([...stockVars, ...testVars]);
  return { stock, tested, opt };
}

beforeAll(async () => {
  setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(() => unregisterFusedAdam(tf));

describe('FusedAdamOptimizer', () => {
  it('with the fused WASM kernel, tracks tf.AdamOptimizer to float32 precision', () => {
    expect(registerFusedAdam(tf)).toEqual({ registered: ['FusedAdamUpdate'] });
    const { stock, tested, opt } = compare(() => new FusedAdamOptimizer(0.01, 0.9, 0.999));
    expect((opt as FusedAdamOptimizer).fused).toBe(true);
    expect(maxRelativeError(tested, stock)).toBeLessThan(1e-5);
    opt.dispose();
  });

  it('without the kernel, its op-by-op path tracks tf.AdamOptimizer too', () => {
    unregisterFusedAdam(tf);
    const { stock, tested, opt } = compare(() => new FusedAdamOptimizer(0.01, 0.9, 0.999));
    expect((opt as FusedAdamOptimizer).fused).toBe(false);
    expect(maxRelativeError(tested, stock)).toBeLessThan(1e-5);
    opt.dispose();
  });

  it('moves the weights (a sanity check that the comparison can fail)', () => {
    registerFusedAdam(tf);
    const vars = makeVariables('moved');
    const before = vars.map((v) => v.dataSync().slice() as Float32Array);
    const opt = new FusedAdamOptimizer(0.01);
    const after = train(opt, vars, 1);
    // One Adam step moves every weight by about lr (the update is lr·sign-like at t = 1).
    expect(maxRelativeError(after, before)).toBeGreaterThan(1e-3);
    opt.dispose();
    tf.dispose(vars);
  });

  it('keeps the tensor count flat across steps and frees its state on dispose', () => {
    registerFusedAdam(tf);
    const vars = makeVariables('flat');
    const start = tf.memory().numTensors;
    const opt = new FusedAdamOptimizer(0.01);
    train(opt, vars, 1); // creates the moments: two per variable
    const afterFirst = tf.memory().numTensors;
    train(opt, vars, 10);
    expect(tf.memory().numTensors).toBe(afterFirst);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose(vars);
  });

  it('round-trips its state through getWeights/setWeights', async () => {
    registerFusedAdam(tf);
    const a = makeVariables('rtA');
    const b = makeVariables('rtB');
    const optA = new FusedAdamOptimizer(0.01);
    train(optA, a, 3);
    // Continue B from A's weights and optimizer state; both then take the same steps.
    b.forEach((v, i) => v.assign(a[i]));
    const optB = new FusedAdamOptimizer(0.01);
    const state = await optA.getWeights();
    await optB.setWeights(state.map((w) => ({ name: w.name, tensor: w.tensor.clone() })));
    expect(maxRelativeError(train(optB, b, 3), train(optA, a, 3))).toBe(0);
    optA.dispose();
    optB.dispose();
    tf.dispose([...a, ...b]);
  });
});
