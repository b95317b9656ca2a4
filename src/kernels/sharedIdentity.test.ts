// The sharing Identity on the WASM backend: a clone reads the same values without new memory,
// outlives its source, frees the buffer with the last reference, and a training step gives the
// same weights as with the copying kernel while its tensor and byte counts stay flat.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, DEFAULT_HYPER, DEFAULT_MODEL, Trainer } from '../model';
import '../model/registerGradientsNode';
import { registerSharedIdentity, unregisterSharedIdentity } from './sharedIdentity';

const HYPER = { ...DEFAULT_HYPER, batchSize: 16 };
const SMALL = { ...DEFAULT_MODEL, hidden: [32, 16] };

/** Weights after `steps` Adam steps of a small VAE on a fixed batch. */
function trainedWeights(steps: number): Float32Array[] {
  const net = createNetwork(SMALL, 5);
  const trainer = new Trainer(net, HYPER, 5);
  const x = tf.tidy(() => tf.round(tf.randomUniform([16, 784], 0, 1, 'float32', 9)) as tf.Tensor2D);
  for (let i = 0; i < steps; i++) trainer.step(x);
  const out = net.variables.map((v) => v.dataSync() as Float32Array);
  x.dispose();
  trainer.dispose();
  net.dispose();
  return out;
}

describe('shared Identity (wasm)', () => {
  beforeAll(async () => {
    setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(() => unregisterSharedIdentity(tf));

  it('clones without new memory, and the clone outlives its source', () => {
    expect(registerSharedIdentity(tf).registered).toEqual(['Identity']);
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    // numBytes counts every tensor's size; numDataBuffers counts the buffers behind them.
    const buffers = tf.memory().numDataBuffers;
    const b = tf.clone(a);
    expect(tf.memory().numDataBuffers).toBe(buffers);
    expect(b.shape).toEqual([2, 3]);
    a.dispose();
    expect(Array.from(b.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    b.dispose();
    // The last reference gone, the buffer is freed.
    expect(tf.memory().numDataBuffers).toBe(buffers - 1);
    expect(b.isDisposed).toBe(true);
  });

  it('leaves a variable and its earlier clone independent after assign', () => {
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const c = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(c.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    tf.dispose([v, c]);
  });

  it('trains to the same weights as the copying kernel, with flat tensor and byte counts', () => {
    unregisterSharedIdentity(tf);
    const copying = trainedWeights(4);
    registerSharedIdentity(tf);
    const sharing = trainedWeights(4);
    sharing.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(copying[i])));

    const net = createNetwork(SMALL, 6);
    const trainer = new Trainer(net, HYPER, 6);
    const x = tf.tidy(() => tf.round(tf.randomUniform([16, 784], 0, 1, 'float32', 2)) as tf.Tensor2D);
    trainer.step(x);
    const after1 = tf.memory();
    for (let i = 0; i < 20; i++) trainer.step(x);
    expect(tf.memory().numTensors).toBe(after1.numTensors);
    expect(tf.memory().numBytes).toBe(after1.numBytes);
    tf.dispose(x);
    trainer.dispose();
    net.dispose();
  });
});
